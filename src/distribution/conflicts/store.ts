import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ConflictDecision, ConflictReason, ConflictResolutionTable } from './tables.ts';

export interface ConflictRow {
  id: string;
  cycle_id: string;
  period: string;
  program_code: string;
  subject: string;
  reason: ConflictReason;
  quantity: string;
  point_code: string;
  terminal_id: string;
  terminal_label: string | null;
  agent_name: string;
  redeemed_at: Date;
  recorded_at: Date;
  currency: string;
  amount: string;
  payment_method: 'cash' | 'mobile' | 'none';
  payment_reference: string | null;
  posting_id: string | null;
  conflicts_with: string[];
  decision: ConflictDecision | null;
  note: string | null;
  reversal_id: string | null;
  decided_at: Date | null;
  decided_by_name: string | null;
}

export interface ConflictFilter {
  id?: string;
  point?: string | undefined;
  program?: string | undefined;
  status?: 'open' | 'resolved' | undefined;
  /** null: every program. */
  programs: readonly string[] | null;
  limit: number;
}

/** Conflicts with their program, period, terminal and resolution, newest first. */
export async function listConflictRows(db: Db, f: ConflictFilter): Promise<ConflictRow[]> {
  const where = [sql`true`];
  if (f.id) where.push(sql`k.id = ${f.id}::uuid`);
  if (f.point) where.push(sql`k.point_code = ${f.point}`);
  if (f.program) where.push(sql`p.code = ${f.program}`);
  if (f.programs) where.push(sql`p.code = ANY(${sql.val(f.programs)}::text[])`);
  if (f.status === 'open') where.push(sql`res.conflict_id IS NULL`);
  if (f.status === 'resolved') where.push(sql`res.conflict_id IS NOT NULL`);
  const { rows } = await sql<ConflictRow>`SELECT k.id, k.cycle_id, c.period, p.code AS program_code, k.subject, k.reason, k.quantity::text AS quantity,
      k.point_code, k.terminal_id, t.label AS terminal_label, k.agent_name, k.redeemed_at, k.recorded_at, k.currency, k.amount::text AS amount,
      k.payment_method, k.payment_reference, k.posting_id, k.conflicts_with,
      res.decision, res.note, res.reversal_id, res.decided_at, res.decided_by_name
    FROM redemption_conflict k
    JOIN cycle c ON c.id = k.cycle_id JOIN program p ON p.id = c.program_id
    LEFT JOIN terminal t ON t.id = k.terminal_id
    LEFT JOIN redemption_conflict_resolution res ON res.conflict_id = k.id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY k.recorded_at DESC, k.id
    LIMIT ${f.limit}`.execute(db);
  return rows;
}

export interface CollidingRow {
  id: string;
  receipt_no: string;
  quantity: string;
  redeemed_at: Date;
  point_code: string;
  terminal_label: string | null;
  agent_name: string;
  offline: boolean;
}

export async function redemptionsByIds(db: Db, ids: readonly string[]): Promise<CollidingRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<CollidingRow>`SELECT r.id, r.receipt_no::text AS receipt_no, r.quantity::text AS quantity, r.redeemed_at, r.point_code, t.label AS terminal_label, r.agent_name, r.offline
    FROM redemption r LEFT JOIN terminal t ON t.id = r.terminal_id
    WHERE r.id = ANY(${sql.val(ids)}::uuid[]) ORDER BY r.pickup`.execute(db);
  return rows;
}

/** Inserts the decision unless the conflict has one; true when inserted. Runs inside the caller's transaction. */
export async function insertResolution(db: Db, row: Insertable<ConflictResolutionTable>): Promise<boolean> {
  const r = await db.insertInto('redemption_conflict_resolution').values(row).onConflict((oc) => oc.column('conflict_id').doNothing()).returning('conflict_id').executeTakeFirst();
  return r !== undefined;
}
