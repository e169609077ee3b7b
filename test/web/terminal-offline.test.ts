import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardCacheKey, fromBase64url, offlineRecordSigningText, utf8 } from '../../src/distribution/protocol/terminal-protocol.ts';
import { compareQuantity, priceOf, quantityOf, quantityText, subtractQuantity } from '../../web/src/terminal/decimal.ts';
import { quantityProblem } from '../../web/src/terminal/quantity-input.ts';
import { cachedDue, indexByCardKey, isPast, spendsNotIn, withoutExpiredCycles, type LocalSpend, type StoredPackage } from '../../web/src/terminal/offline-due.ts';
import { recordOf } from '../../web/src/terminal/terminal-actions.ts';
import { newDeviceKeys, signRecord } from '../../web/src/terminal/terminal-api.ts';
import type { DeviceIdentity } from '../../web/src/terminal/terminal-store.ts';
import type { Due } from '../../web/src/terminal/terminal-types.ts';

/**
 * The pure parts of the offline terminal: exact quantities and prices, what the
 * encrypted package says is due to a card (with this device's own pickups taken off,
 * so that it never hands the same entitlement out twice), expiry of the package with
 * its cycles, and the signed record it queues.
 */
const HASH_KEY = 'q2v9bX1o1lT4yJ6Y0m8d3w';
const FOOD = { code: 'CAJA', name: { es: 'Caja de alimentos', en: 'Food box' }, sector: 'food', unit: 'box', benefitKind: 'in_kind', measure: 'boxes' };
const FUEL = { code: 'GAS', name: { es: 'Combustible', en: 'Fuel' }, sector: 'fuel', unit: 'l', benefitKind: 'in_kind', measure: 'litres' };
const NOW = new Date('2026-12-10T12:00:00');

async function packageFor(cards: Record<string, string>): Promise<StoredPackage> {
  const hashKey = fromBase64url(HASH_KEY);
  return {
    generatedAt: '2026-12-10T08:00:00.000Z',
    fetchedAt: '2026-12-10T08:00:00.000Z',
    hashKey: HASH_KEY,
    cycles: [
      { cycleId: 'c-food', program: FOOD, period: '2026-12', validFrom: '2026-12-01', validUntil: '2026-12-31', pricePerUnit: '1500.00', currency: 'VES', partialPickups: false },
      { cycleId: 'c-fuel', program: FUEL, period: '2026-12', validFrom: '2026-12-01', validUntil: '2026-12-31', pricePerUnit: '0.50', currency: 'VES', partialPickups: true },
      { cycleId: 'c-old', program: FOOD, period: '2026-11', validFrom: '2026-11-01', validUntil: '2026-11-30', pricePerUnit: '1500.00', currency: 'VES', partialPickups: false },
    ],
    entitlements: [
      { cardKeys: [await cardCacheKey(hashKey, cards.head!), await cardCacheKey(hashKey, cards.spouse!)], cycleId: 'c-food', subject: 'hh-1', quantity: '1', remaining: '1' },
      { cardKeys: [await cardCacheKey(hashKey, cards.head!)], cycleId: 'c-fuel', subject: 'p-1', quantity: '40', remaining: '25.5' },
      { cardKeys: [await cardCacheKey(hashKey, cards.head!)], cycleId: 'c-old', subject: 'hh-1', quantity: '1', remaining: '1' },
    ],
  };
}

const CARDS = { head: 'ACDE2345679', spouse: 'FGHJ2345678', stranger: 'KMNP2345678' };

describe('exact quantities and prices', () => {
  it('computes with decimal text, never floats', () => {
    assert.equal(priceOf('3', '0.10'), '0.30');
    assert.equal(priceOf('0.1', '0.20'), '0.02');
    assert.equal(priceOf('12.5', '1500.00'), '18750.00');
    assert.equal(priceOf('0.005', '1.00'), '0.01', 'half a cent rounds up');
    assert.equal(priceOf('1', '0'), '0.00');
    assert.equal(subtractQuantity('25.5', '0.2'), '25.3');
    assert.equal(compareQuantity('1.000', '1'), 0);
    assert.equal(quantityText(quantityOf('007.100')!), '7.1');
    assert.equal(quantityOf('1.0001'), undefined);
    assert.equal(quantityOf('-1'), undefined);
    assert.equal(quantityOf('1e3'), undefined);
  });

  it('refuses a typed quantity of nothing, more than is left, or that is not a quantity; takes a decimal comma', () => {
    assert.equal(quantityProblem('0', '5'), 'zero');
    assert.equal(quantityProblem('5.001', '5'), 'tooMuch');
    assert.equal(quantityProblem('abc', '5'), 'format');
    assert.equal(quantityProblem('2,5', '5'), undefined);
    assert.equal(quantityProblem('5', '5.000'), undefined);
  });
});

