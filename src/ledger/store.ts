import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AccountType, LedgerLineTable, LedgerPostingTable, PostingKind, Side } from './tables.ts';

export type PostingRow = Selectable<LedgerPostingTable>;
export type LineRow = Selectable<LedgerLineTable>;

export interface NewPosting {
  id: string;
  idempotencyKey: string;
  requestHash: Buffer;
  kind: PostingKind;
  /** null: the time of the transaction. */
  effectiveAt: Date | null;
  reverses: string | null;
  cycleId: string | null;
  program: string | null;
  point: string | null;
  redemptionId: string | null;
  deviceId: string | null;
  officialId: string | null;
  paymentReference: string | null;
  memo: string;
  lines: readonly { account: string; currency: string; side: Side; amount: string }[];
  /** The accounts the lines use, opened here if they are new. */
  accounts: readonly { code: string; currency: string; type: AccountType }[];
}

/**
 * Opens the accounts, writes the posting and its lines, in one statement (one round
 * trip, inside the caller's transaction if there is one). Undefined when a posting
 * with the same idempotency key — or, for a reversal, a reversal of the same posting —
 * exists: then nothing is written. Accounts are opened in code order, so that two
 * postings opening the same new accounts cannot deadlock. The database checks the
 * balance when the transaction commits.
 */
export async function insertPosting(db: Db, p: NewPosting): Promise<PostingRow | undefined> {
  const accounts = [...p.accounts]
    .sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : x.currency < y.currency ? -1 : x.currency > y.currency ? 1 : 0))
    .map((a, i) => ({ n: i, ...a }));
  const lines = p.lines.map((l, i) => ({ n: i + 1, ...l }));
  const { rows } = await sql<PostingRow>`
    WITH opened AS (
      INSERT INTO ledger_account (code, currency, type)
      SELECT a.code, a.currency, a.type
      FROM jsonb_to_recordset(${JSON.stringify(accounts)}::jsonb) AS a(n int, code text, currency text, type text)
      ORDER BY a.n
      ON CONFLICT DO NOTHING
    ), posting AS (
      INSERT INTO ledger_posting (id, idempotency_key, request_hash, kind, line_count, effective_at, reverses,
        cycle_id, program_code, point_code, redemption_id, device_id, official_id, payment_reference, memo)
      VALUES (${p.id}::uuid, ${p.idempotencyKey}, ${p.requestHash}, ${p.kind}, ${lines.length}, coalesce(${p.effectiveAt}::timestamptz, now()), ${p.reverses}::uuid,
        ${p.cycleId}::uuid, ${p.program}, ${p.point}, ${p.redemptionId}::uuid, ${p.deviceId}::uuid, ${p.officialId}::uuid, ${p.paymentReference}, ${p.memo})
      ON CONFLICT DO NOTHING
      RETURNING *
    ), lines AS (
      INSERT INTO ledger_line (posting_id, line_no, line_count, account, currency, side, amount)
      SELECT posting.id, l.n, posting.line_count, l.account, l.currency, l.side, l.amount
      FROM posting, jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) AS l(n smallint, account text, currency text, side text, amount numeric)
    )
    SELECT * FROM posting`.execute(db);
  return rows[0];
}

export const findPostingById = (db: Db, id: string) => db.selectFrom('ledger_posting').selectAll().where('id', '=', id).executeTakeFirst();

export const findPostingByKey = (db: Db, idempotencyKey: string) =>
  db.selectFrom('ledger_posting').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();

export const findReversalOf = (db: Db, id: string) => db.selectFrom('ledger_posting').selectAll().where('reverses', '=', id).executeTakeFirst();

/** The lines of the postings, in posting and line order. */
export const linesOf = (db: Db, postingIds: readonly string[]) =>
  postingIds.length === 0
    ? Promise.resolve([] as LineRow[])
    : db.selectFrom('ledger_line').selectAll().where('posting_id', 'in', postingIds).orderBy('posting_id').orderBy('line_no').execute();

/** Which lines a sum or a journal read takes: by account, by the postings' references, up to a time. */
export interface LineFilter {
  /** Whole segments: the account itself or every account under it. */
  accountPrefix?: string | undefined;
  point?: string | undefined;
  program?: string | undefined;
  cycleId?: string | undefined;
  /** Postings effective at or before this time. */
  asOf?: Date | undefined;
}

