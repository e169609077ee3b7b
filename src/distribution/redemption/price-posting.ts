import { collectionPosting } from '../../ledger/posting-templates.ts';
import type { PostingRequest } from '../../ledger/posting-request.ts';
import type { RedemptionRecord } from '../protocol/terminal-protocol.ts';
import type { TerminalCaller } from './terminal-caller.ts';

/**
 * The ledger posting of the price a pickup record took — for a redemption, and for a
 * record kept as a conflict (the money changed hands either way) — dated when the goods
 * were handed over. None when nothing was paid.
 */
export function pricePosting(input: {
  idempotencyKey: string;
  record: RedemptionRecord;
  caller: TerminalCaller;
  cycle: { id: string; programCode: string; period: string };
  currency: string;
  /** Canonical decimal text ("25000.00"). */
  amount: string;
  agentId: string;
  memo?: string;
}): PostingRequest | null {
  const { record, caller } = input;
  const method = record.payment.method;
  if (method === 'none') return null;
  return collectionPosting({
    idempotencyKey: input.idempotencyKey,
    cycle: input.cycle,
    point: caller.pointCode,
    currency: input.currency,
    amount: input.amount,
    method,
    paymentReference: record.payment.reference ?? null,
    redemptionId: record.id,
    deviceId: caller.terminalId,
    officialId: input.agentId,
    effectiveAt: new Date(record.redeemedAt),
    ...(input.memo === undefined ? {} : { memo: input.memo }),
  });
}
