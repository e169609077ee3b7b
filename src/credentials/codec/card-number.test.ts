import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CARD_ALPHABET, CARD_RANDOM_LENGTH, checkSymbol, formatCardNumber, newCardNumber, parseCardNumber } from './card-number.ts';

/** A seeded byte source for newCardNumber, so that every run sees the same numbers. */
function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  return (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      bytes[i] = state >>> 24;
    }
    return bytes;
  };
}

const LENGTH = CARD_RANDOM_LENGTH + 1;
/** What parseCardNumber turns one typed character into. */
const LOOK_ALIKE: Record<string, string> = { B: '8', S: '5', Z: '2', U: 'V' };
const normalise = (c: string) => LOOK_ALIKE[c.toUpperCase()] ?? c.toUpperCase();
/** Every printable ASCII character a person could type instead, except the separators. */
const TYPED = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => c !== '-');

const numbers = (count: number, seed: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => newCardNumber(random));
};

test('the alphabet has 27 distinct symbols and none that are read as another', () => {
  assert.equal(CARD_ALPHABET.length, 27);
  assert.equal(new Set(CARD_ALPHABET).size, 27);
  for (const c of '0O1ILBSUZ') assert.ok(!CARD_ALPHABET.includes(c), c);
  for (const c of CARD_ALPHABET) assert.match(c, /^[2-9A-Z]$/);
  for (const target of Object.values(LOOK_ALIKE)) assert.ok(CARD_ALPHABET.includes(target));
});

test('new numbers have ten random symbols and a check symbol, and parse', () => {
  for (const n of numbers(2000, 1)) {
    assert.match(n, /^[23456789ACDEFGHJKMNPQRTVWXY]{11}$/);
    assert.equal(n.at(-1), checkSymbol(n.slice(0, CARD_RANDOM_LENGTH)));
    assert.deepEqual(parseCardNumber(n), { ok: true, cardNumber: n });
  }
  // The default source is the platform's CSPRNG.
  assert.equal(parseCardNumber(newCardNumber()).ok, true);
});

test('every single-symbol substitution is refused (check, or character outside the alphabet)', () => {
  let tried = 0;
  for (const n of numbers(400, 2)) {
    for (let position = 0; position < LENGTH; position++) {
      for (const typed of TYPED) {
        const replacement = normalise(typed);
        if (replacement === n[position]) continue; // the same symbol, typed another way
        const mutated = n.slice(0, position) + typed + n.slice(position + 1);
        const expected = CARD_ALPHABET.includes(replacement) ? 'check' : 'character';
        assert.deepEqual(parseCardNumber(mutated), { ok: false, problem: expected }, `${n} → ${mutated}`);
        tried++;
      }
    }
  }
  assert.ok(tried > 400 * LENGTH * 80);
});

test('every substitution at every position is caught for every pair of symbols (the weights are units mod 27)', () => {
  const base = numbers(1, 3)[0]!;
  for (let position = 0; position < LENGTH; position++) {
    for (const from of CARD_ALPHABET) {
      // Make a valid number with `from` at `position` by fixing the check symbol (or a body symbol).
      const body = (base.slice(0, position) + from + base.slice(position + 1)).slice(0, CARD_RANDOM_LENGTH);
      const valid = position < CARD_RANDOM_LENGTH ? body + checkSymbol(body) : base.slice(0, CARD_RANDOM_LENGTH) + checkSymbol(base.slice(0, CARD_RANDOM_LENGTH));
      if (valid[position] !== from) continue;
      for (const to of CARD_ALPHABET) {
        if (to === from) continue;
        const mutated = valid.slice(0, position) + to + valid.slice(position + 1);
        assert.deepEqual(parseCardNumber(mutated), { ok: false, problem: 'check' }, `${valid} → ${mutated}`);
      }
    }
  }
});

test('every swap of two different neighbours is refused', () => {
  let swaps = 0;
  for (const n of numbers(3000, 4)) {
    for (let i = 0; i + 1 < LENGTH; i++) {
      if (n[i] === n[i + 1]) continue;
      const swapped = n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
      assert.deepEqual(parseCardNumber(swapped), { ok: false, problem: 'check' }, `${n} → ${swapped}`);
      swaps++;
    }
  }
  assert.ok(swaps > 3000 * 9);
});

test('what a person types is accepted: lower case, spaces, dashes and look-alikes', () => {
  const random = seededRandom(5);
  for (let run = 0; run < 500; run++) {
    const n = newCardNumber(random);
    assert.equal(parseCardNumber(n.toLowerCase()).ok, true);
    assert.deepEqual(parseCardNumber(formatCardNumber(n)), { ok: true, cardNumber: n });
    assert.deepEqual(parseCardNumber(` ${n.slice(0, 4)} ${n.slice(4, 8)}\t${n.slice(8)} `), { ok: true, cardNumber: n });
    assert.deepEqual(parseCardNumber(formatCardNumber(n).toLowerCase().replaceAll('-', ' - ')), { ok: true, cardNumber: n });
    const typedBack = n.replaceAll('8', 'B').replaceAll('5', 's').replaceAll('2', 'Z').replaceAll('V', 'u');
    assert.deepEqual(parseCardNumber(typedBack), { ok: true, cardNumber: n });
  }
});

test('the wrong length is refused as such', () => {
  const n = numbers(1, 6)[0]!;
  for (const text of ['', n.slice(0, 10), n + 'A', n + n, '----', '   ']) assert.deepEqual(parseCardNumber(text), { ok: false, problem: 'length' }, text);
  assert.deepEqual(parseCardNumber(`${n.slice(0, 10)}0`), { ok: false, problem: 'character' });
  assert.deepEqual(parseCardNumber(`${n.slice(0, 10)}é`), { ok: false, problem: 'character' });
});

test('formatCardNumber shows XXXX-XXXX-XXX', () => {
  for (const n of numbers(50, 7)) {
    const formatted = formatCardNumber(n);
    assert.match(formatted, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{3}$/);
    assert.equal(formatted.replaceAll('-', ''), n);
  }
});

test('symbols are uniformly distributed at every position (chi-square)', () => {
  const count = 27 * 800;
  const perPosition = Array.from({ length: LENGTH }, () => new Array<number>(27).fill(0));
  const overall = new Array<number>(27).fill(0);
  for (const n of numbers(count, 8)) {
    for (let i = 0; i < LENGTH; i++) {
      const v = CARD_ALPHABET.indexOf(n[i]!);
      perPosition[i]![v]!++;
      overall[v]!++;
    }
  }
  const chiSquare = (observed: number[]) => {
    const expected = observed.reduce((a, b) => a + b, 0) / observed.length;
    return observed.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
  };
  // 26 degrees of freedom: mean 26, and P(χ² > 60) ≈ 2·10⁻⁴; the seed fixes the outcome.
  for (let i = 0; i < LENGTH; i++) assert.ok(chiSquare(perPosition[i]!) < 60, `position ${i}: χ² = ${chiSquare(perPosition[i]!)}`);
  assert.ok(chiSquare(overall) < 60, `overall: χ² = ${chiSquare(overall)}`);
});

test('bytes that would bias the symbols (243 and above) are skipped', () => {
  let call = 0;
  const random = (bytes: Uint8Array) => {
    // First call: only biased bytes; then 0, 1, 2, … which map to symbols 0, 1, 2, …
    bytes.forEach((_, i) => (bytes[i] = call === 0 ? 243 + (i % 13) : i));
    call++;
    return bytes;
  };
  const n = newCardNumber(random);
  assert.equal(n.slice(0, 10), CARD_ALPHABET.slice(0, 10));
  assert.equal(call, 2);
});