describe('what the offline package says is due', () => {
  it('finds every card of a household under its keyed hash, only for cycles valid now, and nothing for another card', async () => {
    const pkg = await packageFor(CARDS);
    const index = indexByCardKey(pkg.entitlements);
    const hashKey = fromBase64url(HASH_KEY);
    const head = cachedDue(pkg, index, await cardCacheKey(hashKey, CARDS.head), [], NOW);
    assert.deepEqual(head.map((d) => [d.program.code, d.remaining, d.partialPickups]), [['CAJA', '1', false], ['GAS', '25.5', true]]);
    assert.equal(head[0]!.pricePerUnit, '1500.00');
    const spouse = cachedDue(pkg, index, await cardCacheKey(hashKey, CARDS.spouse), [], NOW);
    assert.deepEqual(spouse.map((d) => d.subject), ['hh-1']);
    assert.deepEqual(cachedDue(pkg, index, await cardCacheKey(hashKey, CARDS.stranger), [], NOW), []);
    // The package names no card number and no person.
    assert.ok(!JSON.stringify(pkg.entitlements).includes(CARDS.head));
  });

  it('takes off what this device handed out, on any card of the household, until a later package counts it', async () => {
    const pkg = await packageFor(CARDS);
    const index = indexByCardKey(pkg.entitlements);
    const spouseKey = await cardCacheKey(fromBase64url(HASH_KEY), CARDS.spouse);
    const headKey = await cardCacheKey(fromBase64url(HASH_KEY), CARDS.head);
    const spends: LocalSpend[] = [
      { id: 'r1', cycleId: 'c-food', subject: 'hh-1', quantity: '1' },
      { id: 'r2', cycleId: 'c-fuel', subject: 'p-1', quantity: '5.25' },
    ];
    assert.deepEqual(cachedDue(pkg, index, spouseKey, spends, NOW).map((d) => d.remaining), ['0']);
    assert.deepEqual(cachedDue(pkg, index, headKey, spends, NOW).map((d) => d.remaining), ['0', '20.25']);

    // Settled before the package was asked for: the package already counts them.
    const settled = spends.map((s) => ({ ...s, settledAt: '2026-12-10T07:59:59.000Z' }));
    assert.deepEqual(spendsNotIn(settled, pkg.fetchedAt), []);
    assert.deepEqual(cachedDue(pkg, index, headKey, settled, NOW).map((d) => d.remaining), ['1', '25.5']);
    // Settled after it: still taken off.
    const later = spends.map((s) => ({ ...s, settledAt: '2026-12-10T09:00:00.000Z' }));
    assert.deepEqual(cachedDue(pkg, index, headKey, later, NOW).map((d) => d.remaining), ['0', '20.25']);
    // Never below zero, however many pickups the device made.
    const twice = [...spends, { id: 'r3', cycleId: 'c-food', subject: 'hh-1', quantity: '1' }];
    assert.equal(cachedDue(pkg, index, headKey, twice, NOW)[0]!.remaining, '0');
  });

  it('drops the cycles whose validity is over, and the whole package with the last of them', async () => {
    const pkg = await packageFor(CARDS);
    assert.equal(isPast('2026-12-31', new Date('2026-12-31T23:59:00')), false);
    assert.equal(isPast('2026-12-31', new Date('2027-01-01T00:00:01')), true);
    assert.equal(isPast('2026-12-31T12:00:00.000Z', new Date('2026-12-31T12:00:01.000Z')), true);
    const live = withoutExpiredCycles(pkg, NOW)!;
    assert.deepEqual(live.cycles.map((c) => c.cycleId), ['c-food', 'c-fuel']);
    assert.deepEqual([...new Set(live.entitlements.map((e) => e.cycleId))], ['c-food', 'c-fuel']);
    assert.equal(withoutExpiredCycles(pkg, new Date('2027-01-02T00:00:00')), undefined);
    // Not begun yet: nothing due.
    const early = cachedDue(pkg, indexByCardKey(pkg.entitlements), await cardCacheKey(fromBase64url(HASH_KEY), CARDS.head), [], new Date('2026-11-15T10:00:00'));
    assert.deepEqual(early.map((d) => d.cycleId), ['c-old']);
  });
});

describe('the signed record of a hand-over', () => {
  const due: Due = {
    cycleId: 'c-food',
    subject: 'hh-1',
    program: FOOD,
    period: '2026-12',
    validUntil: '2026-12-31',
    quantity: '1',
    remaining: '1',
    pricePerUnit: '1500.00',
    currency: 'VES',
    partialPickups: false,
    pickups: [],
  };
  const agent = { id: 'a-1', name: 'Alba' };

  it('carries the exact price, the method (none when free) and a reference only for mobile payments; its signature verifies under the device key', async () => {
    const keys = await newDeviceKeys();
    const device: DeviceIdentity = { terminalId: 't-1', privateKey: keys.privateKey, publicKey: keys.publicKey, point: { code: 'P-1', name: 'Punto', kind: 'food', regionCode: 'AN-01' }, enrolledAt: '' };
    const base = { due, cardNumber: CARDS.head, quantity: '1', agent, pointName: 'Punto', terminalLabel: 'Tablet 1' };
    const cash = recordOf({ ...base, method: 'cash', reference: 'ignored' }, device, 'id-1', NOW);
    assert.deepEqual(cash.payment, { method: 'cash', amount: '1500.00', currency: 'VES' });
    assert.equal(cash.redeemedAt, NOW.toISOString());
    const mobile = recordOf({ ...base, method: 'mobile', reference: 'PM-778812' }, device, 'id-2', NOW);
    assert.deepEqual(mobile.payment, { method: 'mobile', amount: '1500.00', currency: 'VES', reference: 'PM-778812' });
    const free = recordOf({ ...base, due: { ...due, pricePerUnit: '0.00' }, method: 'cash' }, device, 'id-3', NOW);
    assert.deepEqual(free.payment, { method: 'none', amount: '0.00', currency: 'VES' });

    const signature = await signRecord(device.privateKey, cash);
    const publicKey = await crypto.subtle.importKey('raw', fromBase64url(keys.publicKey) as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    assert.equal(await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, fromBase64url(signature) as BufferSource, utf8(offlineRecordSigningText(cash)) as BufferSource), true);
    assert.equal(await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, fromBase64url(signature) as BufferSource, utf8(offlineRecordSigningText({ ...cash, quantity: '2' })) as BufferSource), false);
    await assert.rejects(crypto.subtle.exportKey('pkcs8', device.privateKey), 'the private key cannot be exported');
  });
});
