/**
 * A card issued by amparo, read back WITHOUT amparo's codec: base45 and zlib with
 * MOSIP's PixelPass (the library MOSIP's own verifiers use for Claim 169 QR codes),
 * the COSE_Sign1 signature with @auth0/cose, the CWT claims with the `cbor` package.
 * If our encoder and our decoder shared a misreading of a standard, the tests beside
 * the codec could not see it; these can.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { Sign1 } from '@auth0/cose';
import cbor from 'cbor';
import { issueCardText, type CardClaims } from '../../src/credentials/codec/credential.ts';
import { trustStoreFrom } from '../../src/credentials/codec/trust-list.ts';
import { verifyCard } from '../../src/credentials/codec/verify-card.ts';
import { nodeSigner, nodeVerifier } from '../../src/credentials/node-ed25519.ts';
import { fakeFace, testKey, trustListDocument } from './card-fixtures.ts';

const require = createRequire(import.meta.url);
/** PixelPass has no type declarations; its public API is generateQRData, decode, getMappedData, decodeMappedData. */
const pixelpass = require('@mosip/pixelpass') as { decode(text: string): string; generateQRData(data: string, header?: string): string };
/**
 * PixelPass exports no byte-level helpers (its `decode` turns the CBOR into JSON, which
 * loses byte strings and the tags' meaning), so the bytes come from the two libraries
 * PixelPass itself uses for those layers, resolved from PixelPass's own dependencies.
 */
const fromPixelpass = createRequire(require.resolve('@mosip/pixelpass'));
const base45 = fromPixelpass('base45-web') as { encode(bytes: Uint8Array): string; decode(text: string): Uint8Array };
const pako = fromPixelpass('pako') as { inflate(bytes: Uint8Array): Uint8Array; deflate(bytes: Uint8Array, options?: { level: number }): Uint8Array };

/** A fixed Ed25519 key: seed 0x42 × 32. */
const SEED = new Uint8Array(32).fill(0x42);
const KID = new TextEncoder().encode('independent-2027');
const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]), format: 'der', type: 'pkcs8' });
const publicKey: KeyObject = createPublicKey(privateKey);

const face = fakeFace(420, 9);
const claims: CardClaims = {
  issuer: 'https://id.example.gov',
  issuedAt: 1_798_761_600,
  notBefore: 1_798_761_600,
  expiresAt: 1_956_528_000,
  identity: {
    cardNumber: 'ACDE2345KMT',
    language: 'spa',
    fullName: 'María José Pérez Rodríguez',
    firstName: 'María José',
    lastName: 'Pérez Rodríguez',
    birthDate: '1984-03-09',
    gender: 2,
    countryOfIssuance: 'VE',
    faceWebp: face,
  },
  status: { index: 123_456, uri: 'https://id.example.gov/.well-known/amparo/status-list' },
};
const text = issueCardText(claims, nodeSigner(KID, SEED));

/** base45 → zlib → CBOR tag 61 → the COSE_Sign1 bytes, with independent libraries only. */
function coseSign1Bytes(qrText: string): Uint8Array {
  const tagged = cbor.decodeFirstSync(pako.inflate(base45.decode(qrText)));
  assert.ok(tagged instanceof cbor.Tagged, 'the outer item is a tag');
  assert.equal(tagged.tag, 61, 'the outer tag is CWT (61)');
  assert.ok(tagged.value instanceof cbor.Tagged);
  assert.equal(tagged.value.tag, 18, 'inside it, COSE_Sign1 (18)');
  // @auth0/cose decodes only a bare or tag-18 COSE_Sign1: a tag 61 around it is an unknown
  // tag to it. So the `cbor` package (not our codec) strips tag 61 and writes tag 18 back.
  return cbor.encode(tagged.value);
}

test('MOSIP PixelPass reads the QR text as CBOR: tag 61 around tag 18 around four items', () => {
  const json = JSON.parse(pixelpass.decode(text)) as { tag: number; value: { tag: number; value: unknown[] } };
  assert.equal(json.tag, 61);
  assert.equal(json.value.tag, 18);
  assert.equal(json.value.value.length, 4);
  assert.deepEqual(json.value.value[0], { type: 'Buffer', data: [0xa1, 0x01, 0x27] }, 'protected header {1: -8}');
});

test('@auth0/cose verifies the signature with the issuer public key', async () => {
  const sign1 = Sign1.decode(coseSign1Bytes(text));
  assert.equal(sign1.alg, -8, 'EdDSA');
  assert.deepEqual(new Uint8Array(sign1.kid!), KID);
  assert.deepEqual(sign1.protectedHeaders.get(1), -8, 'alg is protected');
  assert.equal(sign1.unprotectedHeaders.has(1), false);
  await sign1.verify(publicKey);
  await sign1.verify(publicKey, { algorithms: [-8] });
});

