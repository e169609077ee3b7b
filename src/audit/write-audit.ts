import type { Db } from '../db/database.ts';
import type { AuditAction, Purpose } from './actions.ts';
import { canonicalJson, entryHash } from './chain.ts';
import { insertEntries, insertEntry, lockChainHead } from './store.ts';

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
  const tx = db as Parameters<typeof lockChainHead>[0];
  const head = await lockChainHead(tx);
  const [row] = chainRows(head, [record], new Date());
  return insertEntry(tx, row!);
}

/**
 * Appends many entries in one go (imports, cycles): one chain lock, one multi-row
 * insert. Same guarantees as `writeAudit`; runs inside the caller's transaction.
 */
export async function writeAuditBatch(db: Db, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  if (!db.isTransaction) return db.transaction().execute((tx) => writeAuditBatch(tx, records));
  const tx = db as Parameters<typeof lockChainHead>[0];
  const head = await lockChainHead(tx);
  const rows = chainRows(head, records, new Date());
  for (let i = 0; i < rows.length; i += 2000) await insertEntries(tx, rows.slice(i, i + 2000));
}

function chainRows(head: { chain: number; seq: number; hash: Buffer }, records: AuditRecord[], at: Date) {
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
