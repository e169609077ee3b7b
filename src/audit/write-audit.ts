import type { Db } from '../db/database.ts';
import type { AuditAction, Purpose } from './actions.ts';
import { canonicalJson, entryHash } from './chain.ts';
import { chainHead, insertEntriesGuarded, lockChainHead, type AuditTransaction, type ChainHead, type NewAuditEntry, type SqlFragment } from './store.ts';

/** Who acted. The system itself (CLI, start-up, schedules) is an actor too. */
export interface AuditActor {
  id: string | null;
  name: string;
  role: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, name: 'amparo', role: 'system' };

export interface AuditRecord {
  actor: AuditActor;
  purpose: Purpose;
  action: AuditAction;
  outcome?: 'success' | 'denied' | 'failure';
  subject?: { type: string; id: string } | undefined;
  /** What was read or changed, by field name. Never the values of special attributes. */
  summary?: Record<string, unknown>;
  requestId?: string | undefined;
}

/**
 * Appends one entry to the audit log. Pass the transaction of the change being
 * recorded so that the change and its entry commit or fail together; given a
 * plain connection it opens a transaction of its own.
 */
export async function writeAudit(db: Db, record: AuditRecord): Promise<{ id: number }> {
  if (!db.isTransaction) return db.transaction().execute((tx) => writeAudit(tx, record));
  const tx = db as AuditTransaction;
  const at = new Date();
  const head = await lockChainHead(tx);
  const [id] = await insertEntriesGuarded(tx, chainRows(head, [record], at));
  return { id: id ?? (await appendAfterStaleHead(tx, head.chain, [record], at))[0]! };
}

/**
 * Appends many entries in one go (imports, cycles): one chain lock, one multi-row
 * insert. Same guarantees as `writeAudit`; runs inside the caller's transaction.
 */
export async function writeAuditBatch(db: Db, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  if (!db.isTransaction) return db.transaction().execute((tx) => writeAuditBatch(tx, records));
  const tx = db as AuditTransaction;
  const at = new Date();
  const head = await lockChainHead(tx);
  let rows = chainRows(head, records, at);
  if ((await insertEntriesGuarded(tx, rows.slice(0, 2000))).length === 0) {
    rows = chainRows(await chainHead(tx, head.chain), records, at);
    await insertEntriesGuarded(tx, rows.slice(0, 2000));
  }
  for (let i = 2000; i < rows.length; i += 2000) await insertEntriesGuarded(tx, rows.slice(i, i + 2000));
}

/**
 * Takes a chain for entries that the caller inserts within a statement of its own
 * (`guardedEntryInsert` as a data-modifying CTE beside the change they record): the
 * chain is taken and its head read in one round trip, together with `also`. `rows`
 * makes the entries' rows. If the guarded insert inserted nothing, the head was
 * stale: finish with `appendAfterStaleHead` in the same transaction.
 */
export async function prepareAudit<T = null>(tx: AuditTransaction, also?: SqlFragment<T>) {
  const head = await lockChainHead(tx, also);
  return { chain: head.chain, also: head.also, rows: (records: AuditRecord[], at: Date) => chainRows(head, records, at) };
}

/** Appends the entries after the head of a chain this transaction holds, read afresh (after a guarded insert found its head stale). */
export async function appendAfterStaleHead(tx: AuditTransaction, chain: number, records: AuditRecord[], at: Date): Promise<number[]> {
  const ids = await insertEntriesGuarded(tx, chainRows(await chainHead(tx, chain), records, at));
  if (ids.length !== records.length) throw new Error(`audit chain ${chain} moved while its lock was held`);
  return ids;
}

function chainRows(head: ChainHead, records: AuditRecord[], at: Date): NewAuditEntry[] {
  let prev = head.hash;
  return records.map((record, i) => {
    const row = entryRow(head.chain, head.seq + 1 + i, at, record, prev);
    prev = row.hash;
    return row;
  });
}

function entryRow(chain: number, seq: number, at: Date, record: AuditRecord, prevHash: Buffer) {
  const content = {
    chain,
    seq,
    at,
    actorId: record.actor.id,
    actorName: record.actor.name,
    role: record.actor.role,
    purpose: record.purpose,
    action: record.action,
    outcome: record.outcome ?? 'success',
    subjectType: record.subject?.type ?? null,
    subjectId: record.subject?.id ?? null,
    // Round-trip through canonical JSON so the stored value is exactly what was hashed.
    detail: JSON.parse(canonicalJson(record.summary ?? {})) as Record<string, unknown>,
    requestId: record.requestId ?? null,
  };
  return {
    chain: content.chain,
    seq: content.seq,
    at: content.at,
    actor_id: content.actorId,
    actor_name: content.actorName,
    role: content.role,
    purpose: content.purpose,
    action: content.action,
    outcome: content.outcome,
    subject_type: content.subjectType,
    subject_id: content.subjectId,
    detail: JSON.stringify(content.detail),
    request_id: content.requestId,
    prev_hash: prevHash,
    hash: entryHash(prevHash, content),
  };
}
