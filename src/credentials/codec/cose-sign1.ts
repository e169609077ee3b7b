/**
 * COSE_Sign1 (RFC 9052 §4.2) with EdDSA (-8) over Ed25519, optionally inside the
 * CWT tag 61 (RFC 8392 §6). The algorithm sits in the protected header, so that it
 * is signed; the key id in the unprotected header, so that a verifier can pick the
 * key before it checks anything.
 */
import { CodecError } from './codec-error.ts';
import { CborTag, cborDecode, cborEncode, cborEncodeTransient, type CborKey, type CborValue } from './cbor.ts';

export const COSE_SIGN1_TAG = 18;
export const CWT_TAG = 61;
export const HEADER_ALG = 1;
export const HEADER_CONTENT_TYPE = 3;
export const HEADER_KID = 4;
export const HEADER_TYP = 16;
export const ALG_EDDSA = -8;

/** `sign` is synchronous and must not keep `message`: it is a view into a buffer that is reused after the call. */
export type Signer = { kid: Uint8Array; sign(message: Uint8Array): Uint8Array };

export interface DecodedSign1 {
  protectedBytes: Uint8Array;
  kid: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
  protectedHeader: Map<CborKey, CborValue>;
}

const NO_EXTERNAL_AAD = new Uint8Array(0);

/** The bytes an Ed25519 signature covers: Sig_structure = ["Signature1", protected, h'', payload]. */
export const sigStructure = (protectedBytes: Uint8Array, payload: Uint8Array) =>
  cborEncode(['Signature1', protectedBytes, NO_EXTERNAL_AAD, payload]);

/** The protected header of a card, {1: -8}: the same three bytes every time (never mutated). */
const EDDSA_ONLY = cborEncode(new Map([[HEADER_ALG, ALG_EDDSA]]));

/**
 * With `transient`, the result is a view into the encoder's reused buffer, valid only
 * until the next CBOR encoding (for a caller that compresses it at once).
 */
export function encodeSign1(
  payload: Uint8Array,
  signer: Signer,
  options: { cwtTag: boolean; extraProtected?: Map<CborKey, CborValue>; transient?: boolean },
): Uint8Array {
  const protectedBytes = options.extraProtected
    ? cborEncode(new Map<CborKey, CborValue>([[HEADER_ALG, ALG_EDDSA], ...options.extraProtected]))
    : EDDSA_ONLY;
  // Signed straight from the encoder's buffer: the Sig_structure is not kept.
  const signature = signer.sign(cborEncodeTransient(['Signature1', protectedBytes, NO_EXTERNAL_AAD, payload]));
  const sign1 = new CborTag(COSE_SIGN1_TAG, [protectedBytes, new Map([[HEADER_KID, signer.kid]]), payload, signature]);
  const item = options.cwtTag ? new CborTag(CWT_TAG, sign1) : sign1;
  return options.transient ? cborEncodeTransient(item) : cborEncode(item);
}

const bad = (message: string) => new CodecError('bad_format', message);

/** Accepts 61(18([...])), 18([...]) or the bare array, as Claim 169 readers do. */
export function decodeSign1(bytes: Uint8Array): DecodedSign1 {
  let item = cborDecode(bytes);
  if (item instanceof CborTag && item.tag === CWT_TAG) item = item.value;
  if (item instanceof CborTag) {
    if (item.tag !== COSE_SIGN1_TAG) throw bad(`tag ${item.tag} is not COSE_Sign1 (18)`);
    item = item.value;
  }
  if (!Array.isArray(item) || item.length !== 4) throw bad('not a COSE_Sign1 array of four items');
  const [protectedBytes, unprotected, payload, signature] = item;
  if (!(protectedBytes instanceof Uint8Array)) throw bad('the protected header is not a byte string');
  if (!(unprotected instanceof Map)) throw bad('the unprotected header is not a map');
  if (!(payload instanceof Uint8Array)) throw bad('the payload is not a byte string');
  if (!(signature instanceof Uint8Array) || signature.length !== 64) throw bad('the signature is not 64 bytes');
  const protectedHeader = protectedBytes.length === 0 ? new Map() : cborDecode(protectedBytes);
  if (!(protectedHeader instanceof Map)) throw bad('the protected header is not a map');
  if (protectedHeader.get(HEADER_ALG) !== ALG_EDDSA) throw bad('the protected header does not name EdDSA (-8)');
  const kid = protectedHeader.get(HEADER_KID) ?? unprotected.get(HEADER_KID);
  if (!(kid instanceof Uint8Array)) throw bad('no key id (kid) in the headers');
  return { protectedBytes, kid, payload, signature, protectedHeader };
}
