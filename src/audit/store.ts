import { sql, type Insertable, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AuditEntryTable, Schema } from '../db/schema.ts';
import { AUDIT_CHAINS, GENESIS_HASH } from './chain.ts';

export type AuditEntryRow = Selectable<AuditEntryTable>;

// Advisory lock namespace of the audit chains; the second key is the chain number.
const CHAIN_LOCK_CLASS = 4_242_100;

/** The transaction and SQL fragment types the audit writer passes through, so that it needs no query builder of its own. */
export type AuditTransaction = Transaction<Schema>;
export type SqlFragment<T> = RawBuilder<T>;

export interface ChainHead {
  chain: number;
  seq: number;
  hash: Buffer;
}

/**
 * Takes one chain for the rest of the caller's transaction and reads its head, in one
 * round trip: the chains are tried without waiting, starting at a random one so that
 * concurrent transactions spread over them, and the first free one is kept (LIMIT 1
 * over the series, no ORDER BY: the scan stops there and no other chain is locked).
 * Only when every chain is busy does the same statement wait for the random one (the
 * second branch of UNION ALL … LIMIT 1 runs only when the first gave no row), and a
 * second statement reads that chain's head. The lock is released at commit or
 * rollback. `also` is one more value computed in the same round trip (null if none).
 *
 * The head read by the statement that took the lock comes from a snapshot that may
 * predate a commit on that chain made just before the lock was free: it may be stale.
 * Insert with `guardedEntryInsert`, which inserts nothing then (its later statement
 * sees every commit before the lock), and read the head again with `chainHead`.
 */
export async function lockChainHead<T = null>(tx: Transaction<Schema>, also: RawBuilder<T> = sql<T>`null`): Promise<ChainHead & { also: T }> {
  const start = Math.floor(Math.random() * AUDIT_CHAINS);
  const { rows } = await sql<{ chain: number; waited: boolean; seq: number | null; hash: Buffer | null; also: T }>`SELECT p.chain, p.waited, h.seq, h.hash, ${also} AS also
    FROM (SELECT * FROM (SELECT g % ${AUDIT_CHAINS}::int AS chain, false AS waited FROM generate_series(${start}::int, ${start + AUDIT_CHAINS - 1}::int) AS g
                         WHERE pg_try_advisory_xact_lock(${CHAIN_LOCK_CLASS}::int, g % ${AUDIT_CHAINS}::int) LIMIT 1) free
          UNION ALL
          SELECT ${start}::int, true FROM (SELECT pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}::int, ${start}::int)) AS busy
          LIMIT 1) p
    LEFT JOIN LATERAL (SELECT seq, hash FROM audit_entry WHERE chain = p.chain AND NOT p.waited ORDER BY seq DESC LIMIT 1) h ON true`.execute(tx);
  const row = rows[0]!;
  // After a wait the holder has committed since this statement's snapshot: read the head anew.
  if (row.waited) return { ...(await chainHead(tx, row.chain)), also: row.also };
  return { chain: row.chain, seq: row.seq ?? 0, hash: row.hash ?? GENESIS_HASH, also: row.also };
}

/** The head of a chain this transaction holds the lock of, read by a statement of its own (so not stale). */
export async function chainHead(tx: Transaction<Schema>, chain: number): Promise<ChainHead> {
  const { rows } = await sql<{ seq: number; hash: Buffer }>`SELECT seq, hash FROM audit_entry WHERE chain = ${chain}::int ORDER BY seq DESC LIMIT 1`.execute(tx);
  return { chain, seq: rows[0]?.seq ?? 0, hash: rows[0]?.hash ?? GENESIS_HASH };
}

export type NewAuditEntry = Insertable<AuditEntryTable> & { chain: number; seq: number; detail: string };

const ENTRY_COLUMNS = sql`chain, seq, at, actor_id, actor_name, role, purpose, action, outcome, subject_type, subject_id, detail, request_id, prev_hash, hash`;

const entryValues = (rows: readonly NewAuditEntry[]) =>
  sql.join(
    rows.map(
      (r) =>
        sql`(${r.chain}::smallint, ${r.seq}::bigint, ${r.at}::timestamptz, ${r.actor_id ?? null}::uuid, ${r.actor_name}, ${r.role}, ${r.purpose}, ${r.action}, ${r.outcome}, ${r.subject_type ?? null}, ${r.subject_id ?? null}, ${r.detail}::jsonb, ${r.request_id ?? null}, ${r.prev_hash}::bytea, ${r.hash}::bytea)`,
    ),
  );

/**
 * The INSERT of consecutive entries of one chain (the first follows the head that
 * `lockChainHead` read), as a statement or a data-modifying CTE of a bigger one: it
 * inserts nothing when that head was stale (an entry at or past the first seq exists)
 * or when `onlyIf` is false. RETURNING id.
 */
export function guardedEntryInsert(rows: readonly NewAuditEntry[], onlyIf: RawBuilder<boolean> = sql<boolean>`true`) {
  const first = rows[0]!;
  return sql`INSERT INTO audit_entry (${ENTRY_COLUMNS})
    SELECT v.* FROM (VALUES ${entryValues(rows)}) AS v
    WHERE ${onlyIf} AND NOT EXISTS (SELECT 1 FROM audit_entry WHERE chain = ${first.chain}::smallint AND seq >= ${first.seq}::bigint)
    RETURNING id`;
}

/** Inserts entries unless the head they follow was stale; the ids inserted (none when stale). */
export async function insertEntriesGuarded(tx: Transaction<Schema>, rows: readonly NewAuditEntry[]): Promise<number[]> {
  const { rows: ids } = await sql<{ id: number }>`${guardedEntryInsert(rows)}`.execute(tx);
  return ids.map((r) => r.id);
}

export async function insertEntries(tx: Transaction<Schema>, rows: Insertable<AuditEntryTable>[]) {
  await tx.insertInto('audit_entry').values(rows).execute();
}

export interface EntryFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export function listEntries(db: Db, f: EntryFilter) {
  let q = db.selectFrom('audit_entry').selectAll().orderBy('id', 'desc').limit(f.limit);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q.execute();
}

/** Entries of one chain in order, a page at a time (the log may hold billions). */
export function chainPage(db: Db, chain: number, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_entry')
    .selectAll()
    .where('chain', '=', chain)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export function chainHeads(db: Db) {
  return db
    .selectFrom('audit_entry')
    .select(['chain', (eb) => eb.fn.max('seq').as('seq')])
    .groupBy('chain')
    .orderBy('chain')
    .execute();
}

/** The highest chain number any entry is on (-1 for an empty log): one index probe. */
export async function highestChain(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_entry').select((eb) => eb.fn.max('chain').as('chain')).executeTakeFirst();
  return row?.chain ?? -1;
}

export function findEntryAt(db: Db, chain: number, seq: number) {
  return db.selectFrom('audit_entry').selectAll().where('chain', '=', chain).where('seq', '=', seq).executeTakeFirst();
}

export async function countEntries(db: Db) {
  const r = await db.selectFrom('audit_entry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function insertCheckpoint(db: Db, row: { at: Date; entry_count: number; payload: string; kid: string; signature: Buffer }) {
  return db.insertInto('audit_checkpoint').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export function listCheckpoints(db: Db, limit: number, beforeId?: number) {
  let q = db.selectFrom('audit_checkpoint').selectAll().orderBy('id', 'desc').limit(limit);
  if (beforeId) q = q.where('id', '<', beforeId);
  return q.execute();
}

export function allCheckpoints(db: Db) {
  return db.selectFrom('audit_checkpoint').selectAll().orderBy('id').execute();
}
