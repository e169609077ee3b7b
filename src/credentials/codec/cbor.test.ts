import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CborTag, cborDecode, cborEncode, type CborKey, type CborValue } from './cbor.ts';
import { CodecError } from './codec-error.ts';
import { fromHex, toHex } from './bytes.ts';

const map = (...entries: [CborKey, CborValue][]) => new Map<CborKey, CborValue>(entries);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** RFC 8949 Appendix A: the value, its encoding, both ways. */
const BOTH_WAYS: [CborValue, string][] = [
  [0, '00'],
  [1, '01'],
  [10, '0a'],
  [23, '17'],
  [24, '1818'],
  [25, '1819'],
  [100, '1864'],
  [1000, '1903e8'],
  [1000000, '1a000f4240'],
  [1000000000000, '1b000000e8d4a51000'],
  [Number.MAX_SAFE_INTEGER, '1b001fffffffffffff'],
  [-1, '20'],
  [-10, '29'],
  [-100, '3863'],
  [-1000, '3903e7'],
  [new Uint8Array(0), '40'],
  [new Uint8Array([1, 2, 3, 4]), '4401020304'],
  ['', '60'],
  ['a', '6161'],
  ['IETF', '6449455446'],
  ['"\\', '62225c'],
  ['\u00fc', '62c3bc'],
  ['\u6c34', '63e6b0b4'],
  ['\u{10151}', '64f0908591'],
  [[], '80'],
  [[1, 2, 3], '83010203'],
  [[1, [2, 3], [4, 5]], '8301820203820405'],
  [range(1, 25), '98190102030405060708090a0b0c0d0e0f101112131415161718181819'],
  [map(), 'a0'],
  [map([1, 2], [3, 4]), 'a201020304'],
  [map(['a', 1], ['b', [2, 3]]), 'a26161016162820203'],
  [['a', map(['b', 'c'])], '826161a161626163'],
  [map(['a', 'A'], ['b', 'B'], ['c', 'C'], ['d', 'D'], ['e', 'E']), 'a56161614161626142616361436164614461656145'],
  [new CborTag(1, 1363896240), 'c11a514b67b0'],
  [new CborTag(23, new Uint8Array([1, 2, 3, 4])), 'd74401020304'],
  [new CborTag(24, fromHex('6449455446')), 'd818456449455446'],
  [new CborTag(32, 'http://www.example.com'), 'd82076687474703a2f2f7777772e6578616d706c652e636f6d'],
  [false, 'f4'],
  [true, 'f5'],
  [null, 'f6'],
];

test('RFC 8949 Appendix A: ints, negative ints, strings, arrays, maps, tags, simple values', () => {
  for (const [value, hex] of BOTH_WAYS) {
    assert.equal(toHex(cborEncode(value)), hex, `encode ${hex}`);
    assert.deepEqual(cborDecode(fromHex(hex)), value, `decode ${hex}`);
  }
});

test('RFC 8949 Appendix A: floats decode (they are never encoded)', () => {
  const floats: [string, number][] = [
    ['f90000', 0],
    ['f93c00', 1],
    ['f93e00', 1.5],
    ['f97bff', 65504],
    ['fa47c35000', 100000],
    ['fb3ff199999999999a', 1.1],
    ['f90001', 5.960464477539063e-8],
    ['f9c400', -4],
    ['f97c00', Infinity],
    ['f9fc00', -Infinity],
  ];
  for (const [hex, value] of floats) assert.equal(cborDecode(fromHex(hex)), value, hex);
  assert.ok(Number.isNaN(cborDecode(fromHex('f97e00'))));
  assert.throws(() => cborEncode(1.5), /only safe integers/);
  assert.throws(() => cborEncode(2 ** 53), /only safe integers/);
});

test('the shortest head is always chosen', () => {
  const cases: [number, string][] = [
    [23, '17'],
    [24, '1818'],
    [255, '18ff'],
    [256, '190100'],
    [65535, '19ffff'],
    [65536, '1a00010000'],
    [4294967295, '1affffffff'],
    [4294967296, '1b0000000100000000'],
    [-24, '37'],
    [-25, '3818'],
    [-256, '38ff'],
    [-257, '390100'],
  ];
  for (const [value, hex] of cases) assert.equal(toHex(cborEncode(value)), hex, String(value));
});

test('map keys are sorted by their encoded bytes, whatever the insertion order (RFC 8949 §4.2.1)', () => {
  const entries: [CborKey, CborValue][] = [
    ['aa', 6],
    ['b', 1],
    [100, 5],
    [-1, 4],
    ['a', 3],
    [10, 2],
  ];
  const expected = 'a6' + '0a02' + '186405' + '2004' + '616103' + '616201' + '62616106';
  assert.equal(toHex(cborEncode(new Map(entries))), expected);
  assert.equal(toHex(cborEncode(new Map([...entries].reverse()))), expected);
  // Nested maps too.
  assert.equal(toHex(cborEncode([map([2, 0], [1, map(['z', 0], ['y', 0])])])), '81a201a2617900617a000200');
});

function refuses(hex: string, pattern: RegExp) {
  assert.throws(
    () => cborDecode(fromHex(hex)),
    (error: unknown) => error instanceof CodecError && error.reason === 'bad_format' && pattern.test(error.message),
    hex,
  );
}

