import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField, csvLine, discrepancyLine } from './reconciliation-csv.ts';
import { findDiscrepancies, type ConflictItem, type PostingItem, type RedemptionItem, type ReconciliationInput } from './find-discrepancies.ts';
import { tillOf } from './till.ts';

const P = 'PDA-AN-01';
const redemption = (id: string, amount: string, method: 'cash' | 'mobile', postingId: string | null): RedemptionItem => ({ id, quantity: '1.000', amount, currency: 'XAM', method, postingId, assignedPoint: P });
const collection = (id: string, amount: string, method: 'cash' | 'mobile', redemptionId: string | null): PostingItem => ({ id, kind: 'collection', redemptionId, reverses: null, amount, currency: 'XAM', moneyAccount: `point:${P}:${method}` });
const reversal = (id: string, of: PostingItem): PostingItem => ({ ...of, id, kind: 'reversal', reverses: of.id });
const conflict = (id: string, amount: string, postingId: string | null, decision: string | null): ConflictItem => ({ id, reason: 'already_redeemed', quantity: '1.000', amount, currency: 'XAM', method: 'cash', postingId, decision });

const input = (over: Partial<ReconciliationInput>): ReconciliationInput => ({
  point: P,
  regionCode: 'AN-01',
  currency: 'XAM',
  redemptions: [],
  conflicts: [],
  postings: [],
  ledger: { cash: '0.00', mobile: '0.00', collected: '0.00' },
  foreignBalances: [],
  overRedeemed: 0,
  unassigned: { entitlements: 0, quantity: '0.000' },
  ...over,
});

describe('findDiscrepancies', () => {
  it('finds none when every pickup has its posting and the ledger agrees to the cent', () => {
    const r = findDiscrepancies(input({
      redemptions: [redemption('r1', '0.10', 'cash', 'p1'), redemption('r2', '0.20', 'cash', 'p2'), redemption('r3', '12.50', 'mobile', 'p3')],
      postings: [collection('p1', '0.10', 'cash', 'r1'), collection('p2', '0.20', 'cash', 'r2'), collection('p3', '12.50', 'mobile', 'r3')],
      ledger: { cash: '0.30', mobile: '12.50', collected: '12.80' },
    }));
    assert.deepEqual(r.discrepancies, []);
    assert.deepEqual(r.expected.cash, { count: 2, amount: '0.30' }, 'exact: 0.1 + 0.2 is 0.30, not 0.30000000000000004');
  });

  it('names an amount or a method that differs between a redemption and its posting, and a redemption with none', () => {
    const r = findDiscrepancies(input({
      redemptions: [redemption('r1', '25000.00', 'cash', 'p1'), redemption('r2', '25000.00', 'cash', 'p2'), redemption('r3', '25000.00', 'cash', null)],
      postings: [collection('p1', '24999.99', 'cash', 'r1'), collection('p2', '25000.00', 'mobile', 'r2')],
      ledger: { cash: '24999.99', mobile: '25000.00', collected: '49999.99' },
    }));
    assert.deepEqual(r.discrepancies.filter((d) => d.kind !== 'ledger_total_differs'), [
      { kind: 'amount_differs', redemptionId: 'r1', postingId: 'p1', expected: '25000.00', recorded: '24999.99' },
      { kind: 'method_differs', redemptionId: 'r2', postingId: 'p2', expected: 'cash', recorded: 'mobile' },
      { kind: 'redemption_without_posting', redemptionId: 'r3', amount: '25000.00', method: 'cash' },
    ]);
    assert.deepEqual(r.discrepancies.filter((d) => d.kind === 'ledger_total_differs'), [
      { kind: 'ledger_total_differs', account: 'cash', expected: '75000.00', ledger: '24999.99', difference: '-50000.01' },
      { kind: 'ledger_total_differs', account: 'mobile', expected: '0.00', ledger: '25000.00', difference: '25000.00' },
      { kind: 'ledger_total_differs', account: 'collected', expected: '75000.00', ledger: '49999.99', difference: '-25000.01' },
    ]);
  });

  it("counts a conflict's price as taken unless refunded, and a refund must come with the reversal", () => {
    const kept = collection('p1', '25000.00', 'cash', null);
    const refunded = collection('p2', '25000.00', 'cash', null);
    const notReversed = collection('p3', '25000.00', 'cash', null);
    const r = findDiscrepancies(input({
      conflicts: [conflict('c1', '25000.00', 'p1', 'accepted_loss'), conflict('c2', '25000.00', 'p2', 'refunded'), conflict('c3', '25000.00', 'p3', 'refunded')],
      postings: [kept, refunded, reversal('p2r', refunded), notReversed],
      ledger: { cash: '50000.00', mobile: '0.00', collected: '50000.00' },
    }));
    assert.deepEqual(r.discrepancies.filter((d) => d.kind !== 'ledger_total_differs'), [{ kind: 'refund_not_reversed', conflictId: 'c3', postingId: 'p3', amount: '25000.00' }]);
    assert.deepEqual(r.discrepancies.filter((d) => d.kind === 'ledger_total_differs').map((d) => d.kind === 'ledger_total_differs' && [d.account, d.difference]), [
      ['cash', '25000.00'],
      ['collected', '25000.00'],
    ]);
    assert.deepEqual(r.conflicts, { count: 3, quantity: '3.000', amount: '75000.00', open: 0, resolved: 3 });
  });

  it('lists balances in another currency, over-redeemed and unassigned entitlements', () => {
    const r = findDiscrepancies(input({ foreignBalances: [{ account: `point:${P}:cash`, currency: 'USD', balance: '10.00' }], overRedeemed: 2, unassigned: { entitlements: 3, quantity: '4.000' } }));
    assert.deepEqual(r.discrepancies.map((d) => d.kind), ['other_currency', 'over_redeemed', 'entitlements_unassigned']);
  });
});

describe('reconciliation CSV and till', () => {
  it('quotes per RFC 4180 only what needs it', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('dijo "no"'), '"dijo ""no"""');
    assert.equal(csvField('line\nbreak'), '"line\nbreak"');
    assert.equal(csvField(null), '');
    assert.equal(csvLine({ section: 'till', amount: '1.00', detail: 'Peña, Nuñez' }), 'till,,,,,1.00,,,"Peña, Nuñez"');
  });

  it('writes every kind of discrepancy on a line of its own, naming its record', () => {
    const line = discrepancyLine({ kind: 'posting_without_redemption', postingId: 'p9', redemptionId: null, amount: '5.00', method: 'cash' }, 'XAM');
    assert.deepEqual([line.section, line.item, line.id, line.amount, line.currency], ['discrepancy', 'posting_without_redemption', 'p9', '5.00', 'XAM']);
  });

  it('derives the till from the cash account by kind, reversals under their original', () => {
    const till = tillOf([
      { kind: 'collection', currency: 'XAM', debits: '75000.00', credits: '25000.00' },
      { kind: 'deposit', currency: 'XAM', debits: '0.00', credits: '40000.00' },
      { kind: 'shortage', currency: 'XAM', debits: '0.00', credits: '100.00' },
    ]);
    assert.deepEqual(till, [{ currency: 'XAM', collected: '50000.00', deposited: '40000.00', shortages: '100.00', overages: '0.00', inTill: '9900.00' }]);
  });
});