test('the `cbor` package reads every claim exactly as issued', () => {
  const sign1 = Sign1.decode(coseSign1Bytes(text));
  const payload = cbor.decodeFirstSync(sign1.payload) as Map<number, unknown>;
  assert.ok(payload instanceof Map);
  assert.deepEqual([...payload.keys()].sort((a, b) => a - b), [1, 4, 5, 6, 169, 65535]);
  assert.equal(payload.get(1), claims.issuer);
  assert.equal(payload.get(4), claims.expiresAt);
  assert.equal(payload.get(5), claims.notBefore);
  assert.equal(payload.get(6), claims.issuedAt);

  const identity = payload.get(169) as Map<number, unknown>;
  assert.ok(identity instanceof Map);
  assert.deepEqual([...identity.keys()].sort((a, b) => a - b), [1, 3, 4, 5, 7, 8, 9, 23, 62]);
  assert.equal(identity.get(1), 'ACDE2345KMT');
  assert.equal(identity.get(3), 'spa');
  assert.equal(identity.get(4), 'María José Pérez Rodríguez');
  assert.equal(identity.get(5), 'María José');
  assert.equal(identity.get(7), 'Pérez Rodríguez');
  assert.equal(identity.get(8), '19840309');
  assert.equal(identity.get(9), 2);
  assert.equal(identity.get(23), 'VE');
  const faces = identity.get(62) as Map<number, unknown>[];
  assert.equal(faces.length, 1);
  assert.deepEqual([...faces[0]!.keys()].sort(), [0, 1, 2]);
  assert.deepEqual(new Uint8Array(faces[0]!.get(0) as Buffer), face);
  assert.equal(faces[0]!.get(1), 0, 'biometric format 0: image');
  assert.equal(faces[0]!.get(2), 4, 'image sub-format 4: WebP');

  // Text keys decode to an object in the `cbor` package.
  assert.deepEqual(payload.get(65535), { status_list: { idx: 123_456, uri: 'https://id.example.gov/.well-known/amparo/status-list' } });
});

test('the encoding is deterministic CBOR: the `cbor` package canonical encoder writes the same payload bytes', () => {
  const sign1 = Sign1.decode(coseSign1Bytes(text));
  const payload = cbor.decodeFirstSync(sign1.payload, { preferMap: true });
  assert.deepEqual(new Uint8Array(cbor.encodeCanonical(payload)), new Uint8Array(sign1.payload));
});

test('a tampered card fails @auth0/cose verification', async () => {
  const [protectedBytes, unprotected, payload, signature] = (cbor.decodeFirstSync(coseSign1Bytes(text)) as { value: [Buffer, Map<number, unknown>, Buffer, Buffer] }).value;
  // Change one letter of the full name inside the signed payload, keep the signature.
  const at = payload.indexOf(Buffer.from('María José Pérez'));
  assert.ok(at > 0);
  payload[at] = 'N'.charCodeAt(0);
  const tampered = cbor.encode(new cbor.Tagged(61, new cbor.Tagged(18, [protectedBytes, unprotected, payload, signature])));
  const tamperedText = base45.encode(pako.deflate(tampered, { level: 9 }));
  assert.notEqual(tamperedText, text);
  await assert.rejects(Sign1.decode(coseSign1Bytes(tamperedText)).verify(publicKey), /signature/i);
});

test('a card signed by another key fails @auth0/cose verification with this key', async () => {
  const forged = issueCardText(claims, nodeSigner(KID, new Uint8Array(32).fill(0x43)));
  await assert.rejects(Sign1.decode(coseSign1Bytes(forged)).verify(publicKey), /signature/i);
});

test('PixelPass reads a card whose face does not compress (amparo never writes stored deflate blocks, which it cannot read)', () => {
  const bigFace = issueCardText({ ...claims, identity: { ...claims.identity, faceWebp: fakeFace(900, 3) } }, nodeSigner(KID, SEED));
  const json = JSON.parse(pixelpass.decode(bigFace)) as { tag: number; value: { tag: number } };
  assert.equal(json.value.tag, 18);
});

test('amparo verifies a card whose zlib and base45 were written by PixelPass’s libraries', () => {
  const anchor = testKey(0x77);
  const issuerKey = testKey(0x42, KID);
  const trust = trustStoreFrom(trustListDocument({ anchor, keys: [{ key: issuerKey, notBefore: '2026-01-01T00:00:00Z' }], issuer: claims.issuer, statusListUri: claims.status.uri }), nodeVerifier);
  const cose = pako.inflate(base45.decode(text));
  const rewritten = base45.encode(pako.deflate(cose, { level: 6 }));
  assert.notEqual(rewritten, text, 'another deflate encoder, other bytes');
  const result = verifyCard(rewritten, { trust, statusList: { uri: claims.status.uri, issuedAt: 0, expiresAt: claims.issuedAt + 3600, ttl: 0, bits: new Uint8Array(0) }, now: claims.issuedAt + 60 });
  assert.ok(result.valid, result.valid ? '' : result.message);
  assert.deepEqual(result.claims, claims);
});
