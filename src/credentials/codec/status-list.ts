/**
 * Revocation as in the IETF Token Status List (draft-ietf-oauth-status-list): one
 * bit per card (1 = revoked), the bits zlib-compressed, bit i being bit (i mod 8),
 * least significant first, of byte ⌊i/8⌋. The list travels as a Status List Token:
 * a COSE_Sign1 with typ "application/statuslist+cwt" whose CWT claims are
 * sub (2) = the list's URI, iat (6), exp (4), ttl (65534) and status_list (65533) =
 * { "bits": 1, "lst": compressed bytes }. A verifier downloads it, checks its
 * signature with the installation's trust anchor, and keeps it for offline use.
 */
import { unzlibSync, zlibSync } from 'fflate';
import { cborDecode, cborEncode, type CborKey, type CborValue } from './cbor.ts';
import { CodecError } from './codec-error.ts';
import { decodeSign1, encodeSign1, HEADER_TYP, sigStructure, type Signer } from './cose-sign1.ts';
import { toBase64Url, zlibChecksumMatches } from './bytes.ts';

export const STATUS_LIST_TYP = 'application/statuslist+cwt';
const CLAIM = { sub: 2, exp: 4, iat: 6, ttl: 65534, statusList: 65533 } as const;
/** 2^26 cards per list (67 M, twice a 30 M country's cards over their lifetimes): 8 MiB of bits before compression. */
const MAX_STATUS_BYTES = 1 << 23;

export interface StatusList {
  uri: string;
  issuedAt: number;
  expiresAt: number;
  /** Seconds after which a verifier should fetch a fresh list. */
  ttl: number;
  /** The uncompressed bits. */
  bits: Uint8Array;
}

export const REVOKED = 1;
export const VALID = 0;

/** 0 = valid, 1 = revoked; an index past the end is valid (cards are added at the end). */
export function statusAt(list: Pick<StatusList, 'bits'>, index: number): number {
  const byte = index >> 3;
  return byte < list.bits.length ? (list.bits[byte]! >> (index & 7)) & 1 : VALID;
}

export function bitsFromRevokedIndexes(revoked: Iterable<number>, size: number): Uint8Array {
  const bits = new Uint8Array(Math.max(1, Math.ceil(size / 8)));
  for (const index of revoked) bits[index >> 3]! |= 1 << (index & 7);
  return bits;
}

export function encodeStatusListToken(list: StatusList, signer: Signer): Uint8Array {
  const claims = new Map<CborKey, CborValue>([
    [CLAIM.sub, list.uri],
    [CLAIM.iat, list.issuedAt],
    [CLAIM.exp, list.expiresAt],
    [CLAIM.ttl, list.ttl],
    [CLAIM.statusList, new Map<CborKey, CborValue>([['bits', 1], ['lst', zlibSync(list.bits, { level: 9 })]])],
  ]);
  return encodeSign1(cborEncode(claims), signer, {
    cwtTag: false,
    extraProtected: new Map([[HEADER_TYP, STATUS_LIST_TYP]]),
  });
}

const bad = (message: string) => new CodecError('bad_format', `status list: ${message}`);

/**
 * Checks a Status List Token against the trust anchor's key and returns the list.
 * `verify(kid, message, signature)` says whether the anchor signed it.
 */
export function decodeStatusListToken(
  token: Uint8Array,
  verify: (kid: string, message: Uint8Array, signature: Uint8Array) => boolean,
): StatusList {
  const sign1 = decodeSign1(token);
  if (sign1.protectedHeader.get(HEADER_TYP) !== STATUS_LIST_TYP) throw bad(`typ is not ${STATUS_LIST_TYP}`);
  if (!verify(toBase64Url(sign1.kid), sigStructure(sign1.protectedBytes, sign1.payload), sign1.signature)) {
    throw new CodecError('bad_signature', 'status list: the signature does not verify with the trust anchor');
  }
  const claims = cborDecode(sign1.payload);
  if (!(claims instanceof Map)) throw bad('claims are not a map');
  const uri = claims.get(CLAIM.sub);
  const [issuedAt, expiresAt, ttl] = [claims.get(CLAIM.iat), claims.get(CLAIM.exp), claims.get(CLAIM.ttl)];
  const statusList = claims.get(CLAIM.statusList);
  if (typeof uri !== 'string' || typeof issuedAt !== 'number' || typeof expiresAt !== 'number') throw bad('sub, iat or exp missing');
  if (!(statusList instanceof Map) || statusList.get('bits') !== 1) throw bad('only one bit per card is supported');
  const lst = statusList.get('lst');
  if (!(lst instanceof Uint8Array)) throw bad('lst is not a byte string');
  let bits: Uint8Array;
  try {
    bits = unzlibSync(lst, { out: new Uint8Array(MAX_STATUS_BYTES + 1) });
  } catch {
    throw bad('lst is not zlib data');
  }
  if (bits.length > MAX_STATUS_BYTES) throw bad('lst is too large');
  if (!zlibChecksumMatches(lst, bits)) throw bad('the zlib checksum (Adler-32) of lst does not match');
  return { uri, issuedAt, expiresAt, ttl: typeof ttl === 'number' ? ttl : 0, bits: bits.slice() };
}
