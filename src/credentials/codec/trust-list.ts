/**
 * The trust list: which keys sign cards, from when and until when, signed by the
 * installation's trust anchor. A verifier pins the anchor (its kid and key are
 * published by the installation) and from then on trusts only lists it signed.
 */
import { bytesEqual, canonicalJson, fromBase64Url } from './bytes.ts';
import { CodecError } from './codec-error.ts';

export const TRUST_LIST_FORMAT = 'amparo-trust-list/1';

export interface PublishedKey {
  kid: string;
  kty: 'OKP';
  crv: 'Ed25519';
  alg: 'EdDSA';
  /** The raw 32-byte public key, base64url (as in a JWK). */
  x: string;
}

export interface IssuerKeyEntry extends PublishedKey {
  /** Cards issued before this are not accepted under the key (ISO 8601). */
  notBefore: string;
  /** The key verifies nothing after this: the last card it signed has expired (ISO 8601). */
  notAfter: string;
  /** "current" signs new cards; "retired" only verifies those it signed. */
  state: 'current' | 'retired';
}

export interface TrustListDocument {
  format: typeof TRUST_LIST_FORMAT;
  /** The CWT iss of the installation's cards. */
  issuer: string;
  issuedAt: string;
  nextUpdate: string;
  statusListUri: string;
  anchor: PublishedKey;
  keys: IssuerKeyEntry[];
  /** Ed25519 signature by the anchor over the canonical JSON of everything else, base64url. */
  signature: string;
}

/** Makes a verifier for one raw public key (node:crypto on the server, noble in the browser). */
export type Ed25519VerifierFactory = (publicKey: Uint8Array) => (message: Uint8Array, signature: Uint8Array) => boolean;

export interface TrustedKey {
  kid: string;
  publicKey: Uint8Array;
  notBefore: number;
  notAfter: number;
  verify: (message: Uint8Array, signature: Uint8Array) => boolean;
}

export interface TrustStore {
  issuer: string;
  statusListUri: string;
  anchorKid: string;
  keys: ReadonlyMap<string, TrustedKey>;
  /** Checks something the anchor signed (the status list). */
  verifyAnchor(kid: string, message: Uint8Array, signature: Uint8Array): boolean;
}

export const trustListSigningBytes = (document: Omit<TrustListDocument, 'signature'> | TrustListDocument) => {
  const { signature: _ignored, ...rest } = document as TrustListDocument;
  return new TextEncoder().encode(canonicalJson(rest));
};

const seconds = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new CodecError('bad_format', `trust list: "${iso}" is not a date`);
  return Math.floor(ms / 1000);
};

/**
 * Checks the document's signature and builds the store a verifier uses. With
 * `pinnedAnchor` (base64url public key), a list signed by any other anchor is refused.
 */
export function trustStoreFrom(document: TrustListDocument, makeVerifier: Ed25519VerifierFactory, pinnedAnchor?: string): TrustStore {
  if (document?.format !== TRUST_LIST_FORMAT) throw new CodecError('bad_format', `trust list: format is not ${TRUST_LIST_FORMAT}`);
  const anchorKey = fromBase64Url(document.anchor.x);
  if (pinnedAnchor !== undefined && !bytesEqual(anchorKey, fromBase64Url(pinnedAnchor))) {
    throw new CodecError('unknown_key', 'trust list: signed by another anchor than the pinned one');
  }
  const verifyAnchor = makeVerifier(anchorKey);
  if (!verifyAnchor(trustListSigningBytes(document), fromBase64Url(document.signature))) {
    throw new CodecError('bad_signature', 'trust list: the signature does not verify with its anchor');
  }
  const keys = new Map<string, TrustedKey>();
  for (const entry of document.keys) {
    const publicKey = fromBase64Url(entry.x);
    keys.set(entry.kid, {
      kid: entry.kid,
      publicKey,
      notBefore: seconds(entry.notBefore),
      notAfter: seconds(entry.notAfter),
      verify: makeVerifier(publicKey),
    });
  }
  return {
    issuer: document.issuer,
    statusListUri: document.statusListUri,
    anchorKid: document.anchor.kid,
    keys,
    verifyAnchor: (kid, message, signature) => kid === document.anchor.kid && verifyAnchor(message, signature),
  };
}
