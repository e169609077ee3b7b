import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { RedemptionConflictTable } from '../conflicts/tables.ts';
import type { TerminalSyncTable } from './tables.ts';

export const insertTerminalSync = (db: Db, row: Insertable<TerminalSyncTable>) => db.insertInto('terminal_sync').values(row).execute();

/** Inserts the conflict unless its id exists; true when inserted. Runs inside the caller's transaction. */
export async function insertConflict(db: Db, row: Insertable<RedemptionConflictTable>): Promise<boolean> {
  const r = await db.insertInto('redemption_conflict').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
  return r !== undefined;
}

export const findConflictById = (db: Db, id: string) =>
  db.selectFrom('redemption_conflict').select(['id', 'reason', 'conflicts_with', 'request_hash']).where('id', '=', id).executeTakeFirst();

/** The cycle's program and period, to post a conflict's price to the cycle's income account. */
export const cycleOfProgram = (db: Db, cycleId: string) =>
  db.selectFrom('cycle').innerJoin('program', 'program.id', 'cycle.program_id').select(['cycle.id', 'cycle.period', 'program.code']).where('cycle.id', '=', cycleId).executeTakeFirst();

/** The redemptions of an entitlement (what a conflict collides with), in pickup order. */
export const redemptionIdsOf = (db: Db, cycleId: string, subject: string) =>
  db.selectFrom('redemption').select('id').where('cycle_id', '=', cycleId).where('subject', '=', subject).orderBy('pickup').execute();

export interface PackageEntitlementRow {
  cycle_id: string;
  subject: string;
  quantity: string;
  taken: string;
}

/** Every entitlement of the cycles at the point, with what was taken (one pass, grouped). */
export async function entitlementsOfPoint(db: Db, pointCode: string, cycleIds: readonly string[]): Promise<PackageEntitlementRow[]> {
  if (cycleIds.length === 0) return [];
  const { rows } = await sql<PackageEntitlementRow>`SELECT e.cycle_id, e.subject, e.quantity::text AS quantity, coalesce(t.taken, 0)::numeric(16,3)::text AS taken
    FROM entitlement e
    LEFT JOIN (SELECT cycle_id, subject, sum(quantity) AS taken FROM redemption WHERE point_code = ${pointCode} AND cycle_id = ANY(${sql.val(cycleIds)}::uuid[]) GROUP BY cycle_id, subject) t
      ON t.cycle_id = e.cycle_id AND t.subject = e.subject
    WHERE e.cycle_id = ANY(${sql.val(cycleIds)}::uuid[]) AND e.distribution_point = ${pointCode}`.execute(db);
  return rows;
}

export interface PointCardRow {
  card_number: string;
  person_id: string;
  household_id: string;
}

/** The valid cards of the active members of the point's active households. */
export async function cardsOfPoint(db: Db, pointCode: string, now: Date): Promise<PointCardRow[]> {
  const { rows } = await sql<PointCardRow>`SELECT c.card_number, p.id AS person_id, p.household_id
    FROM household h JOIN person p ON p.household_id = h.id AND p.status = 'active'
    JOIN card c ON c.person_id = p.id AND c.revoked_at IS NULL AND c.expires_at > ${now}
    WHERE h.distribution_point = ${pointCode} AND h.status = 'active'`.execute(db);
  return rows;
}
