import { scaled, unscaled } from '../../cycles/decimal.ts';
import type { TillRow } from './store.ts';

/**
 * The point's till: its cash account across every cycle, split by what moved it. Cash
 * comes in with collections, leaves with deposits to the treasury, and a counted
 * difference moves to the discrepancy account (shortage out, overage in). `inTill` is
 * the book: what should be in the till now. A reversal counts under its original's kind.
 */
export interface Till {
  currency: string;
  collected: string;
  deposited: string;
  shortages: string;
  overages: string;
  inTill: string;
}

/** Pure: the rows of `tillMovements`, one Till per currency. */
export function tillOf(rows: readonly TillRow[]): Till[] {
  const byCurrency = new Map<string, Record<'collection' | 'deposit' | 'shortage' | 'overage' | 'other', bigint>>();
  for (const r of rows) {
    const t = byCurrency.get(r.currency) ?? { collection: 0n, deposit: 0n, shortage: 0n, overage: 0n, other: 0n };
    const net = scaled(r.debits, 2) - scaled(r.credits, 2);
    const kind = r.kind === 'collection' || r.kind === 'deposit' || r.kind === 'shortage' || r.kind === 'overage' ? r.kind : 'other';
    t[kind] += net;
    byCurrency.set(r.currency, t);
  }
  const money = (v: bigint) => unscaled(v, 2);
  return [...byCurrency].map(([currency, t]) => ({
    currency,
    collected: money(t.collection),
    deposited: money(-t.deposit),
    shortages: money(-t.shortage),
    overages: money(t.overage),
    inTill: money(t.collection + t.deposit + t.shortage + t.overage + t.other),
  }));
}
