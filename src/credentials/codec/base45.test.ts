import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base45Decode, base45Encode } from './base45.ts';
import { CodecError } from './codec-error.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** RFC 9285 §4.3 and §4.4. */
const VECTORS: [string, string][] = [
  ['AB', 'BB8'],
  ['Hello!!', '%69 VD92EX0'],
  ['base-45', 'UJCLQE7W581'],
  ['ietf!', 'QED8WEX0'],
];

test('RFC 9285 vectors encode and decode', () => {
  for (const [plain, encoded] of VECTORS) {
    assert.equal(base45Encode(utf8(plain)), encoded, plain);
    assert.deepEqual(base45Decode(encoded), utf8(plain), encoded);
  }
});

test('the empty string and the edges of each group', () => {
  assert.equal(base45Encode(new Uint8Array(0)), '');
  assert.deepEqual(base45Decode(''), new Uint8Array(0));
  // 65535 is the largest triplet (FGW), 255 the largest pair (U5).
  assert.equal(base45Encode(new Uint8Array([0xff, 0xff])), 'FGW');
  assert.deepEqual(base45Decode('FGW'), new Uint8Array([0xff, 0xff]));
  assert.equal(base45Encode(new Uint8Array([0xff])), 'U5');
  assert.deepEqual(base45Decode('U5'), new Uint8Array([0xff]));
  assert.equal(base45Encode(new Uint8Array([0, 0])), '000');
  assert.equal(base45Encode(new Uint8Array([0])), '00');
});

function refuses(text: string, pattern: RegExp) {
  assert.throws(
    () => base45Decode(text),
    (error: unknown) => error instanceof CodecError && error.reason === 'bad_format' && pattern.test(error.message),
    JSON.stringify(text),
  );
}

test('a triplet above 65535 is refused (RFC 9285 §4.2: "GGW")', () => {
  refuses('GGW', /out of range/);
  refuses('BB8GGW', /position 4 is out of range/);
  refuses(':::', /out of range/);
});

test('a final pair above 255 is refused', () => {
  refuses('V5', /out of range/);
  refuses('BB8::', /out of range/);
});

test('characters outside the alphabet are refused', () => {
  for (const text of ['bb8', 'BB#', 'BB\n', 'BBé', 'BB\u0000', '😀B', 'BB8,,', 'BB_']) refuses(text, /not a base45 character/);
});

test('a length of 3n+1 is refused', () => {
  for (const text of ['A', 'BB8A', '%69 VD92EX0AB']) refuses(text, /length of 3n\+1/);
});

/** A small deterministic generator so that a failure can be replayed. */
function xorshift(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

test('random bytes round-trip and use only the alphabet', () => {
  const next = xorshift(45);
  for (let run = 0; run < 2000; run++) {
    const bytes = new Uint8Array(next() % 300).map(() => next() & 0xff);
    const text = base45Encode(bytes);
    assert.match(text, /^[0-9A-Z $%*+\-./:]*$/);
    assert.equal(text.length, Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
    assert.deepEqual(base45Decode(text), bytes);
  }
});

test('every 16-bit value round-trips, and every valid triplet decodes back to the same text', () => {
  for (let n = 0; n <= 0xffff; n++) {
    const bytes = new Uint8Array([n >> 8, n & 0xff]);
    const text = base45Encode(bytes);
    assert.deepEqual(base45Decode(text), bytes);
  }
  for (let n = 0; n <= 0xff; n++) assert.deepEqual(base45Decode(base45Encode(new Uint8Array([n]))), new Uint8Array([n]));
});
