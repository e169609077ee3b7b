import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zlibSync } from 'fflate';
import {
  cardClaims,
  fakeFace,
  ISSUER,
  NOW,
  STATUS_LIST_URI,
  statusList,
  statusListToken,
  testKey,
  trustListDocument,
  type TestKey,
} from '../../../test/credentials/card-fixtures.ts';
import { nodeVerifier } from '../node-ed25519.ts';
import { base45Encode } from './base45.ts';
import { toBase64Url } from './bytes.ts';
import { CborTag, cborEncode, type CborKey, type CborValue } from './cbor.ts';
import { CodecError, type InvalidReason } from './codec-error.ts';
import { encodeSign1, sigStructure } from './cose-sign1.ts';
import { encodeCardClaims, issueCardText, MAX_QR_TEXT, type CardClaims } from './credential.ts';
import { nobleVerifier } from './noble-ed25519.ts';
import { decodeStatusListToken, type StatusList } from './status-list.ts';
import { trustStoreFrom, type Ed25519VerifierFactory, type TrustStore } from './trust-list.ts';
import { verifyCard, type CardVerification } from './verify-card.ts';

const anchor = testKey(0xa0, new TextEncoder().encode('anchor-2027'));
const issuerKey = testKey(0x11, new TextEncoder().encode('cards-2027'));
const otherKey = testKey(0x22, new TextEncoder().encode('cards-2027'));
const DAY = 86_400;

const document = trustListDocument({ anchor, keys: [{ key: issuerKey }] });
const list = decodeStatusListToken(statusListToken(statusList([3, 9, 1000]), anchor), trustStoreFrom(document, nodeVerifier).verifyAnchor);

const store = (factory: Ed25519VerifierFactory, keys = document) => trustStoreFrom(keys, factory, toBase64Url(anchor.publicKey));
const utf8 = (text: string) => new TextEncoder().encode(text);
/** The transport layers around any CBOR item: zlib then base45. */
const transport = (item: CborValue | Uint8Array) => base45Encode(zlibSync(item instanceof Uint8Array ? item : cborEncode(item), { level: 9 }));

/** A COSE_Sign1 in tag 61 with whatever protected header, signed by `key`. */
function customSign1(payload: Uint8Array, key: TestKey, protectedHeader: Map<CborKey, CborValue>): CborTag {
  const protectedBytes = cborEncode(protectedHeader);
  const signature = key.signRaw(sigStructure(protectedBytes, payload));
  return new CborTag(61, new CborTag(18, [protectedBytes, new Map([[4, key.kidBytes]]), payload, signature]));
}

interface Case {
  name: string;
  text: string;
  reason: InvalidReason | 'valid';
  now?: number;
  statusList?: StatusList | undefined;
  trust?: Parameters<typeof trustStoreFrom>[0];
}

const valid = cardClaims();
const validText = issueCardText(valid, issuerKey.signer);

