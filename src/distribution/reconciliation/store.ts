import { sql } from 'kysely';
import { NATIONAL_SCOPE } from '../../auth/roles.ts';
import type { Db } from '../../db/database.ts';

/**
 * The SQL of reconciliation: what one point handed out and collected in one cycle, and
 * what the ledger recorded for it. Every sum is `numeric` returned as text (exact);
 * every count an int. Reads only: nothing here writes.
 */

export interface PointRow {
  code: string;
  name: string;
  kind: string;
  region_code: string;
  status: string;
}

export const findPoint = (db: Db, code: string) =>
  sql<PointRow>`SELECT code, name, kind, region_code, status FROM distribution_point WHERE code = ${code}`.execute(db).then((r) => r.rows[0]);

/** Rows whose region is one of the scopes or below one (codes are hierarchical); everything for the national scope. */
const inRegions = (column: string, scopes: readonly string[]) =>
  scopes.includes(NATIONAL_SCOPE)
    ? sql`true`
    : scopes.length === 0
      ? sql`false`
      : sql`(${sql.join(scopes.map((s) => sql`(${sql.ref(column)} = ${s} OR ${sql.ref(column)} LIKE ${`${s.replace(/[%_]/g, '')}-%`})`), sql` OR `)})`;

/** Points within the regions whose code or name contains the text, by code (for the console's picker). */
export function searchPoints(db: Db, regionScopes: readonly string[], text: string, limit: number) {
  const like = `%${text.replace(/[%_\\]/g, '')}%`;
  return sql<PointRow>`
    SELECT code, name, kind, region_code, status FROM distribution_point
    WHERE ${inRegions('region_code', regionScopes)} AND (code ILIKE ${like} OR name ILIKE ${like})
    ORDER BY code LIMIT ${limit}`
    .execute(db)
    .then((r) => r.rows);
}

export interface CycleRow {
  id: string;
  period: string;
  status: string;
  valid_from: string;
  valid_until: string;
  price_per_unit: string;
  program_code: string;
  program_name_es: string;
  program_name_en: string;
  measure: string;
  currency: string;
}

const CYCLE_COLUMNS = sql`c.id, c.period, c.status, c.valid_from::text AS valid_from, c.valid_until::text AS valid_until, c.price_per_unit::text AS price_per_unit,
  p.code AS program_code, p.name_es AS program_name_es, p.name_en AS program_name_en, p.measure, p.currency`;

export const findCycleById = (db: Db, id: string) =>
  sql<CycleRow>`SELECT ${CYCLE_COLUMNS} FROM cycle c JOIN program p ON p.id = c.program_id WHERE c.id = ${id}::uuid`.execute(db).then((r) => r.rows[0]);

/**
 * The cycles that concern a point — it holds entitlements of them or handed some out —
 * newest first. Each test is an index probe (entitlement (cycle_id, distribution_point),
 * redemption (point_code, cycle_id)), so the cost grows with the number of cycles, not
 * of entitlements.
 */
export const cyclesAtPoint = (db: Db, point: string, limit: number) =>
  sql<CycleRow>`
    SELECT ${CYCLE_COLUMNS} FROM cycle c JOIN program p ON p.id = c.program_id
    WHERE c.status <> 'running'
      AND (EXISTS (SELECT 1 FROM entitlement e WHERE e.cycle_id = c.id AND e.distribution_point = ${point})
        OR EXISTS (SELECT 1 FROM redemption r WHERE r.point_code = ${point} AND r.cycle_id = c.id))
    ORDER BY c.reference_date DESC, p.code LIMIT ${limit}`
    .execute(db)
    .then((r) => r.rows);

export interface EntitlementFiguresRow {
  entitlements: number;
  quantity: string;
  /** Entitlements of the point with at least one pickup (at any point). */
  touched: number;
  outstanding: number;
  outstanding_quantity: string;
  /** Entitlements of the point collected beyond their quantity (should be none). */
  over_redeemed: number;
}

/** The point's entitlements in the cycle, and what is left of them after every pickup. */
export const entitlementFigures = (db: Db, cycleId: string, point: string) =>
  sql<EntitlementFiguresRow>`
    WITH e AS (SELECT subject, quantity FROM entitlement WHERE cycle_id = ${cycleId}::uuid AND distribution_point = ${point}),
    taken AS (
      SELECT r.subject, sum(r.quantity) AS quantity FROM redemption r
      WHERE r.cycle_id = ${cycleId}::uuid AND r.subject IN (SELECT subject FROM e) GROUP BY r.subject)
    SELECT count(*)::int AS entitlements,
           coalesce(sum(e.quantity), 0)::numeric(20, 3)::text AS quantity,
           count(taken.subject)::int AS touched,
           count(*) FILTER (WHERE e.quantity > coalesce(taken.quantity, 0))::int AS outstanding,
           coalesce(sum(greatest(e.quantity - coalesce(taken.quantity, 0), 0)), 0)::numeric(20, 3)::text AS outstanding_quantity,
           count(*) FILTER (WHERE e.quantity < coalesce(taken.quantity, 0))::int AS over_redeemed
    FROM e LEFT JOIN taken ON taken.subject = e.subject`
    .execute(db)
    .then((r) => r.rows[0]!);

