/**
 * Whatever a camera, a forger or a broken printer hands it, verifyCard answers: it
 * never throws, never reaches its catch-all for decoder bugs, and never calls a
 * changed text valid unless the text still carries exactly the bytes the issuer
 * signed. (zlib cannot be canonical: the unused bits at the end of the last deflate
 * byte, and bytes between the deflate stream and the checksum, are ignored by every
 * inflater, so a few changes there keep the signed bytes and the card intact. They
 * forge nothing; they are counted below, and the card number, never the text, is a
 * card's identity.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { cardClaims, fakeFace, NOW, statusList, testKey, trustListDocument } from '../../../test/credentials/card-fixtures.ts';
import { nodeVerifier } from '../node-ed25519.ts';
import { base45Encode } from './base45.ts';
import { bytesEqual } from './bytes.ts';
import { CborTag, cborEncode, type CborKey, type CborValue } from './cbor.ts';
import type { InvalidReason } from './codec-error.ts';
import { sigStructure } from './cose-sign1.ts';
import { decodeCardText, issueCardText } from './credential.ts';
import { trustStoreFrom } from './trust-list.ts';
import { verifyCard } from './verify-card.ts';

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const REASONS: InvalidReason[] = ['bad_format', 'bad_signature', 'unknown_key', 'expired', 'not_yet_valid', 'revoked', 'status_unavailable'];

const anchor = testKey(0xa0);
const issuerKey = testKey(0x11);
const trust = trustStoreFrom(trustListDocument({ anchor, keys: [{ key: issuerKey }] }), nodeVerifier);
const list = statusList([2]);
const options = { trust, statusList: list, now: NOW };

const plainCard = issueCardText(cardClaims(), issuerKey.signer);
const faceCard = issueCardText(cardClaims({ identity: { ...cardClaims().identity, faceWebp: fakeFace(500) } }), issuerKey.signer);
const signedBytesOf = (text: string) => {
  const decoded = decodeCardText(text);
  return { signed: decoded.signedBytes, signature: decoded.signature };
};
const originals = new Map([plainCard, faceCard].map((text) => [text, signedBytesOf(text)]));

let keptSignedBytes = 0;

/**
 * The property every test below checks: an answer, never an exception; a refusal
 * with a known reason, not the catch-all; and "valid" only for the original text or
 * a text that still carries the original's signed bytes and signature.
 */
function checkAnswer(text: string, original?: string) {
  let result: ReturnType<typeof verifyCard>;
  try {
    result = verifyCard(text, options);
  } catch (error) {
    assert.fail(`verifyCard threw ${String(error)} for ${JSON.stringify(text.slice(0, 80))}`);
  }
  if (!result.valid) {
    assert.ok(REASONS.includes(result.reason), result.reason);
    assert.doesNotMatch(result.message, /^unreadable card/, 'a decoder error escaped its CodecError');
    return;
  }
  assert.ok(original !== undefined, `an arbitrary text verified: ${JSON.stringify(text.slice(0, 80))}`);
  if (text === original) return;
  const before = originals.get(original)!;
  const after = signedBytesOf(text);
  assert.ok(bytesEqual(after.signed, before.signed) && bytesEqual(after.signature, before.signature), 'a changed text verified with other signed bytes');
  keptSignedBytes++;
}

const card = fc.constantFrom(plainCard, faceCard);
const base45Char = fc.constantFrom(...BASE45);

test('the cards verify to begin with', () => {
  for (const text of [plainCard, faceCard]) assert.equal(verifyCard(text, options).valid, true);
});

test('(a) one character changed to any other base45 character', () => {
  keptSignedBytes = 0;
  fc.assert(
    fc.property(card, fc.nat(), base45Char, (text, at, replacement) => {
      const i = at % text.length;
      const mutated = text.slice(0, i) + replacement + text.slice(i + 1);
      checkAnswer(mutated, text);
    }),
    { numRuns: 2000, seed: 1 },
  );
});

test('(a, exhaustive) every single-character change of the card without a face', (t) => {
  keptSignedBytes = 0;
  let changes = 0;
  for (let i = 0; i < plainCard.length; i++) {
    for (const c of BASE45) {
      if (c === plainCard[i]) continue;
      const before = keptSignedBytes;
      checkAnswer(plainCard.slice(0, i) + c + plainCard.slice(i + 1), plainCard);
      if (keptSignedBytes > before) assert.ok(i >= plainCard.length - 12, `a change at ${i} of ${plainCard.length} kept the signed bytes`);
      changes++;
    }
  }
  // The few that keep the signed bytes only touch the deflate padding: the last 12 characters.
  t.diagnostic(`${keptSignedBytes} of ${changes} changes kept the signed bytes (deflate padding bits)`);
  assert.ok(keptSignedBytes < 60, `${keptSignedBytes} of ${changes} changes kept the signed bytes`);
});