const CASES: Case[] = [
  { name: 'a valid card', text: validText, reason: 'valid' },
  { name: 'a valid card one second before it expires', text: validText, reason: 'valid', now: valid.expiresAt - 1 },
  { name: 'a valid card at its nbf', text: validText, reason: 'valid', now: valid.notBefore },
  { name: 'a valid card compressed by another zlib (fflate, level 9)', text: transport(encodeSign1(encodeCardClaims(valid), issuerKey.signer, { cwtTag: true })), reason: 'valid' },
  { name: 'a valid card stored without compression (zlib level 0)', text: base45Encode(zlibSync(encodeSign1(encodeCardClaims(valid), issuerKey.signer, { cwtTag: true }), { level: 0 })), reason: 'valid' },
  { name: 'a valid card whose index is past the end of the list', text: issueCardText(cardClaims({ index: 5000 }), issuerKey.signer), reason: 'valid' },
  // bad_format: not a card at all
  { name: 'random text', text: 'hello, this is not a card', reason: 'bad_format' },
  { name: 'random base45 text', text: 'NCF:UNMSFI/OGB4VSVUZ23*8R/CJDHHUP*QHSH9', reason: 'bad_format' },
  { name: 'the empty text', text: '', reason: 'bad_format' },
  { name: 'a base45 triplet out of range', text: `${validText.slice(0, 30)}GGW${validText.slice(33)}`, reason: 'bad_format' },
  { name: 'base45 of a length 3n+1', text: `${validText}A`.slice(0, 3 * 50 + 1), reason: 'bad_format' },
  { name: 'lower case', text: validText.toLowerCase(), reason: 'bad_format' },
  { name: 'longer than a QR code holds', text: '0'.repeat(MAX_QR_TEXT + 1 + ((MAX_QR_TEXT + 1) % 3 === 1 ? 1 : 0)), reason: 'bad_format' },
  { name: 'base45 of bytes that are not zlib', text: base45Encode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])), reason: 'bad_format' },
  { name: 'a bare zlib header', text: base45Encode(new Uint8Array([0x78, 0xda])), reason: 'bad_format' },
  { name: 'zlib of plain text', text: transport(utf8('hello, world')), reason: 'bad_format' },
  { name: 'zlib of a CBOR array that is not COSE', text: transport([1, 2, 3]), reason: 'bad_format' },
  { name: 'zlib of a CBOR map', text: transport(new Map([[1, 2]])), reason: 'bad_format' },
  { name: 'COSE_Mac0 (tag 17) instead of COSE_Sign1', text: transport(new CborTag(17, [new Uint8Array(0), new Map(), new Uint8Array(0), new Uint8Array(64)])), reason: 'bad_format' },
  { name: 'a signature of 63 bytes', text: transport(new CborTag(18, [cborEncode(new Map([[1, -8]])), new Map([[4, issuerKey.kidBytes]]), encodeCardClaims(valid), new Uint8Array(63)])), reason: 'bad_format' },
  { name: 'no kid', text: transport(new CborTag(18, [cborEncode(new Map([[1, -8]])), new Map(), encodeCardClaims(valid), new Uint8Array(64)])), reason: 'bad_format' },
  { name: 'the wrong algorithm (ES256, -7)', text: transport(customSign1(encodeCardClaims(valid), issuerKey, new Map([[1, -7]]))), reason: 'bad_format' },
  { name: 'no algorithm in the protected header', text: transport(customSign1(encodeCardClaims(valid), issuerKey, new Map([[3, 0]]))), reason: 'bad_format' },
  { name: 'signed claims that are not a map', text: transport(customSign1(cborEncode([1, 2]), issuerKey, new Map([[1, -8]]))), reason: 'bad_format' },
  {
    name: 'signed claims without a status',
    text: transport(customSign1(cborEncode(new Map<CborKey, CborValue>([[1, ISSUER], [4, NOW + DAY], [5, NOW - DAY], [6, NOW - DAY], [169, new Map([[1, 'X']])]])), issuerKey, new Map([[1, -8]]))),
    reason: 'bad_format',
  },
  // bad_signature
  { name: 'a card signed by another key that claims the trusted kid', text: issueCardText(valid, otherKey.signer), reason: 'bad_signature' },
  {
    name: 'a valid card whose payload was swapped for another one',
    text: transport(new CborTag(61, new CborTag(18, [cborEncode(new Map([[1, -8]])), new Map([[4, issuerKey.kidBytes]]), encodeCardClaims(cardClaims({ index: 8 })), new Uint8Array(64).fill(1)]))),
    reason: 'bad_signature',
  },
  // unknown_key
  { name: 'a kid that is not in the trust list', text: issueCardText(valid, testKey(0x11, utf8('cards-2019')).signer), reason: 'unknown_key' },
  { name: 'a card signed by the anchor itself', text: issueCardText(valid, anchor.signer), reason: 'unknown_key' },
  {
    name: 'a card issued before its key became valid',
    text: validText,
    trust: trustListDocument({ anchor, keys: [{ key: issuerKey, notBefore: new Date((valid.issuedAt + 1) * 1000).toISOString() }] }),
    reason: 'unknown_key',
  },
  {
    name: 'a card checked after its key stopped verifying',
    text: validText,
    trust: trustListDocument({ anchor, keys: [{ key: issuerKey, notAfter: new Date((NOW - 1) * 1000).toISOString() }] }),
    reason: 'unknown_key',
  },
  { name: 'a card that names another issuer', text: issueCardText(cardClaims({ issuer: 'https://id.example.org' }), issuerKey.signer), reason: 'unknown_key' },
  // validity period
  { name: 'a card at its exp', text: validText, now: valid.expiresAt, reason: 'expired' },
  { name: 'a card a year after its exp', text: validText, now: valid.expiresAt + 365 * DAY, reason: 'expired' },
  { name: 'a card one second before its nbf', text: validText, now: valid.notBefore - 1, reason: 'not_yet_valid' },
  { name: 'a card whose nbf is next week', text: issueCardText(cardClaims({ notBefore: NOW + 7 * DAY }), issuerKey.signer), reason: 'not_yet_valid' },
  // revocation
  { name: 'a revoked card (index 9)', text: issueCardText(cardClaims({ index: 9 }), issuerKey.signer), reason: 'revoked' },
  { name: 'a revoked card (index 1000)', text: issueCardText(cardClaims({ index: 1000 }), issuerKey.signer), reason: 'revoked' },
  { name: 'the neighbour of a revoked card (index 1001)', text: issueCardText(cardClaims({ index: 1001 }), issuerKey.signer), reason: 'valid' },
  { name: 'no status list downloaded', text: validText, statusList: undefined, reason: 'status_unavailable' },
  { name: 'the status list of another URI', text: validText, statusList: { ...list, uri: `${STATUS_LIST_URI}/2` }, reason: 'status_unavailable' },
  { name: 'a status list past its exp (it may miss a revocation)', text: validText, statusList: { ...list, expiresAt: NOW - 1 }, reason: 'status_unavailable' },
  { name: 'a status list one second before its exp', text: validText, statusList: { ...list, expiresAt: NOW + 1 }, reason: 'valid' },
  {
    name: 'a card that points at another status list',
    text: issueCardText(cardClaims({ status: { index: 1, uri: 'https://elsewhere.example/list' } }), issuerKey.signer),
    reason: 'status_unavailable',
  },
];