/** Accounts under a prefix: the byte order of "C" puts every "<prefix>:…" between "<prefix>:" and "<prefix>;". */
const underPrefix = (column: string, prefix: string) =>
  sql`(${sql.ref(column)} = ${prefix} OR (${sql.ref(column)} >= ${`${prefix}:`} COLLATE "C" AND ${sql.ref(column)} < ${`${prefix};`} COLLATE "C"))`;

function postingConditions(f: LineFilter) {
  const conditions = [];
  if (f.point !== undefined) conditions.push(sql`p.point_code = ${f.point}`);
  if (f.program !== undefined) conditions.push(sql`p.program_code = ${f.program}`);
  if (f.cycleId !== undefined) conditions.push(sql`p.cycle_id = ${f.cycleId}::uuid`);
  if (f.asOf !== undefined) conditions.push(sql`p.effective_at <= ${f.asOf}::timestamptz`);
  return conditions;
}

export interface BalanceRow {
  account: string;
  currency: string;
  type: AccountType;
  debits: string;
  credits: string;
  balance: string;
}

/**
 * Debits, credits and balance of each account the filter reaches, summed in `numeric`
 * (exact) and returned as text; the balance grows with debits on asset and expense
 * accounts and with credits on income and liability ones. Reads only lines (and
 * postings when filtered by reference or time): no stored balance to drift.
 */
export function balancesQuery(f: LineFilter) {
  const conditions = postingConditions(f);
  if (f.accountPrefix !== undefined) conditions.unshift(underPrefix('l.account', f.accountPrefix));
  const joinPosting = f.point !== undefined || f.program !== undefined || f.cycleId !== undefined || f.asOf !== undefined;
  return sql<BalanceRow>`
    SELECT l.account, l.currency, a.type,
           coalesce(sum(l.amount) FILTER (WHERE l.side = 'debit'), 0.00)::text AS debits,
           coalesce(sum(l.amount) FILTER (WHERE l.side = 'credit'), 0.00)::text AS credits,
           (CASE WHEN a.type IN ('asset', 'expense') THEN 1 ELSE -1 END
             * sum(CASE WHEN l.side = 'debit' THEN l.amount ELSE -l.amount END))::text AS balance
    FROM ledger_line l
    JOIN ledger_account a ON a.code = l.account AND a.currency = l.currency
    ${joinPosting ? sql`JOIN ledger_posting p ON p.id = l.posting_id` : sql``}
    ${conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``}
    GROUP BY l.account, l.currency, a.type
    ORDER BY l.account, l.currency`;
}

export async function sumBalances(db: Db, f: LineFilter): Promise<BalanceRow[]> {
  return (await balancesQuery(f).execute(db)).rows;
}

export interface CurrencyTotalsRow {
  currency: string;
  debits: string;
  credits: string;
  postings: number;
}

/** Total debits and credits of every line in each currency (up to a time), exact. */
export async function sumByCurrency(db: Db, asOf: Date | undefined): Promise<CurrencyTotalsRow[]> {
  const { rows } = await sql<CurrencyTotalsRow>`
    SELECT l.currency,
           coalesce(sum(l.amount) FILTER (WHERE l.side = 'debit'), 0.00)::text AS debits,
           coalesce(sum(l.amount) FILTER (WHERE l.side = 'credit'), 0.00)::text AS credits,
           count(DISTINCT l.posting_id) AS postings
    FROM ledger_line l
    ${asOf ? sql`JOIN ledger_posting p ON p.id = l.posting_id WHERE p.effective_at <= ${asOf}::timestamptz` : sql``}
    GROUP BY l.currency
    ORDER BY l.currency`.execute(db);
  return rows.map((r) => ({ ...r, postings: Number(r.postings) }));
}

export interface JournalFilter extends LineFilter {
  kind?: PostingKind | undefined;
  /** Postings after this journal number. */
  after?: number | undefined;
  limit: number;
}

/** A page of postings in journal order; the account filter keeps postings with a line under it. */
export function journalPage(db: Db, f: JournalFilter) {
  const conditions = postingConditions(f);
  if (f.after !== undefined) conditions.push(sql`p.seq > ${f.after}`);
  if (f.kind !== undefined) conditions.push(sql`p.kind = ${f.kind}`);
  if (f.accountPrefix !== undefined) conditions.push(sql`EXISTS (SELECT 1 FROM ledger_line l WHERE l.posting_id = p.id AND ${underPrefix('l.account', f.accountPrefix)})`);
  return sql<PostingRow>`
    SELECT p.* FROM ledger_posting p
    ${conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``}
    ORDER BY p.seq
    LIMIT ${f.limit}`
    .execute(db)
    .then((r) => r.rows);
}