test('indefinite lengths are refused', () => {
  refuses('5f42010243030405ff', /indefinite/);
  refuses('7f657374726561646d696e67ff', /indefinite/);
  refuses('9fff', /indefinite/);
  refuses('9f018202039f0405ffff', /indefinite/);
  refuses('bf61610161629f0203ffff', /indefinite/);
  refuses('ff', /simple value 31/); // a lone "break"
});

test('reserved additional information (28–30) is refused', () => {
  for (const head of ['1c', '3d', '5e', '9c', 'bd', 'de']) refuses(head, /reserved additional information/);
  refuses('fc', /simple value 28/);
});

test('undefined and other simple values are refused', () => {
  refuses('f7', /simple value 23/);
  refuses('f0', /simple value 16/);
  refuses('f8ff', /simple value 24/);
});

test('duplicate map keys are refused', () => {
  refuses('a201020103', /duplicate map key 1/);
  refuses('a2616101616102', /duplicate map key "a"/);
  // The same key in another spelling is still the same key.
  refuses('a2010219000103', /duplicate map key 1/);
});

test('map keys must be integers or texts', () => {
  refuses('a14000', /neither an integer nor a text/);
  refuses('a18000', /neither an integer nor a text/);
  refuses('a1f600', /neither an integer nor a text/);
});

test('nesting deeper than 16 is refused', () => {
  assert.ok(cborDecode(fromHex('81'.repeat(16) + '00')));
  refuses('81'.repeat(17) + '00', /nested too deeply/);
  refuses('a101'.repeat(17) + '00', /nested too deeply/);
  refuses('c1'.repeat(17) + '00', /nested too deeply/);
  refuses('81'.repeat(100_000) + '00', /nested too deeply/);
});

test('bytes after the item are refused', () => {
  refuses('0000', /1 bytes after the item/);
  refuses('83010203ff', /1 bytes after the item/);
  refuses('a0a0a0', /2 bytes after the item/);
});

test('truncated input is refused', () => {
  for (const hex of ['', '18', '19ff', '1a0000', '1b00000000000000', '4401', '62c3', '8301', '830102', 'a201', 'a20102', 'c1', 'd8', 'f9ff', 'fa0000']) {
    refuses(hex, /ends early|longer than the data/);
  }
});

test('text that is not UTF-8 is refused', () => {
  refuses('61ff', /not UTF-8/);
  refuses('62c328', /not UTF-8/);
  refuses('62c0af', /not UTF-8/); // overlong "/"
  refuses('63eda080', /not UTF-8/); // an encoded surrogate
  refuses('64f4908080', /not UTF-8/); // beyond U+10FFFF
});

test('a leading byte order mark is part of the text', () => {
  assert.equal(cborDecode(cborEncode('\ufeffabc')), '\ufeffabc');
});

test('lengths longer than the data are refused before anything is allocated', () => {
  // Each of these announces up to 2^64 bytes or items: allocating first would throw a
  // RangeError or run out of memory instead of answering with the reason.
  refuses('5b000000ffffffffff', /longer than the data/);
  refuses('7b000000ffffffffff', /longer than the data/);
  refuses('9b001fffffffffffff', /array is longer than the data/);
  refuses('9affffffff', /array is longer than the data/);
  refuses('bb001fffffffffffff', /map is longer than the data/);
  refuses('baffffffff00', /map is longer than the data/);
  // A map of n entries needs at least 2n bytes.
  refuses('a2000000', /map is longer than the data/);
  refuses('1bffffffffffffffff', /beyond 2\^53/);
  refuses('3b0020000000000000', /beyond 2\^53/);
  refuses('9bffffffffffffffff', /beyond 2\^53/);
});

test('byte strings decode as views, and encoding copies out of the buffer', () => {
  const bytes = fromHex('824201024103');
  const value = cborDecode(bytes) as Uint8Array[];
  assert.equal(value[0]!.buffer, bytes.buffer);
  const encoded = cborEncode(new Uint8Array(2000).fill(7));
  assert.equal(encoded.length, 2003);
  assert.equal(encoded.buffer.byteLength, 2003);
});

const key = fc.oneof(fc.maxSafeInteger(), fc.string({ unit: 'binary', maxLength: 12 }));
const { value: cborValue } = fc.letrec<{ value: CborValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.maxSafeInteger(),
    fc.integer({ min: -30, max: 30 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.uint8Array({ maxLength: 300 }),
    fc.constantFrom<CborValue>(true, false, null),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.uniqueArray(fc.tuple(key, tie('value')), { maxLength: 6, selector: ([k]) => k }).map((entries) => new Map(entries)),
    fc.tuple(fc.nat({ max: 2 ** 40 }), tie('value')).map(([tag, inner]) => new CborTag(tag, inner)),
  ),
}));

test('random values round-trip, and encoding is deterministic', () => {
  fc.assert(
    fc.property(cborValue, (value) => {
      const encoded = cborEncode(value);
      const decoded = cborDecode(encoded);
      assert.deepEqual(decoded, value);
      assert.deepEqual(cborEncode(decoded), encoded);
    }),
    { numRuns: 1000, seed: 169 },
  );
});

test('random bytes either decode or are refused with bad_format, never anything else', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      try {
        const value = cborDecode(bytes);
        assert.equal(typeof value === 'undefined', false);
      } catch (error) {
        assert.ok(error instanceof CodecError && error.reason === 'bad_format', String(error));
      }
    }),
    { numRuns: 20_000, seed: 8949 },
  );
});
