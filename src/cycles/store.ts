import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { NATIONAL_SCOPE } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { withinRegions } from '../registry/store.ts';
import type { MemberRecord } from '../programs/rules/build-rule-facts.ts';
import type { HouseholdRecords } from './decide.ts';
import type { CycleStatus, CycleTable } from './tables.ts';

export type CycleRow = Selectable<CycleTable>;
export type NewCycle = Insertable<CycleTable>;

/** Below every uuid: where a walk over households starts. */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/** Inserts the cycle unless the program already has one for the period; either way returns the row. */
export async function insertCycleOnce(db: Db, row: NewCycle): Promise<{ cycle: CycleRow; created: boolean }> {
  const inserted = await db.insertInto('cycle').values(row).onConflict((oc) => oc.columns(['program_id', 'period']).doNothing()).returningAll().executeTakeFirst();
  if (inserted) return { cycle: inserted, created: true };
  return { cycle: (await findCycle(db, row.program_id, row.period))!, created: false };
}

export const findCycle = (db: Db, programId: string, period: string) =>
  db.selectFrom('cycle').selectAll().where('program_id', '=', programId).where('period', '=', period).executeTakeFirst();

export const lockCycle = (db: Db, id: string) => db.selectFrom('cycle').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const listCycles = (db: Db, programId: string) =>
  db.selectFrom('cycle').selectAll().where('program_id', '=', programId).orderBy('reference_date', 'desc').execute();

/** The cycles of the program that are not closed, whatever their period. */
export const otherCycles = (db: Db, programId: string, period: string) =>
  db.selectFrom('cycle').select(['period', 'status']).where('program_id', '=', programId).where('period', '<>', period).execute();

export async function countActiveHouseholds(db: Db): Promise<number> {
  const r = await db.selectFrom('household').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow();
  return Number(r.n);
}

interface MemberColumns {
  household_id: string;
  region_code: string;
  distribution_point: string | null;
  person_id: string | null;
  relationship: MemberRecord['relationship'] | null;
  sex: MemberRecord['sex'];
  birth_date: string | null;
  birth_date_precision: 'day' | 'year' | null;
  [attribute: `a${number}`]: unknown;
}

/**
 * The next `limit` active households after `afterId` (in id order) with their active
 * members, reading of each member's attributes only `attributeKeys` (what the rule
 * references) and nothing else. Households without active members come back with none,
 * so that the walk moves past them.
 */
export async function householdBatch(db: Db, afterId: string | null, limit: number, attributeKeys: readonly string[]): Promise<HouseholdRecords[]> {
  const households = sql`SELECT id, region_code, distribution_point FROM household
    WHERE status = 'active' AND id > ${afterId ?? FIRST_ID}::uuid ORDER BY id LIMIT ${limit}`;
  return readMembers(db, households, attributeKeys);
}

/** The same for chosen households (active ones only), in id order. */
export async function householdsById(db: Db, ids: readonly string[], attributeKeys: readonly string[]): Promise<HouseholdRecords[]> {
  if (ids.length === 0) return [];
  const households = sql`SELECT id, region_code, distribution_point FROM household WHERE status = 'active' AND id = ANY(${ids}::uuid[])`;
  return readMembers(db, households, attributeKeys);
}

async function readMembers(db: Db, households: ReturnType<typeof sql>, attributeKeys: readonly string[]): Promise<HouseholdRecords[]> {
  const attributes = attributeKeys.map((key, i) => sql`, p.attributes -> ${key} AS ${sql.ref(`a${i}`)}`);
  const { rows } = await sql<MemberColumns>`
    SELECT h.id AS household_id, h.region_code, h.distribution_point,
           p.id AS person_id, p.relationship, p.sex, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.birth_date_precision
           ${sql.join(attributes, sql``)}
    FROM (${households}) h
    LEFT JOIN person p ON p.household_id = h.id AND p.status = 'active'
    ORDER BY h.id, p.id`.execute(db);
  const result: HouseholdRecords[] = [];
  let current: HouseholdRecords | undefined;
  for (const row of rows) {
    if (current?.householdId !== row.household_id) {
      current = { householdId: row.household_id, regionCode: row.region_code, distributionPoint: row.distribution_point, members: [] };
      result.push(current);
    }
    if (row.person_id === null) continue;
    const values: Record<string, unknown> = {};
    attributeKeys.forEach((key, i) => {
      const v = row[`a${i}`];
      if (v !== null && v !== undefined) values[key] = v;
    });
    current.members.push({
      personId: row.person_id,
      record: {
        relationship: row.relationship!,
        sex: row.sex,
        birthDate: row.birth_date ? { value: row.birth_date, precision: row.birth_date_precision ?? 'day' } : null,
        attributes: values,
      },
    });
  }
  return result;
}

export interface EntitlementRows {
  subjects: string[];
  regions: string[];
  points: (string | null)[];
  quantities: string[];
  facts: string[];
}