test('(b) truncation at every length', () => {
  for (const text of [plainCard, faceCard]) for (let n = 0; n < text.length; n++) checkAnswer(text.slice(0, n), text);
});

test('(c) characters inserted and deleted', () => {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), chars: fc.array(base45Char, { minLength: 1, maxLength: 9 }).map((a) => a.join('')) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 9 }) }),
  );
  fc.assert(
    fc.property(card, fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
      let mutated = text;
      for (const e of edits) {
        const i = e.at % (mutated.length + 1);
        mutated = e.kind === 'insert' ? mutated.slice(0, i) + e.chars + mutated.slice(i) : mutated.slice(0, i) + mutated.slice(i + e.count);
      }
      checkAnswer(mutated, text);
    }),
    { numRuns: 1500, seed: 2 },
  );
});

test('(d) arbitrary unicode strings', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: base45Char, maxLength: 600 })), (text) =>
      checkAnswer(text),
    ),
    { numRuns: 2000, seed: 3 },
  );
});

test('(e) strings of up to 100,000 characters', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000 }), fc.string({ unit: fc.oneof(base45Char, fc.constantFrom('a', 'é', '\u0000', '😀')), minLength: 1, maxLength: 30 }), (length, motif) =>
      checkAnswer(motif.repeat(Math.ceil(length / motif.length)).slice(0, length)),
    ),
    { numRuns: 200, seed: 4 },
  );
  checkAnswer(plainCard.repeat(300).slice(0, 100_000), plainCard);
  checkAnswer(plainCard + plainCard.slice(0, 3), plainCard);
  // Two cards end to end: the inflater stops after the first deflate stream, and the
  // checksum at the very end is the second card's, which is the same card's.
  checkAnswer(faceCard + faceCard, faceCard);
});

test('(f) arbitrary bytes, zlib-compressed and base45-encoded', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 9 }), (bytes, level) => checkAnswer(base45Encode(zlibSync(bytes, { level: level as 0 })))),
    { numRuns: 1000, seed: 5 },
  );
});

const cborKey = fc.oneof(fc.integer({ min: -5, max: 70_000 }), fc.constantFrom<CborKey>(1, 4, 5, 6, 8, 9, 62, 169, 65535, 'status_list', 'idx', 'uri'), fc.string({ maxLength: 8 }));
const { value: cborValue } = fc.letrec<{ value: CborValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.maxSafeInteger(),
    fc.double(),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.uint8Array({ maxLength: 80 }),
    fc.constantFrom<CborValue>(true, false, null, 'https://id.example.gov', '19840309', '1984'),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.uniqueArray(fc.tuple(cborKey, tie('value')), { maxLength: 8, selector: ([k]) => k }).map((entries) => new Map(entries)),
    fc.tuple(fc.nat({ max: 70 }), tie('value')).map(([tag, inner]) => new CborTag(tag, inner)),
  ),
}));
/** Claims shaped like a card's: each field mostly right, sometimes anything, so that every later check is reached. */
const mostly = <T extends CborValue>(good: fc.Arbitrary<T>, weight = 4) => fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: cborValue });
const time = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: NOW - 10 ** 8, max: NOW + 10 ** 8 }) },
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(-1e300, 1e300, -(2 ** 53) + 1, 2 ** 53 - 1, 0),
);
const identityField = (key: number) => {
  switch (key) {
    case 8:
      return mostly(fc.oneof({ weight: 5, arbitrary: fc.constantFrom('19840309', '1984-03-09') }, fc.constantFrom('1984', '', '99999999'), fc.string({ maxLength: 10 })), 12);
    case 9:
      return mostly(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(1, 2, 3) }, fc.integer({ min: -1, max: 4 })), 12);
    case 62:
      return mostly(fc.array(fc.tuple(fc.uint8Array({ maxLength: 40 }), fc.integer({ min: -1, max: 5 }), fc.integer({ min: -1, max: 5 })).map(([d, f, s]) => new Map<CborKey, CborValue>([[0, d], [1, f], [2, s]])), { maxLength: 3 }), 12);
    default:
      return mostly(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), 12);
  }
};
const identityMap = fc
  .uniqueArray(fc.constantFrom(3, 4, 5, 7, 8, 9, 23, 62, 10, 11, 99), { minLength: 0, maxLength: 11 })
  .chain((keys) => fc.tuple(identityField(1).map((v) => [1, v] as [CborKey, CborValue]), ...keys.map((k) => identityField(k).map((v) => [k, v] as [CborKey, CborValue]))))
  .map((entries) => new Map<CborKey, CborValue>(entries));