function run(factory: Ed25519VerifierFactory, c: Case): CardVerification {
  const trust: TrustStore = store(factory, c.trust ?? document);
  return verifyCard(c.text, { trust, statusList: 'statusList' in c ? c.statusList : list, now: c.now ?? NOW });
}

for (const [verifierName, factory] of [['node:crypto', nodeVerifier], ['@noble/curves', nobleVerifier]] as const) {
  test(`every reason, with the ${verifierName} verifier`, () => {
    for (const c of CASES) {
      const result = run(factory, c);
      assert.equal(result.valid ? 'valid' : result.reason, c.reason, `${c.name}: ${result.valid ? 'valid' : result.message}`);
      if (!result.valid) assert.ok(result.message.length > 0);
    }
  });
}

test('node:crypto and @noble/curves give the same answer for every case', () => {
  for (const c of CASES) assert.deepEqual(run(nobleVerifier, c), run(nodeVerifier, c), c.name);
});

test('a refused card carries its claims only once the signature checked', () => {
  const expired = run(nodeVerifier, { name: '', text: validText, now: valid.expiresAt, reason: 'expired' });
  assert.equal(expired.valid, false);
  assert.deepEqual(expired.claims, valid);
  const forged = run(nodeVerifier, { name: '', text: issueCardText(valid, otherKey.signer), reason: 'bad_signature' });
  assert.equal(forged.valid, false);
  assert.equal(forged.claims, undefined);
  const unknown = run(nodeVerifier, { name: '', text: issueCardText(valid, testKey(0x33, utf8('nope')).signer), reason: 'unknown_key' });
  assert.equal(unknown.claims, undefined);
});

test('a valid card gives back every identity field, a face image included', () => {
  const claims: CardClaims = cardClaims({
    identity: {
      cardNumber: 'ACDE2345KMT',
      language: 'spa',
      fullName: 'Nuñez Ñáñez, Zoë 李',
      firstName: 'Zoë 李',
      lastName: 'Nuñez Ñáñez',
      birthDate: '1999-12-31',
      gender: 3,
      countryOfIssuance: 'VE',
      faceWebp: fakeFace(480),
    },
  });
  const result = verifyCard(issueCardText(claims, issuerKey.signer), { trust: store(nodeVerifier), statusList: list, now: NOW });
  assert.ok(result.valid, result.valid ? '' : result.message);
  assert.equal(result.kid, issuerKey.kid);
  assert.deepEqual(result.claims, claims);
});