/** Writes a batch of entitlements in one statement; one already written (a resumed batch) is left alone. Returns how many were new. */
export async function insertEntitlements(db: Db, cycleId: string, rows: EntitlementRows): Promise<number> {
  if (rows.subjects.length === 0) return 0;
  const r = await sql`
    INSERT INTO entitlement (cycle_id, subject, region_code, distribution_point, quantity, facts)
    SELECT ${cycleId}::uuid, s, r, d, q, f
    FROM unnest(${rows.subjects}::text[], ${rows.regions}::text[], ${rows.points}::text[], ${rows.quantities}::numeric[], ${rows.facts}::jsonb[]) AS t(s, r, d, q, f)
    ON CONFLICT DO NOTHING`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export interface BatchProgress {
  cursor: string;
  households: number;
  subjects: number;
  eligible: number;
  notComputed: number;
}

/**
 * Moves a running cycle's cursor past a batch, only if it is still where this run found
 * it: two runs of one cycle cannot both count a batch. False when another run moved it.
 */
export async function advanceCursor(db: Db, cycleId: string, from: string | null, progress: BatchProgress): Promise<boolean> {
  const r = await db
    .updateTable('cycle')
    .set((eb) => ({
      cursor: progress.cursor,
      households_done: eb('households_done', '+', progress.households),
      subjects_evaluated: eb('subjects_evaluated', '+', progress.subjects),
      eligible: eb('eligible', '+', progress.eligible),
      not_computed: eb('not_computed', '+', progress.notComputed),
    }))
    .where('id', '=', cycleId)
    .where('status', '=', 'running')
    .where(from === null ? sql<boolean>`cursor IS NULL` : sql<boolean>`cursor = ${from}::uuid`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface CycleTotals {
  entitlements: number;
  totalQuantity: string;
  totalCost: string;
  totalPrice: string;
  overBudget: boolean;
}

/** Totals of a cycle's entitlements, in exact decimals: cost against the budget, and what beneficiaries pay. */
export async function cycleTotals(db: Db, cycle: Pick<CycleRow, 'id' | 'cost_per_unit' | 'price_per_unit' | 'budget'>): Promise<CycleTotals> {
  const { rows } = await sql<{ n: string; quantity: string; cost: string; price: string; over: boolean }>`
    WITH t AS (SELECT count(*) AS n, coalesce(sum(quantity), 0) AS quantity FROM entitlement WHERE cycle_id = ${cycle.id}::uuid)
    SELECT n, quantity::text AS quantity,
           round(quantity * coalesce(${cycle.cost_per_unit}::numeric, 1), 2)::text AS cost,
           round(quantity * ${cycle.price_per_unit}::numeric, 2)::text AS price,
           round(quantity * coalesce(${cycle.cost_per_unit}::numeric, 1), 2) > ${cycle.budget}::numeric AS over
    FROM t`.execute(db);
  const r = rows[0]!;
  return { entitlements: Number(r.n), totalQuantity: r.quantity, totalCost: r.cost, totalPrice: r.price, overBudget: r.over };
}

/** Changes a cycle's status (and what goes with it) only from one of `from`; undefined when it was in another. */
export async function changeCycle(db: Db, id: string, from: readonly CycleStatus[], changes: Updateable<CycleTable>): Promise<CycleRow | undefined> {
  return db.updateTable('cycle').set(changes).where('id', '=', id).where('status', 'in', from).returningAll().executeTakeFirst();
}

export const subjectsWithEntitlements = (db: Db, cycleId: string, subjects: readonly string[]) =>
  subjects.length === 0
    ? Promise.resolve([])
    : db.selectFrom('entitlement').select(['subject', 'quantity', 'facts']).where('cycle_id', '=', cycleId).where('subject', 'in', subjects).execute();

/** Households whose record or any member's record changed after `since`, in id order, after `afterId`. */
export async function householdsChangedSince(db: Db, since: Date, afterId: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM (
      SELECT id FROM household WHERE updated_at > ${since}
      UNION SELECT household_id AS id FROM person WHERE updated_at > ${since}
    ) changed
    WHERE id > ${afterId ?? FIRST_ID}::uuid
    ORDER BY id LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

export interface EntitlementPageOptions {
  regionScopes: readonly string[];
  distributionPoint?: string | null | undefined;
  after?: string | undefined;
  limit: number;
}

/** A page of a cycle's entitlements within the official's regions, in subject order. */
export function entitlementsPage(db: Db, cycleId: string, options: EntitlementPageOptions) {
  let q = db.selectFrom('entitlement').selectAll().where('cycle_id', '=', cycleId);
  if (!options.regionScopes.includes(NATIONAL_SCOPE)) q = q.$call(withinRegions(options.regionScopes));
  if (options.distributionPoint === null) q = q.where('distribution_point', 'is', null);
  else if (options.distributionPoint !== undefined) q = q.where('distribution_point', '=', options.distributionPoint);
  if (options.after) q = q.where('subject', '>', options.after);
  return q.orderBy('subject').limit(options.limit).execute();
}

/** Entitlements per distribution point (NULL: unassigned), for the cycle's summary. */
export async function entitlementsByPoint(db: Db, cycleId: string) {
  const { rows } = await sql<{ point: string | null; n: string; quantity: string }>`
    SELECT distribution_point AS point, count(*) AS n, sum(quantity)::text AS quantity
    FROM entitlement WHERE cycle_id = ${cycleId}::uuid GROUP BY distribution_point ORDER BY distribution_point NULLS FIRST`.execute(db);
  return rows.map((r) => ({ distributionPoint: r.point, entitlements: Number(r.n), quantity: r.quantity }));
}
