/**
 * The card's QR text: base45( zlib( 61( COSE_Sign1( CWT claims ) ) ) ), as DESIGN.md
 * and MOSIP Claim 169 say. docs/credential-format.md describes every layer.
 */
import { unzlibSync } from 'fflate';
import { base45Decode, base45Encode } from './base45.ts';
import { cborDecode, cborEncode, type CborKey, type CborValue } from './cbor.ts';
import { claimToIdentity, identityToClaim, type CardIdentity } from './claim169.ts';
import { CodecError } from './codec-error.ts';
import { decodeSign1, encodeSign1, sigStructure, type Signer } from './cose-sign1.ts';
import { toBase64Url, zlibChecksumMatches } from './bytes.ts';
import { zlibCompress } from './zlib-compress.ts';

export const CWT = { iss: 1, exp: 4, nbf: 5, iat: 6, identity: 169, status: 65535 } as const;

/** The largest text a QR code holds in alphanumeric mode (version 40, level L). */
export const MAX_QR_TEXT = 4296;
/** A card inflates to a few hundred bytes; anything much larger is an attack. */
export const MAX_INFLATED_BYTES = 64 * 1024;

export interface CardStatusReference {
  /** The card's bit in the status list. */
  index: number;
  /** Where the status list is published. */
  uri: string;
}

export interface CardClaims {
  issuer: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  notBefore: number;
  expiresAt: number;
  identity: CardIdentity;
  status: CardStatusReference;
}

export function encodeCardClaims(claims: CardClaims): Uint8Array {
  const status = new Map<CborKey, CborValue>([
    ['status_list', new Map<CborKey, CborValue>([['idx', claims.status.index], ['uri', claims.status.uri]])],
  ]);
  return cborEncode(
    new Map<CborKey, CborValue>([
      [CWT.iss, claims.issuer],
      [CWT.exp, claims.expiresAt],
      [CWT.nbf, claims.notBefore],
      [CWT.iat, claims.issuedAt],
      [CWT.identity, identityToClaim(claims.identity)],
      [CWT.status, status],
    ]),
  );
}

/** claims → CBOR → COSE_Sign1 in tag 61 → zlib → base45. */
export function issueCardText(claims: CardClaims, signer: Signer): string {
  // Each layer is a view into a buffer its encoder reuses, consumed at once by the next one.
  const signed = encodeSign1(encodeCardClaims(claims), signer, { cwtTag: true, transient: true });
  return base45Encode(zlibCompress(signed));
}

export interface DecodedCard {
  kid: string;
  /** What the signature covers, and the signature, to check against the key named by kid. */
  signedBytes: Uint8Array;
  signature: Uint8Array;
  /** The CWT claims, not yet trusted: read them only after the signature checks. */
  payload: Uint8Array;
}

const bad = (message: string) => new CodecError('bad_format', message);

/**
 * Where cards inflate, reused: a fresh 64 KiB buffer per card cost more than the rest
 * of the decoding. fflate writes into it and never reads what it did not write in the
 * same call (a distance beyond the output so far is an error), so old bytes cannot leak.
 */
const inflateBuffer = new Uint8Array(MAX_INFLATED_BYTES + 1);

/** Undoes the transport layers and the COSE envelope; throws CodecError('bad_format'). */
export function decodeCardText(text: string): DecodedCard {
  if (typeof text !== 'string' || text.length === 0) throw bad('empty text');
  if (text.length > MAX_QR_TEXT) throw bad(`longer than a QR code can hold (${text.length} characters)`);
  const compressed = base45Decode(text);
  let inflated: Uint8Array;
  try {
    inflated = unzlibSync(compressed, { out: inflateBuffer });
  } catch {
    throw bad('not zlib data');
  }
  if (inflated.length > MAX_INFLATED_BYTES) throw bad('inflates to more than 64 KiB');
  if (!zlibChecksumMatches(compressed, inflated)) throw bad('the zlib checksum (Adler-32) does not match');
  // A copy of the few hundred bytes, so that what is returned does not alias the reused buffer.
  const sign1 = decodeSign1(inflated.slice());
  return {
    kid: toBase64Url(sign1.kid),
    signedBytes: sigStructure(sign1.protectedBytes, sign1.payload),
    signature: sign1.signature,
    payload: sign1.payload,
  };
}

function integer(map: Map<CborKey, CborValue>, key: number, name: string): number {
  const value = map.get(key);
  if (typeof value !== 'number' || !Number.isInteger(value)) throw bad(`CWT claim ${name} (${key}) is missing or not an integer`);
  return value;
}

/** Reads the CWT claims of a card whose signature has been checked. */
export function readCardClaims(payload: Uint8Array): CardClaims {
  const map = cborDecode(payload);
  if (!(map instanceof Map)) throw bad('the CWT claims are not a map');
  const issuer = map.get(CWT.iss);
  if (typeof issuer !== 'string') throw bad('CWT claim iss (1) is missing');
  const status = map.get(CWT.status);
  const list = status instanceof Map ? status.get('status_list') : undefined;
  const index = list instanceof Map ? list.get('idx') : undefined;
  const uri = list instanceof Map ? list.get('uri') : undefined;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || typeof uri !== 'string') {
    throw bad('CWT claim status (65535) has no status_list with idx and uri');
  }
  return {
    issuer,
    expiresAt: integer(map, CWT.exp, 'exp'),
    notBefore: integer(map, CWT.nbf, 'nbf'),
    issuedAt: integer(map, CWT.iat, 'iat'),
    identity: claimToIdentity(map.get(CWT.identity)),
    status: { index, uri },
  };
}
