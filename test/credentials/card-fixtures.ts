/**
 * Keys, trust lists, status lists and cards for the credential tests and benchmarks,
 * made with node:crypto the way an installation makes them: the trust anchor is a
 * key of its own, separate from the keys that sign cards.
 */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { toBase64Url } from '../../src/credentials/codec/bytes.ts';
import { checkSymbol } from '../../src/credentials/codec/card-number.ts';
import type { CardClaims } from '../../src/credentials/codec/credential.ts';
import { encodeStatusListToken, type StatusList } from '../../src/credentials/codec/status-list.ts';
import {
  TRUST_LIST_FORMAT,
  trustListSigningBytes,
  type IssuerKeyEntry,
  type PublishedKey,
  type TrustListDocument,
} from '../../src/credentials/codec/trust-list.ts';
import type { Signer } from '../../src/credentials/codec/cose-sign1.ts';
import { nodeSigner } from '../../src/credentials/node-ed25519.ts';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface TestKey {
  seed: Uint8Array;
  publicKey: Uint8Array;
  kidBytes: Uint8Array;
  /** base64url of kidBytes: how the trust list names the key. */
  kid: string;
  signer: Signer;
  /** Signs raw bytes (for trust list documents). */
  signRaw(message: Uint8Array): Uint8Array;
}

/** An Ed25519 key from a 32-byte seed filled with `fill` (or the given seed). */
export function testKey(fill: number | Uint8Array, kidBytes: Uint8Array = new TextEncoder().encode(`key-${typeof fill === 'number' ? fill : 'x'}`)): TestKey {
  const seed = typeof fill === 'number' ? new Uint8Array(32).fill(fill) : fill;
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  return {
    seed,
    publicKey: new Uint8Array(Buffer.from(x, 'base64url')),
    kidBytes,
    kid: toBase64Url(kidBytes),
    signer: nodeSigner(kidBytes, seed),
    signRaw: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

export const publishedKey = (key: TestKey): PublishedKey => ({ kid: key.kid, kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', x: toBase64Url(key.publicKey) });

export const ISSUER = 'https://id.example.gov';
export const STATUS_LIST_URI = `${ISSUER}/.well-known/amparo/status-list`;
/** 2027-01-15T08:00:00Z: "now" in the tests. */
export const NOW = 1_800_000_000;
const DAY = 86_400;

export interface KeyValidity {
  key: TestKey;
  notBefore?: string;
  notAfter?: string;
  state?: IssuerKeyEntry['state'];
}

/** A trust list document signed by `anchor` (over its canonical JSON). */
export function trustListDocument(options: {
  anchor: TestKey;
  keys: KeyValidity[];
  issuer?: string;
  statusListUri?: string;
  /** Signs with this key while naming `anchor` (to test a forged list). */
  signWith?: TestKey;
}): TrustListDocument {
  const unsigned: Omit<TrustListDocument, 'signature'> = {
    format: TRUST_LIST_FORMAT,
    issuer: options.issuer ?? ISSUER,
    issuedAt: '2027-01-01T00:00:00Z',
    nextUpdate: '2027-02-01T00:00:00Z',
    statusListUri: options.statusListUri ?? STATUS_LIST_URI,
    anchor: publishedKey(options.anchor),
    keys: options.keys.map(({ key, notBefore = '2026-01-01T00:00:00Z', notAfter = '2036-01-01T00:00:00Z', state = 'current' }) => ({
      ...publishedKey(key),
      notBefore,
      notAfter,
      state,
    })),
  };
  const signature = (options.signWith ?? options.anchor).signRaw(trustListSigningBytes(unsigned));
  return { ...unsigned, signature: toBase64Url(signature) };
}

export function statusList(revoked: number[], size = 1024, uri = STATUS_LIST_URI): StatusList {
  const bits = new Uint8Array(Math.ceil(size / 8));
  for (const index of revoked) bits[index >> 3]! |= 1 << (index & 7);
  return { uri, issuedAt: NOW - DAY, expiresAt: NOW + 10 * 365 * DAY, ttl: 3600, bits };
}

export const statusListToken = (list: StatusList, anchor: TestKey) => encodeStatusListToken(list, anchor.signer);

export const CARD_NUMBER = `ACDE2345KM${checkSymbol('ACDE2345KM')}`;

/** Card claims issued a month before NOW, valid five years. */
export function cardClaims(overrides: Partial<CardClaims> & { index?: number; cardNumber?: string } = {}): CardClaims {
  const { index = 7, cardNumber = CARD_NUMBER, ...rest } = overrides;
  const issuedAt = NOW - 30 * DAY;
  return {
    issuer: ISSUER,
    issuedAt,
    notBefore: issuedAt,
    expiresAt: issuedAt + 5 * 365 * DAY,
    identity: {
      cardNumber,
      language: 'spa',
      fullName: 'María José Pérez Rodríguez',
      firstName: 'María José',
      lastName: 'Pérez Rodríguez',
      birthDate: '1984-03-09',
      gender: 2,
      countryOfIssuance: 'VE',
    },
    status: { index, uri: STATUS_LIST_URI },
    ...rest,
  };
}

/** Some bytes standing in for a small WebP face (the codec carries them, it does not decode them). */
export function fakeFace(length = 500, seed = 1): Uint8Array {
  const face = new Uint8Array(length);
  let state = seed;
  face.set([0x52, 0x49, 0x46, 0x46]); // "RIFF"
  for (let i = 4; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    face[i] = state >>> 24;
  }
  return face;
}
