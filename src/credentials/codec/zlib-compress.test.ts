import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { unzlibSync, zlibSync } from 'fflate';
import { cardClaims, fakeFace, testKey } from '../../../test/credentials/card-fixtures.ts';
import { adler32 } from './bytes.ts';
import { encodeSign1 } from './cose-sign1.ts';
import { encodeCardClaims } from './credential.ts';
import { zlibCompress } from './zlib-compress.ts';

/** Both the reference zlib (node:zlib) and the codec's own inflater must read it back. */
function roundTrips(data: Uint8Array) {
  const compressed = zlibCompress(data).slice();
  assert.deepEqual(new Uint8Array(inflateSync(compressed)), data, 'node:zlib');
  assert.deepEqual(unzlibSync(compressed), data, 'fflate');
  assert.equal((compressed[0]! * 256 + compressed[1]!) % 31, 0, 'FCHECK');
  assert.equal(compressed[0]! & 0x0f, 8, 'deflate');
  const n = compressed.length;
  assert.equal(((compressed[n - 4]! << 24) | (compressed[n - 3]! << 16) | (compressed[n - 2]! << 8) | compressed[n - 1]!) >>> 0, adler32(data));
  return compressed;
}

test('edge sizes round-trip', () => {
  for (const n of [0, 1, 2, 3, 4, 5, 47, 48, 49, 257, 258, 259, 260, 1000, 32_768, 32_769, 65_535, 65_536, 70_000]) {
    roundTrips(new Uint8Array(n).map((_, i) => (i * 131) % 251));
    roundTrips(new Uint8Array(n)); // one long run: matches of 258 at distance 1
    roundTrips(new Uint8Array(n).map((_, i) => (i * 2654435761) >>> 24)); // no structure
  }
  assert.deepEqual([...roundTrips(new Uint8Array(0))], [0x78, 0x5e, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
});

test('random and structured data round-trip', () => {
  const piece = fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }).map((s) => new TextEncoder().encode(s)),
    fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 400 })).map(([motif, times]) => {
      const out = new Uint8Array(motif.length * times);
      for (let i = 0; i < times; i++) out.set(motif, i * motif.length);
      return out;
    }),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      const data = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
      pieces.reduce((at, p) => (data.set(p, at), at + p.length), 0);
      roundTrips(data);
    }),
    { numRuns: 1500, seed: 1950 },
  );
});

test('incompressible bytes cost at most 9 bits each, never a stored block (MOSIP PixelPass cannot read those)', () => {
  for (const n of [100, 500, 5_000, 100_000]) {
    const random = new Uint8Array(n).map(() => Math.floor(Math.random() * 256));
    const compressed = roundTrips(random);
    assert.ok(compressed.length <= Math.ceil((n * 9) / 8) + 16, `${n} → ${compressed.length}`);
    // One final block of fixed Huffman codes: BFINAL = 1, BTYPE = 01.
    assert.equal(compressed[2]! & 0b111, 0b011);
  }
});

test('cards compress about as well as zlib level 9', () => {
  const signer = testKey(0x11).signer;
  for (const face of [0, 300, 500, 900]) {
    const claims = cardClaims(face ? { identity: { ...cardClaims().identity, faceWebp: fakeFace(face) } } : {});
    const cose = encodeSign1(encodeCardClaims(claims), signer, { cwtTag: true });
    const ours = roundTrips(cose).length;
    const reference = zlibSync(cose, { level: 9 }).length;
    assert.ok(ours <= reference + 2, `face ${face}: ${ours} bytes, fflate level 9 ${reference}`);
    if (face === 0) assert.ok(ours < cose.length * 0.9, 'a card without a face shrinks');
  }
});

test('the result is a view that the next call overwrites', () => {
  const first = zlibCompress(new TextEncoder().encode('first first first'));
  const kept = first.slice();
  zlibCompress(new TextEncoder().encode('second, and longer than the first'));
  assert.notDeepEqual(first, kept);
  assert.equal(new TextDecoder().decode(unzlibSync(kept)), 'first first first');
});
