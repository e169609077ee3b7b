import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { DomainError } from '../shared/domain-error.ts';
import { checkPostingRequest, type CheckedPosting, type PostingRequest } from './posting-request.ts';
import { findPostingByKey, findReversalOf, insertPosting, linesOf, type PostingRow } from './store.ts';
import { postingOf, type Posting } from './views.ts';

export interface PostResult {
  posting: Posting;
  /** false: the idempotency key had been used for this same request, which is returned. */
  created: boolean;
}

/**
 * Records a posting. Runs inside the caller's transaction when given one (a redemption
 * and its price commit together), otherwise as one statement of its own. Idempotent:
 * the same request with the same key returns the posting first made; a different
 * request with a used key is CONFLICT. Refuses, before writing anything, a line outside
 * the chart or its kind's rules, an amount that is not a positive decimal with at most
 * two places, and a posting that does not balance in each currency; the database
 * checks the balance again when the transaction commits.
 */
export async function post(db: Db, request: PostingRequest): Promise<PostResult> {
  return recordPosting(db, checkPostingRequest(request, new Date()));
}

/** Writes a checked posting, or finds the one its key (or, for a reversal, its original) already has. */
export async function recordPosting(db: Db, p: CheckedPosting): Promise<PostResult> {
  const accounts = new Map(p.lines.map((l) => [`${l.account} ${l.currency}`, { code: l.account, currency: l.currency, type: l.type }]));
  const row = await insertPosting(db, {
    id: randomUUID(),
    idempotencyKey: p.idempotencyKey,
    requestHash: p.requestHash,
    kind: p.kind,
    effectiveAt: p.effectiveAt,
    reverses: p.reverses,
    ...p.references,
    memo: p.memo,
    lines: p.lines,
    accounts: [...accounts.values()],
  });
  if (row) return { posting: postingOf(row, p.lines), created: true };

  const same = await findPostingByKey(db, p.idempotencyKey);
  if (same) {
    if (!same.request_hash.equals(p.requestHash)) {
      throw new DomainError('CONFLICT', `idempotency key ${p.idempotencyKey} was used for a different posting (${same.id}); a new posting needs a new key`, {
        postingId: same.id,
      });
    }
    return { posting: await withLines(db, same), created: false };
  }
  if (p.reverses) {
    const reversal = await findReversalOf(db, p.reverses);
    if (reversal) throw alreadyReversed(p.reverses, reversal);
  }
  // Neither the key nor the reversal: only a clash of fresh random ids, which retrying cures.
  throw new Error('ledger posting was neither written nor found; retry');
}

export const alreadyReversed = (id: string, reversal: PostingRow) =>
  new DomainError('CONFLICT', `posting ${id} was already reversed by posting ${reversal.id} (journal number ${reversal.seq}) at ${reversal.recorded_at.toISOString()}`, {
    postingId: id,
    reversedBy: reversal.id,
  });

export async function withLines(db: Db, row: PostingRow): Promise<Posting> {
  return postingOf(row, await linesOf(db, [row.id]));
}
