import { accountCode, MAIN_TREASURY } from './chart.ts';
import type { PostingRequest } from './posting-request.ts';

/**
 * The postings of the chart, built from what the caller knows, so that distribution
 * never writes account codes by hand. Each returns a request for `post`, which checks
 * it. Pure.
 */

interface Common {
  idempotencyKey: string;
  point: string;
  currency: string;
  /** Decimal text ("25000.00"), never a number. */
  amount: string;
  officialId?: string | null;
  deviceId?: string | null;
  effectiveAt?: Date;
  memo?: string;
}

export interface CollectionInput extends Common {
  /** The cycle whose entitlement was redeemed: its id, program and period name the income account. */
  cycle: { id: string; programCode: string; period: string };
  redemptionId?: string | null;
  method: 'cash' | 'mobile';
  /** The payment network's reference of a mobile payment; never the payer's phone or document number. */
  paymentReference?: string | null;
}

/** A beneficiary paid the subsidised price: the point's till or mobile clearing account, against the cycle's income. */
export function collectionPosting(input: CollectionInput): PostingRequest {
  const { cycle, point, currency, amount } = input;
  return {
    idempotencyKey: input.idempotencyKey,
    kind: 'collection',
    lines: [
      { account: input.method === 'cash' ? accountCode.pointCash(point) : accountCode.pointMobile(point), currency, side: 'debit', amount },
      { account: accountCode.programCollected(cycle.programCode, cycle.period), currency, side: 'credit', amount },
    ],
    references: {
      cycleId: cycle.id,
      program: cycle.programCode,
      point,
      redemptionId: input.redemptionId ?? null,
      deviceId: input.deviceId ?? null,
      officialId: input.officialId ?? null,
      paymentReference: input.paymentReference ?? null,
    },
    ...(input.memo === undefined ? {} : { memo: input.memo }),
    ...(input.effectiveAt === undefined ? {} : { effectiveAt: input.effectiveAt }),
  };
}

export interface TreasuryInput extends Common {
  treasury?: string;
  /** The deposit slip's or the bank statement's reference. */
  paymentReference?: string | null;
}

const treasuryPosting = (kind: 'deposit' | 'settlement', from: string, input: TreasuryInput): PostingRequest => ({
  idempotencyKey: input.idempotencyKey,
  kind,
  lines: [
    { account: accountCode.treasury(input.treasury ?? MAIN_TREASURY), currency: input.currency, side: 'debit', amount: input.amount },
    { account: from, currency: input.currency, side: 'credit', amount: input.amount },
  ],
  references: { point: input.point, deviceId: input.deviceId ?? null, officialId: input.officialId ?? null, paymentReference: input.paymentReference ?? null },
  ...(input.memo === undefined ? {} : { memo: input.memo }),
  ...(input.effectiveAt === undefined ? {} : { effectiveAt: input.effectiveAt }),
});

/** The point's cash reached the treasury: the amount counted, whatever the till's balance says. */
export const depositPosting = (input: TreasuryInput) => treasuryPosting('deposit', accountCode.pointCash(input.point), input);

/** The treasury found the point's mobile payments in its bank statement (`paymentReference` is the statement's). */
export const settlementPosting = (input: TreasuryInput) => treasuryPosting('settlement', accountCode.pointMobile(input.point), input);

export interface DiscrepancyInput extends Common {
  /** shortage: money recorded is missing; overage: there is more than was recorded. */
  direction: 'shortage' | 'overage';
  method: 'cash' | 'mobile';
  /** Why, in the official's words (no beneficiary's name). */
  reason: string;
  paymentReference?: string | null;
}

/** Moves a difference found at the point to its discrepancy account, where it stays in view. */
export function discrepancyPosting(input: DiscrepancyInput): PostingRequest {
  const money = input.method === 'cash' ? accountCode.pointCash(input.point) : accountCode.pointMobile(input.point);
  const discrepancy = accountCode.pointDiscrepancy(input.point);
  const [debit, credit] = input.direction === 'shortage' ? [discrepancy, money] : [money, discrepancy];
  return {
    idempotencyKey: input.idempotencyKey,
    kind: input.direction,
    lines: [
      { account: debit, currency: input.currency, side: 'debit', amount: input.amount },
      { account: credit, currency: input.currency, side: 'credit', amount: input.amount },
    ],
    references: { point: input.point, deviceId: input.deviceId ?? null, officialId: input.officialId ?? null, paymentReference: input.paymentReference ?? null },
    memo: input.reason,
    ...(input.effectiveAt === undefined ? {} : { effectiveAt: input.effectiveAt }),
  };
}
