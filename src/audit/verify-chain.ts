import type { Db } from '../db/database.ts';
import { verifyEd25519 } from '../keys/service.ts';
import { findKey } from '../keys/store.ts';
import { AUDIT_CHAINS, GENESIS_HASH, entryHash } from './chain.ts';
import { parseCheckpointPayload } from './checkpoints.ts';
import { allCheckpoints, chainPage, findEntryAt, highestChain, type AuditEntryRow } from './store.ts';

export interface ChainProblem {
  /** Database id of the first bad entry, when there is one to name. */
  entryId: number | null;
  chain: number;
  seq: number;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  problems: ChainProblem[];
}

const PAGE = 5_000;

export const toContent = (row: AuditEntryRow) => ({
  chain: row.chain,
  seq: row.seq,
  at: row.at,
  actorId: row.actor_id,
  actorName: row.actor_name,
  role: row.role,
  purpose: row.purpose,
  action: row.action,
  outcome: row.outcome,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  detail: row.detail,
  requestId: row.request_id,
});

function problemOf(row: AuditEntryRow, chain: number, expectedSeq: number, prev: Buffer): string | null {
  if (row.seq !== expectedSeq) return `entries ${expectedSeq}..${row.seq - 1} of chain ${chain} are missing`;
  if (!row.prev_hash.equals(prev)) return 'its previous-hash does not match the entry before it';
  if (!row.hash.equals(entryHash(prev, toContent(row)))) return 'its content does not match its hash (the row was altered)';
  return null;
}

/**
 * Walks every chain from its first entry, recomputing each hash, then checks every
 * signed checkpoint against the entries it names. Reports the first problem of each
 * chain (later entries of a broken chain cannot be trusted anyway) and every bad
 * checkpoint. Reads a page at a time: memory does not grow with the log.
 */
export async function verifyAuditLog(db: Db, pageSize = PAGE): Promise<VerifyReport> {
  const problems: ChainProblem[] = [];
  let entries = 0;
  // Every chain in use, also any above today's count: an entry can never escape the walk.
  const chains = Math.max(AUDIT_CHAINS, (await highestChain(db)) + 1);
  for (let chain = 0; chain < chains; chain++) {
    let prev: Buffer = GENESIS_HASH;
    let expectedSeq = 1;
    let broken = false;
    for (;;) {
      const page = await chainPage(db, chain, expectedSeq - 1, pageSize);
      for (const row of page) {
        entries++;
        // After the first problem the chain is only counted, but the walk still advances:
        // a broken chain longer than a page would otherwise re-read the same page forever.
        const problem = broken ? null : problemOf(row, chain, expectedSeq, prev);
        if (problem) {
          problems.push({ entryId: row.id, chain, seq: row.seq, reason: problem });
          broken = true;
        }
        prev = row.hash;
        expectedSeq = row.seq + 1;
      }
      if (page.length < pageSize) break;
    }
  }

  const checkpoints = await allCheckpoints(db);
  for (const cp of checkpoints) {
    const key = await findKey(db, cp.kid);
    if (!key || !verifyEd25519(key.public_key, Buffer.from(cp.payload), cp.signature)) {
      problems.push({ entryId: null, chain: -1, seq: -1, reason: `checkpoint ${cp.id} has a bad signature` });
      continue;
    }
    for (const head of parseCheckpointPayload(cp.payload).heads) {
      const row = await findEntryAt(db, head.chain, head.seq);
      if (!row) {
        problems.push({
          entryId: null,
          chain: head.chain,
          seq: head.seq,
          reason: `checkpoint ${cp.id} names chain ${head.chain} entry ${head.seq}, which is missing (entries were deleted)`,
        });
      } else if (row.hash.toString('hex') !== head.hash) {
        problems.push({
          entryId: row.id,
          chain: head.chain,
          seq: head.seq,
          reason: `checkpoint ${cp.id} signed another hash for this entry (history was rewritten)`,
        });
      }
    }
  }
  return { ok: problems.length === 0, entries, checkpoints: checkpoints.length, problems };
}
