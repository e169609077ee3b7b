import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { NATIONAL_SCOPE } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { withinRegions } from '../registry/store.ts';
import type { MemberRecord } from '../programs/rules/build-rule-facts.ts';
import type { HouseholdRecords } from './decide.ts';
import type { CycleStatus, CycleTable, RecordedFacts } from './tables.ts';

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

/** What a walk reads of each member besides the relationship: only what the rule needs. */
export interface WalkColumns {
  /** Person programs decide per person. */
  personIds: boolean;
  sex: boolean;
  birthDates: boolean;
  /** The catalogue attributes the rule references, and no other. */
  attributeKeys: readonly string[];
}

export interface Walk {
  after: string | null;
  /** About how many households each visit receives. */
  batchSize: number;
  columns: WalkColumns;
  /**
   * PostgreSQL: one query over the rest of the registry, read through a cursor on a
   * connection of its own (a consistent snapshot, a household per row with its members
   * as JSON, streamed in id order while writes go through the others). PGlite, which has one connection:
   * keyset pages of households, one query each.
   */
  streaming: boolean;
}

/**
 * Calls `visit` with the active households after `walk.after`, in id order, a batch at
 * a time, each with all its active members; stops when `visit` answers 'stop'. The
 * next batch is read while `visit` works on this one.
 */
export async function walkHouseholds(db: Db, walk: Walk, visit: (batch: HouseholdRecords[]) => Promise<void | 'stop'>): Promise<void> {
  if (!walk.streaming) {
    let reading = ahead(householdBatch(db, walk.after, walk.batchSize, walk.columns.attributeKeys));
    for (;;) {
      const batch = await reading;
      if (batch.length === 0) return;
      reading = ahead(householdBatch(db, batch.at(-1)!.householdId, walk.batchSize, walk.columns.attributeKeys));
      if ((await visit(batch)) === 'stop') return;
    }
  }
  await db.connection().execute(async (conn) => {
    await sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`.execute(conn);
    try {
      // One row per household, its members aggregated by the database into one JSON
      // text (the shape `readMembers` reads): one value to parse per household instead
      // of a row and a dozen columns per member. Grouped in household id order, the
      // plan streams from the first row (a merge over the two indexes), so the process
      // decides while the database reads (the first households come at once, not after
      // a sort of the whole registry); columns the rule does not need are null. Should
      // the planner still sort, it may do so in memory, for this session only.
      await sql`SET LOCAL work_mem = '256MB'`.execute(conn);
      const c = walk.columns;
      const member = [
        c.personIds ? sql`p.id` : sql`null`,
        sql`p.relationship`,
        c.sex ? sql`p.sex` : sql`null`,
        c.birthDates ? sql`to_char(p.birth_date, 'YYYY-MM-DD')` : sql`null`,
        c.birthDates ? sql`p.birth_date_precision` : sql`null`,
        ...c.attributeKeys.map((key) => sql`p.attributes -> ${key}`),
      ];
      await sql`DECLARE cycle_walk NO SCROLL CURSOR FOR
        SELECT json_build_array(h.id, h.region_code, h.distribution_point,
                 coalesce(json_agg(json_build_array(${sql.join(member)}) ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL), '[]'::json))::text AS t
        FROM household h LEFT JOIN person p ON p.household_id = h.id AND p.status = 'active'
        WHERE h.status = 'active' AND h.id > ${walk.after ?? FIRST_ID}::uuid
        GROUP BY h.id
        ORDER BY h.id`.execute(conn);
      const fetchRows = () => ahead(sql<{ t: string }>`FETCH ${sql.raw(String(walk.batchSize))} FROM cycle_walk`.execute(conn).then((r) => r.rows));
      let reading = fetchRows();
      for (;;) {
        const rows = await reading;
        const last = rows.length < walk.batchSize;
        if (!last) reading = fetchRows();
        const batch = rows.map((row) => householdOf(JSON.parse(row.t) as HouseholdTuple, c.attributeKeys));
        if (batch.length && (await visit(batch)) === 'stop') break;
        if (last) break;
      }
    } finally {
      await sql`COMMIT`.execute(conn);
    }
  });
}

/** A read started ahead of its use: if the walk stops first, its failure is nobody's to report. */
function ahead<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}

/** The same for chosen households (active ones only), in id order. */
export async function householdsById(db: Db, ids: readonly string[], attributeKeys: readonly string[]): Promise<HouseholdRecords[]> {
  if (ids.length === 0) return [];
  const households = sql`SELECT id, region_code, distribution_point FROM household WHERE status = 'active' AND id = ANY(${ids}::uuid[])`;
  return readMembers(db, households, attributeKeys);
}

/** One household as the database writes it: [id, region, point, [[person id, relationship, sex, birth date, precision, attribute values…]…]]. */
type HouseholdTuple = [string, string, string | null, [string | null, MemberRecord['relationship'], MemberRecord['sex'] | null, string | null, 'day' | 'year' | null, ...unknown[]][]];

/**
 * The batch comes back as one JSON document built by the database — one value to parse
 * instead of a row and a dozen columns per member, which is most of the cost of a walk
 * over millions of people.
 */
async function readMembers(db: Db, households: ReturnType<typeof sql>, attributeKeys: readonly string[]): Promise<HouseholdRecords[]> {
  const attributes = attributeKeys.map((key) => sql`, p.attributes -> ${key}`);
  const { rows } = await sql<{ batch: string | null }>`
    SELECT json_agg(json_build_array(h.id, h.region_code, h.distribution_point, coalesce(m.members, '[]'::json)) ORDER BY h.id)::text AS batch
    FROM (${households}) h
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_array(p.id, p.relationship, p.sex, to_char(p.birth_date, 'YYYY-MM-DD'), p.birth_date_precision ${sql.join(attributes, sql``)}) ORDER BY p.id) AS members
      FROM person p WHERE p.household_id = h.id AND p.status = 'active'
    ) m ON true`.execute(db);
  const batch = rows[0]?.batch;
  if (!batch) return [];
  return (JSON.parse(batch) as HouseholdTuple[]).map((tuple) => householdOf(tuple, attributeKeys));
}

function householdOf([householdId, regionCode, distributionPoint, members]: HouseholdTuple, attributeKeys: readonly string[]): HouseholdRecords {
  return {
    householdId,
    regionCode,
    distributionPoint,
    members: members.map(([personId, relationship, sex, birthDate, precision, ...values]) => {
      const recorded: Record<string, unknown> = {};
      for (let i = 0; i < attributeKeys.length; i++) if (values[i] !== null && values[i] !== undefined) recorded[attributeKeys[i]!] = values[i];
      return { personId: personId ?? '', record: { relationship, sex, birthDate: birthDate ? { value: birthDate, precision: precision ?? 'day' } : null, attributes: recorded } };
    }),
  };
}

/** One entitlement as a batch sends it: subject, region, point, quantity (decimal text), facts. */
export interface EntitlementRow {
  s: string;
  r: string;
  d: string | null;
  q: string;
  f: RecordedFacts;
}

/**
 * Writes a batch of entitlements in one statement, the batch travelling as one JSON
 * document (cheaper to send and to read than a parameter per column); one already
 * written (a resumed batch) is left alone. Returns how many were new.
 */
export async function insertEntitlements(db: Db, cycleId: string, rows: readonly EntitlementRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await sql`
    INSERT INTO entitlement (cycle_id, subject, region_code, distribution_point, quantity, facts)
    SELECT ${cycleId}::uuid, s, r, d, q, f
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS t(s text, r text, d text, q numeric, f jsonb)
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
