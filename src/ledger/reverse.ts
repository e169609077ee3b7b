import type { Db } from '../db/database.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import { parseAccount } from './chart.ts';
import { alreadyReversed, recordPosting, type PostResult } from './post.ts';
import { checkEffectiveAt, checkIdempotencyKey, checkMemo, checkReferences, isUuid, requestHash, type CheckedLine } from './posting-request.ts';
import { findPostingById, findReversalOf, linesOf } from './store.ts';

export interface ReverseOptions {
  idempotencyKey: string;
  /** Why: kept as the reversal's memo. */
  reason: string;
  /** Who reverses it: an official, and the terminal if it was done on one. */
  by: { officialId: string | null; deviceId?: string | null };
  /** When the money went back; defaults to now (a past report stays as it was). */
  effectiveAt?: Date;
}

/**
 * Reverses a posting: a new posting of kind `reversal`, with the opposite lines, the
 * same cycle, program, point, redemption and payment reference, that names the
 * original. A posting is reversed at most once and a reversal never (the database
 * holds both rules too): a second reversal is CONFLICT naming the first, a reversal of
 * a reversal RULE_VIOLATION. Idempotent like `post`; runs inside the caller's
 * transaction when given one.
 */
export async function reverse(db: Db, postingId: string, options: ReverseOptions): Promise<PostResult> {
  if (!isUuid(postingId)) throw notFound(`posting ${String(postingId)}`);
  const idempotencyKey = checkIdempotencyKey(options.idempotencyKey);
  const memo = checkMemo(options.reason, true, 'reason');
  const by = checkReferences({ officialId: options.by?.officialId ?? null, deviceId: options.by?.deviceId ?? null });
  const effectiveAt = checkEffectiveAt(options.effectiveAt, new Date());

  const original = await findPostingById(db, postingId.toLowerCase());
  if (!original) throw notFound(`posting ${postingId}`);
  if (original.kind === 'reversal') {
    throw new DomainError('RULE_VIOLATION', `posting ${original.id} is itself a reversal and cannot be reversed; record the original again as a new posting instead`, { postingId: original.id });
  }
  const lines: CheckedLine[] = (await linesOf(db, [original.id])).map((l) => ({
    account: l.account,
    currency: l.currency,
    side: l.side === 'debit' ? 'credit' : 'debit',
    amount: l.amount,
    type: parseAccount(l.account, 'account').type,
  }));
  const references = {
    cycleId: original.cycle_id,
    program: original.program_code,
    point: original.point_code,
    redemptionId: original.redemption_id,
    paymentReference: original.payment_reference,
    deviceId: by.deviceId,
    officialId: by.officialId,
  };
  const checked = { idempotencyKey, kind: 'reversal' as const, reverses: original.id, lines, references, memo, effectiveAt };
  const reversal = { ...checked, requestHash: requestHash(checked) };

  // Say so plainly, rather than after a write the database would refuse.
  const existing = await findReversalOf(db, original.id);
  if (existing && existing.idempotency_key !== idempotencyKey) throw alreadyReversed(original.id, existing);
  return recordPosting(db, reversal);
}
