import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AuditEntryTable, Schema } from '../db/schema.ts';
import { AUDIT_CHAINS, GENESIS_HASH } from './chain.ts';

export type AuditEntryRow = Selectable<AuditEntryTable>;

// Advisory lock namespace of the audit chains; the second key is the chain number.
const CHAIN_LOCK_CLASS = 4_242_100;

/**
 * Takes one chain for the rest of the caller's transaction and returns its head.
 * Tries the chains without waiting first, starting at a random one, so concurrent
 * transactions spread over the chains; waits only when every chain is busy.
 * Runs inside the caller's transaction; the lock is released at commit or rollback.
 */
export async function lockChainHead(tx: Transaction<Schema>) {
  const start = Math.floor(Math.random() * AUDIT_CHAINS);
  let chain = -1;
  for (let i = 0; i < AUDIT_CHAINS && chain < 0; i++) {
    const candidate = (start + i) % AUDIT_CHAINS;
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${CHAIN_LOCK_CLASS}, ${candidate}) as ok`.execute(tx);
    if (rows[0]?.ok) chain = candidate;
  }
  if (chain < 0) {
    chain = start;
    await sql`select pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}, ${chain})`.execute(tx);
  }
  // A new statement, so under READ COMMITTED it sees every entry committed before the lock.
  const head = await tx
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .where('chain', '=', chain)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { chain, seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
}

export async function insertEntry(tx: Transaction<Schema>, row: Insertable<AuditEntryTable>) {
  return tx.insertInto('audit_entry').values(row).returning(['id']).executeTakeFirstOrThrow();
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