const claimsLike = fc
  .record({
    iss: mostly(fc.constant('https://id.example.gov')),
    exp: time,
    nbf: time,
    iat: fc.oneof(fc.constant(NOW - 100), time),
    identity: mostly(identityMap),
    status: mostly(
      fc.tuple(mostly(fc.oneof(fc.constant(2), fc.nat(2000), fc.integer(), fc.double())), mostly(fc.constantFrom(list.uri, 'https://elsewhere.example'))).map(
        ([idx, uri]) => new Map([['status_list', new Map<CborKey, CborValue>([['idx', idx], ['uri', uri]])]]),
      ),
    ),
  })
  .map(({ iss, exp, nbf, iat, identity, status }) => new Map<CborKey, CborValue>([[1, iss], [4, exp], [5, nbf], [6, iat], [169, identity], [65535, status]]));

/** CBOR like cborEncode's, except that numbers other than safe integers become float64 (which cborEncode refuses to write). */
function encodeLoose(value: CborValue): Uint8Array {
  const head = (major: number, n: number) => {
    const bytes = cborEncode(n);
    bytes[0]! |= major << 5;
    return bytes;
  };
  const concat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    const bytes = new Uint8Array(9);
    bytes[0] = 0xfb;
    new DataView(bytes.buffer).setFloat64(1, value);
    return bytes;
  }
  if (Array.isArray(value)) return concat(head(4, value.length), ...value.map(encodeLoose));
  if (value instanceof Map) return concat(head(5, value.size), ...[...value].flatMap(([k, v]) => [encodeLoose(k), encodeLoose(v)]));
  if (value instanceof CborTag) return concat(head(6, value.tag), encodeLoose(value.value));
  return cborEncode(value);
}

/** A well-formed COSE_Sign1 around `payload`, signed by the trusted key or with a random signature. */
function sign1Text(payload: Uint8Array, signed: boolean, signature: Uint8Array): string {
  const protectedBytes = cborEncode(new Map([[1, -8]]));
  const sig = signed ? issuerKey.signRaw(sigStructure(protectedBytes, payload)) : signature;
  return base45Encode(zlibSync(cborEncode(new CborTag(61, new CborTag(18, [protectedBytes, new Map([[4, issuerKey.kidBytes]]), payload, sig]))), { level: 9 }));
}

test('(g) a well-formed COSE_Sign1 around an arbitrary CBOR payload', (t) => {
  const seen = new Map<string, number>();
  fc.assert(
    fc.property(fc.oneof(cborValue, { weight: 4, arbitrary: claimsLike }), fc.oneof(fc.constant(false), { weight: 3, arbitrary: fc.constant(true) }), fc.uint8Array({ minLength: 64, maxLength: 64 }), (value, signed, signature) => {
      const text = sign1Text(encodeLoose(value), signed, signature);
      const result = verifyCard(text, options);
      const answer = result.valid ? 'valid' : result.reason;
      seen.set(answer, (seen.get(answer) ?? 0) + 1);
      if (!signed) assert.equal(result.valid ? 'valid' : result.reason, 'bad_signature');
      else if (result.valid) return; // the trusted key signed claims that happen to be well formed
      else {
        assert.ok(REASONS.includes(result.reason));
        assert.doesNotMatch(result.message, /^unreadable card/, 'a decoder error escaped its CodecError');
      }
    }),
    { numRuns: 3000, seed: 6 },
  );
  t.diagnostic(`answers: ${JSON.stringify(Object.fromEntries(seen))}`);
  // The generator reaches every check after the signature, not only the first one.
  for (const answer of ['valid', 'bad_format', 'bad_signature', 'unknown_key', 'expired', 'not_yet_valid', 'revoked', 'status_unavailable']) {
    assert.ok((seen.get(answer) ?? 0) > 0, `no payload was answered ${answer}: ${JSON.stringify([...seen])}`);
  }
});

test('(g) arbitrary CBOR where the COSE_Sign1 should be', () => {
  fc.assert(
    fc.property(fc.oneof(cborValue, fc.array(cborValue, { minLength: 4, maxLength: 4 }).map((items) => new CborTag(61, new CborTag(18, items)))), (value) =>
      checkAnswer(base45Encode(zlibSync(encodeLoose(value)))),
    ),
    { numRuns: 1500, seed: 7 },
  );
});