test('optional identity fields may be absent, the birth date included', () => {
  const identity = { cardNumber: 'ACDE2345KMT', fullName: 'Pedro' };
  const claims = cardClaims({ identity });
  const result = verifyCard(issueCardText(claims, issuerKey.signer), { trust: store(nodeVerifier), statusList: list, now: NOW });
  assert.ok(result.valid);
  assert.deepEqual(result.claims.identity, identity);
  assert.equal('birthDate' in result.claims.identity, false);
  for (const gender of [1, 2] as const) {
    const withGender = cardClaims({ identity: { ...identity, gender, birthDate: '19840309' } });
    const checked = verifyCard(issueCardText(withGender, issuerKey.signer), { trust: store(nodeVerifier), statusList: list, now: NOW });
    assert.ok(checked.valid);
    assert.equal(checked.claims.identity.gender, gender);
    assert.equal(checked.claims.identity.birthDate, '1984-03-09');
  }
});

test('a year-only birth date is refused at issue time (Claim 169 key 8 is YYYYMMDD), not signed into a card no verifier reads', () => {
  for (const birthDate of ['1984', '1984-03', '84-03-09', '1984-3-9']) {
    assert.throws(() => issueCardText(cardClaims({ identity: { cardNumber: 'X', fullName: 'Y', birthDate } }), issuerKey.signer), /not YYYY-MM-DD/);
  }
  // And a signed card that carries one anyway is refused as bad_format.
  const yearOnly = cborEncode(
    new Map<CborKey, CborValue>([
      [1, ISSUER],
      [4, valid.expiresAt],
      [5, valid.notBefore],
      [6, valid.issuedAt],
      [169, new Map<CborKey, CborValue>([[1, 'ACDE2345KMT'], [4, 'Y'], [8, '1984']])],
      [65535, new Map([['status_list', new Map<CborKey, CborValue>([['idx', 1], ['uri', STATUS_LIST_URI]])]])],
    ]),
  );
  const result = verifyCard(transport(customSign1(yearOnly, issuerKey, new Map([[1, -8]]))), { trust: store(nodeVerifier), statusList: list, now: NOW });
  assert.equal(result.valid ? 'valid' : result.reason, 'bad_format');
});

test('the card is COSE in tag 61, with EdDSA in the protected header and the kid in the unprotected one', () => {
  const cose = encodeSign1(encodeCardClaims(valid), issuerKey.signer, { cwtTag: true });
  assert.deepEqual([...cose.subarray(0, 4)], [0xd8, 0x3d, 0xd2, 0x84]); // 61(18([…
  assert.deepEqual([...cose.subarray(4, 8)], [0x43, 0xa1, 0x01, 0x27]); // h'A10127' = {1: -8}
});

const codecError = (reason: InvalidReason, pattern?: RegExp) => (error: unknown) =>
  error instanceof CodecError && error.reason === reason && (!pattern || pattern.test(error.message));

test('trustStoreFrom refuses a tampered document', () => {
  const tampered = { ...document, keys: [{ ...document.keys[0]!, notAfter: '2099-01-01T00:00:00Z' }] };
  assert.throws(() => trustStoreFrom(tampered, nodeVerifier), codecError('bad_signature'));
  const extraKey = { ...document, keys: [...document.keys, { ...document.keys[0]!, kid: otherKey.kid, x: toBase64Url(otherKey.publicKey) }] };
  assert.throws(() => trustStoreFrom(extraKey, nodeVerifier), codecError('bad_signature'));
  const otherIssuer = { ...document, issuer: 'https://evil.example' };
  assert.throws(() => trustStoreFrom(otherIssuer, nobleVerifier), codecError('bad_signature'));
  // A document that names the anchor but was signed by another key.
  assert.throws(() => trustStoreFrom(trustListDocument({ anchor, keys: [{ key: issuerKey }], signWith: otherKey }), nodeVerifier), codecError('bad_signature'));
});

test('trustStoreFrom refuses a document of another anchor when one is pinned', () => {
  const otherAnchor = testKey(0xb0, utf8('anchor-2027'));
  const foreign = trustListDocument({ anchor: otherAnchor, keys: [{ key: otherKey }] });
  assert.throws(() => trustStoreFrom(foreign, nodeVerifier, toBase64Url(anchor.publicKey)), codecError('unknown_key'));
  // Unpinned, it is a well-signed list of its own anchor.
  assert.equal(trustStoreFrom(foreign, nodeVerifier).keys.size, 1);
  // Pinned to the right anchor, the real list is accepted; the pin may be base64 too.
  assert.equal(trustStoreFrom(document, nodeVerifier, Buffer.from(anchor.publicKey).toString('base64')).issuer, ISSUER);
});