export interface UnassignedRow {
  entitlements: number;
  quantity: string;
}

/** The cycle's entitlements in the point's region that no point serves (a household whose point does not serve the program). */
export const unassignedInRegion = (db: Db, cycleId: string, regionCode: string) =>
  sql<UnassignedRow>`
    SELECT count(*)::int AS entitlements, coalesce(sum(quantity), 0)::numeric(20, 3)::text AS quantity
    FROM entitlement WHERE cycle_id = ${cycleId}::uuid AND distribution_point IS NULL AND ${inRegions('region_code', [regionCode])}`
    .execute(db)
    .then((r) => r.rows[0]!);

export interface RedemptionRow {
  id: string;
  subject: string;
  quantity: string;
  amount: string;
  currency: string;
  payment_method: 'cash' | 'mobile' | 'none';
  posting_id: string | null;
  /** The point the entitlement is assigned to (NULL: none, or no entitlement). */
  assigned_point: string | null;
}

/** The point's redemptions in the cycle, in receipt order. */
export const redemptionsAt = (db: Db, cycleId: string, point: string) =>
  sql<RedemptionRow>`
    SELECT r.id, r.subject, r.quantity::text AS quantity, r.amount::text AS amount, r.currency, r.payment_method, r.posting_id, e.distribution_point AS assigned_point
    FROM redemption r LEFT JOIN entitlement e ON e.cycle_id = r.cycle_id AND e.subject = r.subject
    WHERE r.point_code = ${point} AND r.cycle_id = ${cycleId}::uuid
    ORDER BY r.receipt_no`
    .execute(db)
    .then((r) => r.rows);

export interface ConflictRow {
  id: string;
  reason: string;
  quantity: string;
  amount: string;
  currency: string;
  payment_method: 'cash' | 'mobile' | 'none';
  posting_id: string | null;
  decision: string | null;
  reversal_id: string | null;
}

/** The point's conflicts in the cycle, with the supervisor's decision when there is one. */
export const conflictsAt = (db: Db, cycleId: string, point: string) =>
  sql<ConflictRow>`
    SELECT c.id, c.reason, c.quantity::text AS quantity, c.amount::text AS amount, c.currency, c.payment_method, c.posting_id, d.decision, d.reversal_id
    FROM redemption_conflict c LEFT JOIN redemption_conflict_resolution d ON d.conflict_id = c.id
    WHERE c.point_code = ${point} AND c.cycle_id = ${cycleId}::uuid
    ORDER BY c.recorded_at, c.id`
    .execute(db)
    .then((r) => r.rows);

export interface PostingSummaryRow {
  id: string;
  seq: number;
  kind: string;
  redemption_id: string | null;
  reverses: string | null;
  /** The debit lines' total: what the posting moved. */
  amount: string;
  currency: string;
  /** The point money account the posting debits (a collection) or credits (its reversal). */
  money_account: string | null;
}

/** The ledger's postings of the point in the cycle (by their references), with what each moved. */
export const postingsAt = (db: Db, cycleId: string, point: string) =>
  sql<PostingSummaryRow>`
    SELECT p.id, p.seq, p.kind, p.redemption_id, p.reverses,
           sum(l.amount) FILTER (WHERE l.side = 'debit')::text AS amount,
           min(l.currency) AS currency,
           min(l.account) FILTER (WHERE l.account LIKE 'point:%') AS money_account
    FROM ledger_posting p JOIN ledger_line l ON l.posting_id = p.id
    WHERE p.cycle_id = ${cycleId}::uuid AND p.point_code = ${point}
    GROUP BY p.id, p.seq, p.kind, p.redemption_id, p.reverses
    ORDER BY p.seq`
    .execute(db)
    .then((r) => r.rows);

export interface TillRow {
  /** The kind of posting, a reversal counted under its original's kind. */
  kind: string;
  currency: string;
  debits: string;
  credits: string;
}

/** Everything that moved the point's cash account, in every cycle and outside any, by kind of posting. */
export const tillMovements = (db: Db, cashAccount: string) =>
  sql<TillRow>`
    SELECT coalesce(o.kind, p.kind) AS kind, l.currency,
           coalesce(sum(l.amount) FILTER (WHERE l.side = 'debit'), 0.00)::text AS debits,
           coalesce(sum(l.amount) FILTER (WHERE l.side = 'credit'), 0.00)::text AS credits
    FROM ledger_line l JOIN ledger_posting p ON p.id = l.posting_id LEFT JOIN ledger_posting o ON o.id = p.reverses
    WHERE l.account = ${cashAccount}
    GROUP BY 1, 2 ORDER BY 1, 2`
    .execute(db)
    .then((r) => r.rows);
