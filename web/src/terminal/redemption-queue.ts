/**
 * The queue of signed redemption records waiting for the server, as data: which to
 * send next, and what a sync answer does to the queue. A record leaves the queue only
 * when the server has kept it (recorded, duplicate of one it has, or kept as a
 * conflict for a supervisor); a refused record stays, with the reason, for the agent
 * to see. Pure.
 */
import type { Bilingual } from './bilingual.ts';
import type { Receipt, SignedRecord, SyncResult } from './terminal-types.ts';

/** The server takes at most this many records per sync request. */
export const SYNC_BATCH_SIZE = 500;

export interface QueuedRecord extends SignedRecord {
  /** When it entered the queue (this device's clock). */
  queuedAt: string;
  /** Set when the server refused it: it is not sent again until the agent asks. */
  refused?: { code: string; message: string; at: string };
}

/** A record the server kept as a conflict: handed out twice, for a supervisor to review. */
export interface SeenConflict {
  id: string;
  reason: string;
  programName?: Bilingual;
  cardNumber: string;
  redeemedAt: string;
  reportedAt: string;
}

/** The oldest records not refused, at most one batch. */
export function nextBatch(queue: readonly QueuedRecord[], size = SYNC_BATCH_SIZE): QueuedRecord[] {
  return queue
    .filter((q) => !q.refused)
    .sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0))
    .slice(0, size);
}

export interface SyncOutcome {
  /** Ids to remove from the queue: the server has them. */
  settled: string[];
  /** Records that stay, marked refused. */
  refused: QueuedRecord[];
  conflicts: SeenConflict[];
  receipts: Receipt[];
  /** Sent records the answer did not mention: they stay queued and go again. */
  unanswered: string[];
}

/** What an answer to `sent` does to the queue. Results for records not sent are ignored. */
export function settleBatch(sent: readonly QueuedRecord[], results: readonly SyncResult[], now: Date, programNames: ReadonlyMap<string, Bilingual> = new Map()): SyncOutcome {
  const byId = new Map(sent.map((q) => [q.record.id, q]));
  const outcome: SyncOutcome = { settled: [], refused: [], conflicts: [], receipts: [], unanswered: [] };
  const answered = new Set<string>();
  for (const result of results) {
    const queued = byId.get(result.id);
    if (!queued || answered.has(result.id)) continue;
    answered.add(result.id);
    switch (result.status) {
      case 'recorded':
      case 'duplicate':
        outcome.settled.push(result.id);
        if (result.receipt) outcome.receipts.push(result.receipt);
        break;
      case 'conflict': {
        outcome.settled.push(result.id);
        const conflict: SeenConflict = {
          id: result.conflict?.id ?? result.id,
          reason: result.conflict?.reason ?? 'already_redeemed',
          cardNumber: queued.record.cardNumber,
          redeemedAt: queued.record.redeemedAt,
          reportedAt: now.toISOString(),
        };
        const programName = programNames.get(queued.record.cycleId);
        outcome.conflicts.push(programName ? { ...conflict, programName } : conflict);
        break;
      }
      case 'refused':
        outcome.refused.push({
          ...queued,
          refused: { code: result.error?.code ?? 'REFUSED', message: result.error?.message ?? '', at: now.toISOString() },
        });
        break;
    }
  }
  outcome.unanswered = sent.map((q) => q.record.id).filter((id) => !answered.has(id));
  return outcome;
}