test('trustStoreFrom refuses a document of another format', () => {
  assert.throws(() => trustStoreFrom({ ...document, format: 'amparo-trust-list/2' as 'amparo-trust-list/1' }, nodeVerifier), codecError('bad_format'));
  assert.throws(() => trustStoreFrom(null as never, nodeVerifier), codecError('bad_format'));
});

test('the trust store keeps each key with its validity, as seconds', () => {
  const trust = store(nodeVerifier);
  const key = trust.keys.get(issuerKey.kid)!;
  assert.deepEqual(key.publicKey, issuerKey.publicKey);
  assert.equal(key.notBefore, Date.parse('2026-01-01T00:00:00Z') / 1000);
  assert.equal(key.notAfter, Date.parse('2036-01-01T00:00:00Z') / 1000);
  assert.equal(trust.statusListUri, STATUS_LIST_URI);
  assert.equal(trust.anchorKid, anchor.kid);
});

test('decodeStatusListToken gives back the bits the anchor signed', () => {
  const source = statusList([0, 7, 8, 1_000_000 - 1], 1_000_000);
  const decoded = decodeStatusListToken(statusListToken(source, anchor), store(nodeVerifier).verifyAnchor);
  assert.deepEqual(decoded, source);
});

test('decodeStatusListToken refuses a token signed by a key that is not the anchor', () => {
  const trust = store(nodeVerifier);
  // Signed by the card key, under its own kid.
  assert.throws(() => decodeStatusListToken(statusListToken(statusList([]), issuerKey), trust.verifyAnchor), codecError('bad_signature'));
  // Signed by another key that claims the anchor's kid.
  const impostor = testKey(0xc0, anchor.kidBytes);
  assert.throws(() => decodeStatusListToken(statusListToken(statusList([]), impostor), trust.verifyAnchor), codecError('bad_signature'));
});

test('decodeStatusListToken refuses a token without the statuslist+cwt typ', () => {
  const claims = new Map<CborKey, CborValue>([
    [2, STATUS_LIST_URI],
    [6, NOW],
    [4, NOW + DAY],
    [65534, 3600],
    [65533, new Map<CborKey, CborValue>([['bits', 1], ['lst', zlibSync(new Uint8Array(16))]])],
  ]);
  const untyped = encodeSign1(cborEncode(claims), anchor.signer, { cwtTag: false });
  assert.throws(() => decodeStatusListToken(untyped, store(nodeVerifier).verifyAnchor), codecError('bad_format', /typ/));
  const wrongTyp = encodeSign1(cborEncode(claims), anchor.signer, { cwtTag: false, extraProtected: new Map([[16, 'application/cwt']]) });
  assert.throws(() => decodeStatusListToken(wrongTyp, store(nodeVerifier).verifyAnchor), codecError('bad_format', /typ/));
  // The same claims with the typ are accepted.
  const typed = encodeSign1(cborEncode(claims), anchor.signer, { cwtTag: false, extraProtected: new Map([[16, 'application/statuslist+cwt']]) });
  assert.equal(decodeStatusListToken(typed, store(nodeVerifier).verifyAnchor).bits.length, 16);
});

test('decodeStatusListToken refuses an lst whose zlib checksum is wrong, and a zlib bomb', () => {
  const lst = zlibSync(new Uint8Array(16));
  lst[lst.length - 1]! ^= 1;
  const claims = (bytes: Uint8Array) =>
    new Map<CborKey, CborValue>([
      [2, STATUS_LIST_URI],
      [6, NOW],
      [4, NOW + DAY],
      [65533, new Map<CborKey, CborValue>([['bits', 1], ['lst', bytes]])],
    ]);
  const token = (bytes: Uint8Array) => encodeSign1(cborEncode(claims(bytes)), anchor.signer, { cwtTag: false, extraProtected: new Map([[16, 'application/statuslist+cwt']]) });
  assert.throws(() => decodeStatusListToken(token(lst), store(nodeVerifier).verifyAnchor), codecError('bad_format', /checksum/));
  assert.throws(() => decodeStatusListToken(token(zlibSync(new Uint8Array((1 << 23) + 8))), store(nodeVerifier).verifyAnchor), codecError('bad_format', /too large/));
});
