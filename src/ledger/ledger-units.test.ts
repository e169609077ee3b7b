import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../shared/domain-error.ts';
import { fromCents, parseAmount, toCents } from './amounts.ts';
import { ACCOUNT_KINDS, accountCode, parseAccount, parseAccountPrefix, POSTING_RULES } from './chart.ts';
import { assertBalanced, checkPostingRequest, type PostingRequest } from './posting-request.ts';
import { collectionPosting, depositPosting, discrepancyPosting, settlementPosting } from './posting-templates.ts';

const NOW = new Date('2026-12-05T12:00:00Z');
const cycle = { id: '6f1c2f7e-8a43-4a53-9b0b-2f4f2d0f6a11', programCode: 'food-box', period: '2026-12' };
const collection = (extra: Partial<Parameters<typeof collectionPosting>[0]> = {}) =>
  collectionPosting({ idempotencyKey: 'redemption:1:price', cycle, point: 'PDA-AN-01', currency: 'VES', amount: '25000.00', method: 'cash', ...extra });

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DomainError, String(e));
    return e.code;
  }
  return 'none';
};

describe('ledger amounts', () => {
  it('are decimal text with two places, exact in whole cents at any size', () => {
    assert.equal(parseAmount('12.5', 'amount'), '12.50');
    assert.equal(parseAmount('7', 'amount'), '7.00');
    for (const bad of [12.5, '0.00', '1.005', '-1', '1,00', '']) assert.equal(code(() => parseAmount(bad, 'amount')), 'VALIDATION_FAILED', String(bad));
    assert.equal(toCents('9999999999999999.99'), 999999999999999999n);
    assert.equal(fromCents(999999999999999999n * 3n), '29999999999999999.97');
    assert.equal(fromCents(-5n), '-0.05');
    assert.equal(toCents('-0.05'), -5n);
    assert.equal(fromCents(toCents('0.10') + toCents('0.20')), '0.30');
  });
});

describe('chart of accounts', () => {
  it('reads every code the chart builds, with its type and parts', () => {
    assert.deepEqual(parseAccount(accountCode.pointCash('PDA-AN-01'), 'a'), { code: 'point:PDA-AN-01:cash', kind: 'point-cash', type: 'asset', point: 'PDA-AN-01' });
    assert.equal(parseAccount(accountCode.pointMobile('PDA-AN-01'), 'a').kind, 'point-mobile');
    assert.equal(parseAccount(accountCode.pointDiscrepancy('PDA-AN-01'), 'a').type, 'expense');
    assert.deepEqual(parseAccount(accountCode.programCollected('food-box', '2026-W49'), 'a'), {
      code: 'program:food-box:cycle:2026-W49:collected',
      kind: 'program-collected',
      type: 'income',
      program: 'food-box',
      period: '2026-W49',
    });
    assert.deepEqual(parseAccount(accountCode.treasury(), 'a'), { code: 'treasury:main', kind: 'treasury', type: 'asset' });
  });

  it('refuses codes outside it', () => {
    for (const bad of ['point:PDA-AN-01', 'point:PDA-AN-01:cash:VES', 'point::cash', 'program:Food:cycle:2026-12:collected', 'program:food-box:cycle:2026-13:collected', 'program:food-box:cycle:2026-W54:collected', 'treasury:Main', 'world', 42, null]) {
      assert.equal(code(() => parseAccount(bad, 'account')), 'VALIDATION_FAILED', String(bad));
    }
    assert.equal(parseAccountPrefix('point:PDA-AN-01', 'p'), 'point:PDA-AN-01');
    for (const bad of ['point:', ':cash', 'point:%', 'point:PDA AN']) assert.equal(code(() => parseAccountPrefix(bad, 'p')), 'VALIDATION_FAILED', bad);
  });

  it('never lets a kind of posting debit and credit the same kind of account', () => {
    for (const [kind, rule] of Object.entries(POSTING_RULES)) {
      assert.deepEqual(rule.debit.filter((k) => (rule.credit as readonly string[]).includes(k)), [], kind);
      for (const k of [...rule.debit, ...rule.credit]) assert.ok(k in ACCOUNT_KINDS, `${kind}: ${k}`);
    }
  });
});

describe('posting requests', () => {
  it('balance in each currency, or say where they do not', () => {
    assert.doesNotThrow(() => assertBalanced(collection().lines));
    assert.throws(
      () =>
        assertBalanced([
          { account: 'point:P:cash', currency: 'USD', side: 'debit', amount: '1.00' },
          { account: 'point:P:cash', currency: 'VES', side: 'credit', amount: '1.00' },
        ]),
      (e: DomainError) => e.code === 'RULE_VIOLATION' && /does not balance in USD: debits 1\.00, credits 0\.00/.test(e.message),
    );
  });

  it('hash what they ask for, whatever the order of the lines', () => {
    const a = checkPostingRequest(collection(), NOW);
    const reordered: PostingRequest = { ...collection(), lines: [...collection().lines].reverse() };
    assert.ok(a.requestHash.equals(checkPostingRequest(reordered, NOW).requestHash));
    assert.ok(!a.requestHash.equals(checkPostingRequest(collection({ amount: '25000.01' }), NOW).requestHash));
    assert.ok(!a.requestHash.equals(checkPostingRequest(collection({ memo: 'x' }), NOW).requestHash));
    assert.ok(!a.requestHash.equals(checkPostingRequest(collection({ effectiveAt: NOW }), NOW).requestHash));
    assert.ok(!a.requestHash.equals(checkPostingRequest(collection({ redemptionId: cycle.id }), NOW).requestHash));
  });

  it('accept a terminal clock a little ahead, not a day', () => {
    assert.equal(code(() => checkPostingRequest(collection({ effectiveAt: new Date(NOW.getTime() + 60_000) }), NOW)), 'none');
    assert.equal(code(() => checkPostingRequest(collection({ effectiveAt: new Date(NOW.getTime() + 86_400_000) }), NOW)), 'RULE_VIOLATION');
    assert.equal(code(() => checkPostingRequest(collection({ effectiveAt: new Date(Number.NaN) }), NOW)), 'VALIDATION_FAILED');
  });

  it('come from the templates already within the rules of their kind', () => {
    const common = { idempotencyKey: 'k', point: 'PDA-AN-01', currency: 'VES', amount: '10.00' };
    for (const request of [
      collection(),
      collection({ method: 'mobile', paymentReference: '1234' }),
      depositPosting(common),
      settlementPosting({ ...common, paymentReference: 'STMT-1' }),
      discrepancyPosting({ ...common, direction: 'shortage', method: 'cash', reason: 'faltante' }),
      discrepancyPosting({ ...common, direction: 'overage', method: 'mobile', reason: 'sobrante' }),
    ]) {
      assert.equal(code(() => checkPostingRequest(request, NOW)), 'none', request.kind);
    }
    assert.equal(code(() => checkPostingRequest(settlementPosting(common), NOW)), 'RULE_VIOLATION');
  });
});
