import { z } from 'zod';
import { PAYMENT_REFERENCE_PATTERN } from '../../ledger/posting-request.ts';
import { DISTRIBUTION_POINT_PATTERN } from '../../programs/program-definition.ts';

const Decimal = z.string().describe('exact decimal text');
const Money = z.string().regex(/^-?\d+\.\d{2}$/).describe('exact amount, two decimals');

export const PointParams = z.object({ code: z.string().regex(DISTRIBUTION_POINT_PATTERN, 'a distribution point code').describe('the distribution point code') });

export const ReconciliationQuery = z.object({ cycle: z.uuid().describe('the cycle id (see …/reconciliation/cycles)') });

export const PointSearchQuery = z.object({ q: z.string().max(100).default('').describe('part of the code or name') });

export const ReconciliationPoint = z.object({ code: z.string(), name: z.string(), kind: z.string(), regionCode: z.string(), status: z.string() });

export const ReconciliationCycle = z.object({
  id: z.uuid(),
  program: z.string(),
  programName: z.object({ es: z.string(), en: z.string() }),
  period: z.string(),
  status: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  measure: z.string(),
  currency: z.string(),
  pricePerUnit: Money,
});

export const PointCycles = z.object({ point: ReconciliationPoint, cycles: z.array(ReconciliationCycle) });

const MoneyByMethod = z.object({ count: z.number().int(), amount: Money });
const Method = z.enum(['cash', 'mobile']);

export const Discrepancy = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('redemption_without_posting'), redemptionId: z.string(), amount: Money, method: Method }),
    z.object({ kind: z.literal('conflict_without_posting'), conflictId: z.string(), amount: Money, method: Method }),
    z.object({ kind: z.literal('posting_without_redemption'), postingId: z.string(), redemptionId: z.string().nullable(), amount: Money, method: Method.nullable() }),
    z.object({ kind: z.literal('amount_differs'), redemptionId: z.string(), postingId: z.string(), expected: Money, recorded: Money }),
    z.object({ kind: z.literal('method_differs'), redemptionId: z.string(), postingId: z.string(), expected: Method, recorded: Method.nullable() }),
    z.object({ kind: z.literal('posting_reversed'), redemptionId: z.string(), postingId: z.string(), reversalId: z.string(), amount: Money }),
    z.object({ kind: z.literal('refund_not_reversed'), conflictId: z.string(), postingId: z.string().nullable(), amount: Money }),
    z.object({ kind: z.literal('ledger_total_differs'), account: z.enum(['cash', 'mobile', 'collected']), expected: Money, ledger: Money, difference: Money }),
    z.object({ kind: z.literal('other_currency'), account: z.string(), currency: z.string(), balance: Money }),
    z.object({ kind: z.literal('open_conflict'), conflictId: z.string(), reason: z.string(), quantity: Decimal, amount: Money }),
    z.object({ kind: z.literal('redeemed_elsewhere_assigned'), redemptionId: z.string(), assignedPoint: z.string().nullable() }),
    z.object({ kind: z.literal('over_redeemed'), entitlements: z.number().int() }),
    z.object({ kind: z.literal('entitlements_unassigned'), regionCode: z.string(), entitlements: z.number().int(), quantity: Decimal }),
  ])
  .describe('one difference between what the point recorded and what the ledger holds, named; see src/distribution/README.md');

export const Till = z.object({ currency: z.string(), collected: Money, deposited: Money, shortages: Money, overages: Money, inTill: Money.describe("the book: what should be in the point's till now") });

export const Reconciliation = z.object({
  point: ReconciliationPoint,
  cycle: ReconciliationCycle,
  generatedAt: z.string(),
  entitlements: z.object({ count: z.number().int(), quantity: Decimal }),
  redeemed: z.object({ entitlements: z.number().int(), pickups: z.number().int(), quantity: Decimal }),
  outstanding: z.object({ count: z.number().int(), quantity: Decimal }),
  expected: z.object({ cash: MoneyByMethod, mobile: MoneyByMethod, none: z.object({ count: z.number().int() }) }).describe('the prices the redemptions took'),
  ledger: z.object({ cash: Money, mobile: Money, collected: Money, postings: z.number().int(), reversals: z.number().int() }).describe('balances of the point and cycle in the ledger, net of reversals'),
  conflicts: z.object({ count: z.number().int(), quantity: Decimal, amount: Money, open: z.number().int(), resolved: z.number().int() }),
  till: z.array(Till),
  discrepancies: z.array(Discrepancy),
  balanced: z.boolean().describe('true only when there is no discrepancy'),
});

export const DepositInput = z.object({
  amount: z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, 'an amount such as 125000.00').describe('the cash counted, exact decimal text'),
  currency: z.string().regex(/^[A-Z]{3}$/),
  reference: z.string().regex(PAYMENT_REFERENCE_PATTERN, "the deposit slip's reference: letters, digits, . _ / -, at most 64").describe("the deposit slip's reference: the same slip again is the same deposit"),
  countedAt: z.iso.datetime({ offset: true }).optional().describe('when the cash was counted; default now'),
});

export const DepositResult = z.object({ postingId: z.uuid(), seq: z.number().int(), created: z.boolean(), till: z.array(Till) });
