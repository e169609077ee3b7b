import { scaled, unscaled } from '../../cycles/decimal.ts';

/**
 * The comparison at the heart of a reconciliation: each redemption and conflict against
 * the ledger posting of its price, and the totals against the ledger's balances. Every
 * difference becomes one named discrepancy; none is netted against another, dropped or
 * summarised away. Pure: the rows come from store.ts.
 */

export type Method = 'cash' | 'mobile';

export interface RedemptionItem {
  id: string;
  quantity: string;
  amount: string;
  currency: string;
  method: Method | 'none';
  postingId: string | null;
  /** The point the entitlement is assigned to; null when it has none. */
  assignedPoint: string | null;
}

export interface ConflictItem {
  id: string;
  reason: string;
  quantity: string;
  amount: string;
  currency: string;
  method: Method | 'none';
  postingId: string | null;
  /** The supervisor's decision; null while open. */
  decision: string | null;
}

export interface PostingItem {
  id: string;
  kind: string;
  redemptionId: string | null;
  reverses: string | null;
  amount: string;
  currency: string;
  /** The point money account it touches; its last segment is the method. */
  moneyAccount: string | null;
}

/** What the ledger's balances say for the point and cycle, in the cycle's currency. */
export interface LedgerFigures {
  cash: string;
  mobile: string;
  collected: string;
}

/** Balances in another currency than the cycle's: each one is a discrepancy. */
export interface ForeignBalance {
  account: string;
  currency: string;
  balance: string;
}

export type Discrepancy =
  | { kind: 'redemption_without_posting'; redemptionId: string; amount: string; method: Method }
  | { kind: 'conflict_without_posting'; conflictId: string; amount: string; method: Method }
  | { kind: 'posting_without_redemption'; postingId: string; redemptionId: string | null; amount: string; method: Method | null }
  | { kind: 'amount_differs'; redemptionId: string; postingId: string; expected: string; recorded: string }
  | { kind: 'method_differs'; redemptionId: string; postingId: string; expected: Method; recorded: Method | null }
  | { kind: 'posting_reversed'; redemptionId: string; postingId: string; reversalId: string; amount: string }
  | { kind: 'refund_not_reversed'; conflictId: string; postingId: string | null; amount: string }
  | { kind: 'ledger_total_differs'; account: Method | 'collected'; expected: string; ledger: string; difference: string }
  | { kind: 'other_currency'; account: string; currency: string; balance: string }
  | { kind: 'open_conflict'; conflictId: string; reason: string; quantity: string; amount: string }
  | { kind: 'redeemed_elsewhere_assigned'; redemptionId: string; assignedPoint: string | null }
  | { kind: 'over_redeemed'; entitlements: number }
  | { kind: 'entitlements_unassigned'; regionCode: string; entitlements: number; quantity: string };

export type DiscrepancyKind = Discrepancy['kind'];

export interface ReconciliationInput {
  point: string;
  regionCode: string;
  currency: string;
  redemptions: readonly RedemptionItem[];
  conflicts: readonly ConflictItem[];
  postings: readonly PostingItem[];
  ledger: LedgerFigures;
  foreignBalances: readonly ForeignBalance[];
  overRedeemed: number;
  unassigned: { entitlements: number; quantity: string };
}

export interface MoneyByMethod {
  count: number;
  amount: string;
}

export interface ConflictFigures {
  count: number;
  quantity: string;
  amount: string;
  open: number;
  resolved: number;
}

export interface ReconciliationFigures {
  /** The prices taken by redemptions, by method (a redemption at price 0 is counted under `none`). */
  expected: { cash: MoneyByMethod; mobile: MoneyByMethod; none: { count: number } };
  conflicts: ConflictFigures;
  discrepancies: Discrepancy[];
}

const cents = (amount: string) => scaled(amount, 2);
const money = (value: bigint) => unscaled(value, 2);
const methodOf = (account: string | null): Method | null => {
  const last = account?.split(':').at(-1);
  return last === 'cash' || last === 'mobile' ? last : null;
};

