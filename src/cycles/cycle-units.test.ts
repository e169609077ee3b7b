import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../shared/domain-error.ts';
import { decimalText } from './decide.ts';
import { amountOf, roundAway, scaled, unscaled } from './decimal.ts';
import { parsePeriod, periodContaining } from './period.ts';

describe('cycle periods', () => {
  it('maps a month to its first and last day', () => {
    assert.deepEqual(parsePeriod('2026-12', 'monthly'), { period: '2026-12', referenceDate: '2026-12-01', validFrom: '2026-12-01', validUntil: '2026-12-31' });
    assert.equal(parsePeriod('2028-02', 'monthly').validUntil, '2028-02-29', 'leap year');
    assert.equal(parsePeriod('2027-02', 'one_off').validUntil, '2027-02-28');
  });

  it('maps an ISO week to Monday to Sunday, across year ends', () => {
    assert.deepEqual(parsePeriod('2026-W01', 'weekly'), { period: '2026-W01', referenceDate: '2025-12-29', validFrom: '2025-12-29', validUntil: '2026-01-04' });
    assert.equal(parsePeriod('2026-W53', 'weekly').validFrom, '2026-12-28', '2026 has 53 ISO weeks');
    assert.throws(() => parsePeriod('2027-W53', 'weekly'), /52 ISO weeks/);
    assert.equal(parsePeriod('2021-W01', 'weekly').validFrom, '2021-01-04');
  });

  it('finds the period containing a date, the inverse of parsing', () => {
    for (let day = 0; day < 800; day += 3) {
      const date = new Date(Date.UTC(2025, 11, 1 + day)).toISOString().slice(0, 10);
      for (const frequency of ['weekly', 'monthly'] as const) {
        const p = parsePeriod(periodContaining(date, frequency), frequency);
        assert.ok(p.validFrom <= date && date <= p.validUntil, `${date} ${frequency} ${p.period}`);
      }
    }
  });

  it('refuses what is not a period of the frequency, naming the field', () => {
    for (const [text, frequency] of [['2026-13', 'monthly'], ['2026-W50', 'monthly'], ['2026-12', 'weekly'], ['2026-W00', 'weekly'], ['26-12', 'one_off'], ['2026-1', 'monthly']] as const) {
      assert.throws(() => parsePeriod(text, frequency), (e: DomainError) => e.code === 'VALIDATION_FAILED' && e.details?.field === 'period', `${text} ${frequency}`);
    }
  });
});

describe('exact quantities and amounts', () => {
  it('writes a computed quantity as decimal text, rounded half up on its shortest form', () => {
    assert.equal(decimalText(3, 3), '3');
    assert.equal(decimalText(1.005, 2), '1.01');
    assert.equal(decimalText(0.1 + 0.2, 3), '0.3');
    assert.equal(decimalText(2 / 3, 3), '0.667');
    assert.equal(decimalText(1300000.505, 2), '1300000.51');
    assert.equal(decimalText(0.0004, 3), '0');
    assert.equal(decimalText(9.9996, 3), '10');
  });

  it('sums and multiplies decimal text exactly, rounding as PostgreSQL does', () => {
    assert.equal(scaled('12.5', 3), 12500n);
    assert.equal(unscaled(12500n, 3), '12.500');
    assert.equal(unscaled(5n, 2), '0.05');
    assert.equal(roundAway(15n, 1), 2n);
    assert.equal(roundAway(-15n, 1), -2n);
    assert.equal(amountOf(scaled('2600001.02', 3), '1.00'), '2600001.02');
    assert.equal(amountOf(scaled('0.333', 3), '0.10'), '0.03');
    assert.equal(amountOf(scaled('0.335', 3), '0.10'), '0.03', '0.0335 rounds to 0.03');
    assert.equal(amountOf(scaled('3', 3), '400000.00'), '1200000.00');
  });
});