/** Compares what the point recorded with what the ledger holds; see the module comment. */
export function findDiscrepancies(input: ReconciliationInput): ReconciliationFigures {
  const discrepancies: Discrepancy[] = [];
  const postings = new Map(input.postings.map((p) => [p.id, p]));
  const reversalOf = new Map(input.postings.filter((p) => p.reverses).map((p) => [p.reverses!, p]));
  const claimed = new Set<string>();
  const expected = { cash: { count: 0, cents: 0n }, mobile: { count: 0, cents: 0n }, none: { count: 0 } };
  const ledgerShould = { cash: 0n, mobile: 0n };

  for (const r of input.redemptions) {
    if (r.assignedPoint !== input.point) discrepancies.push({ kind: 'redeemed_elsewhere_assigned', redemptionId: r.id, assignedPoint: r.assignedPoint });
    if (r.method === 'none') {
      expected.none.count++;
      continue;
    }
    if (r.currency !== input.currency) discrepancies.push({ kind: 'other_currency', account: `redemption:${r.id}`, currency: r.currency, balance: r.amount });
    else {
      expected[r.method].count++;
      expected[r.method].cents += cents(r.amount);
      ledgerShould[r.method] += cents(r.amount);
    }
    const posting = r.postingId ? postings.get(r.postingId) : undefined;
    if (!posting || posting.kind !== 'collection') {
      discrepancies.push({ kind: 'redemption_without_posting', redemptionId: r.id, amount: r.amount, method: r.method });
      continue;
    }
    claimed.add(posting.id);
    if (cents(posting.amount) !== cents(r.amount)) discrepancies.push({ kind: 'amount_differs', redemptionId: r.id, postingId: posting.id, expected: r.amount, recorded: posting.amount });
    const recorded = methodOf(posting.moneyAccount);
    if (recorded !== r.method) discrepancies.push({ kind: 'method_differs', redemptionId: r.id, postingId: posting.id, expected: r.method, recorded });
    const reversal = reversalOf.get(posting.id);
    if (reversal) discrepancies.push({ kind: 'posting_reversed', redemptionId: r.id, postingId: posting.id, reversalId: reversal.id, amount: posting.amount });
  }

  // A conflict's goods and money really changed hands, so its price is posted like any
  // other; a refund (decision "refunded") must come with the reversal of that posting.
  const conflicts = { count: 0, milli: 0n, cents: 0n, open: 0, resolved: 0 };
  for (const c of input.conflicts) {
    conflicts.count++;
    conflicts.milli += scaled(c.quantity, 3);
    conflicts.cents += cents(c.amount);
    if (c.decision === null) {
      conflicts.open++;
      discrepancies.push({ kind: 'open_conflict', conflictId: c.id, reason: c.reason, quantity: c.quantity, amount: c.amount });
    } else conflicts.resolved++;
    if (c.method === 'none') continue;
    const posting = c.postingId ? postings.get(c.postingId) : undefined;
    const reversal = posting ? reversalOf.get(posting.id) : undefined;
    const refunded = c.decision === 'refunded';
    if (c.currency !== input.currency) discrepancies.push({ kind: 'other_currency', account: `conflict:${c.id}`, currency: c.currency, balance: c.amount });
    else if (!refunded) ledgerShould[c.method] += cents(c.amount);
    if (!posting || posting.kind !== 'collection') {
      discrepancies.push({ kind: 'conflict_without_posting', conflictId: c.id, amount: c.amount, method: c.method });
      continue;
    }
    claimed.add(posting.id);
    if (cents(posting.amount) !== cents(c.amount)) discrepancies.push({ kind: 'amount_differs', redemptionId: c.id, postingId: posting.id, expected: c.amount, recorded: posting.amount });
    const recorded = methodOf(posting.moneyAccount);
    if (recorded !== c.method) discrepancies.push({ kind: 'method_differs', redemptionId: c.id, postingId: posting.id, expected: c.method, recorded });
    if (refunded && !reversal) discrepancies.push({ kind: 'refund_not_reversed', conflictId: c.id, postingId: posting.id, amount: c.amount });
    if (!refunded && reversal) discrepancies.push({ kind: 'posting_reversed', redemptionId: c.id, postingId: posting.id, reversalId: reversal.id, amount: posting.amount });
  }

  // A collection nobody recorded a pickup for; one reversed since cancels itself out.
  for (const p of input.postings) {
    if (p.kind !== 'collection' || claimed.has(p.id) || reversalOf.has(p.id)) continue;
    discrepancies.push({ kind: 'posting_without_redemption', postingId: p.id, redemptionId: p.redemptionId, amount: p.amount, method: methodOf(p.moneyAccount) });
  }

  const totals: [Method | 'collected', bigint, string][] = [
    ['cash', ledgerShould.cash, input.ledger.cash],
    ['mobile', ledgerShould.mobile, input.ledger.mobile],
    ['collected', ledgerShould.cash + ledgerShould.mobile, input.ledger.collected],
  ];
  for (const [account, should, ledger] of totals) {
    if (should !== cents(ledger)) discrepancies.push({ kind: 'ledger_total_differs', account, expected: money(should), ledger, difference: money(cents(ledger) - should) });
  }
  for (const f of input.foreignBalances) discrepancies.push({ kind: 'other_currency', account: f.account, currency: f.currency, balance: f.balance });
  if (input.overRedeemed > 0) discrepancies.push({ kind: 'over_redeemed', entitlements: input.overRedeemed });
  if (input.unassigned.entitlements > 0) {
    discrepancies.push({ kind: 'entitlements_unassigned', regionCode: input.regionCode, entitlements: input.unassigned.entitlements, quantity: input.unassigned.quantity });
  }

  return {
    expected: {
      cash: { count: expected.cash.count, amount: money(expected.cash.cents) },
      mobile: { count: expected.mobile.count, amount: money(expected.mobile.cents) },
      none: expected.none,
    },
    conflicts: { count: conflicts.count, quantity: unscaled(conflicts.milli, 3), amount: money(conflicts.cents), open: conflicts.open, resolved: conflicts.resolved },
    discrepancies,
  };
}
