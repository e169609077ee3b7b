/**
 * What a distribution terminal and the server agree on, byte for byte: how a request
 * is signed with the terminal's Ed25519 key, how an offline record is signed, and how
 * a card number is hashed for the terminal's offline cache. Isomorphic (browser, Node,
 * CLI): WebCrypto, TextEncoder and the card codec's byte helpers; nothing from the server.
 */

import { canonicalJson, fromBase64Url, toBase64Url, toHex } from '../../credentials/codec/bytes.ts';

// The card codec's isomorphic helpers, under the names terminal code already uses.
export { canonicalJson };
export const base64url = toBase64Url;
export const fromBase64url = fromBase64Url;

export const PROTOCOL_VERSION = 'amparo-terminal-v1';

/** Request headers of a signed terminal request. */
export const TERMINAL_HEADERS = {
  terminal: 'amparo-terminal',
  signedAt: 'amparo-signed-at',
  signature: 'amparo-signature',
} as const;

/** How far a signed request's time may be from the server's, either way. */
export const SIGNED_REQUEST_SKEW_MS = 5 * 60_000;

const encoder = new TextEncoder();

/** SHA-256 of the body bytes as lowercase hex ("" for an empty body hashes the empty string). */
export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? encoder.encode(bytes) : bytes;
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource)));
}

/**
 * The text a terminal signs for one HTTP request: protocol, terminal id, method, path
 * with its query, the time (ISO 8601, ms) and the body's hash, one per line. Binding
 * the path and body means a captured signature cannot be reused for another request;
 * the time bounds replay, and the requests themselves are idempotent.
 */
export function requestSigningText(r: { terminalId: string; method: string; pathWithQuery: string; signedAt: string; bodySha256: string }): string {
  return [PROTOCOL_VERSION, r.terminalId, r.method.toUpperCase(), r.pathWithQuery, r.signedAt, r.bodySha256].join('\n');
}

/**
 * A pickup recorded by a terminal, online or offline. The terminal signs
 * `offlineRecordSigningText(record)` when the goods are handed over, before it tells the
 * agent "done"; the server keeps the signature as evidence and refuses a record whose
 * signature does not verify under the terminal's key.
 */
export interface RedemptionRecord {
  /** Chosen by the terminal (UUID): the same record sent twice is one redemption. */
  id: string;
  terminalId: string;
  agentId: string;
  cycleId: string;
  /** The entitlement's sector pseudonym, as the terminal received it. */
  subject: string;
  /** The scanned card number, normalised (11 symbols, no dashes); "" when the person was identified without their card. */
  cardNumber: string;
  /**
   * Only for a person identified without their card (POST /api/terminal/identify): the
   * token the server gave for them, valid 15 minutes at this point; `cardNumber` is then "".
   * Absent otherwise (canonicalJson leaves it out, so older records sign the same).
   */
  identificationToken?: string;
  /** Exact decimal text, e.g. "1" or "12.500". */
  quantity: string;
  payment: { method: 'cash' | 'mobile' | 'none'; amount: string; currency: string; reference?: string };
  /** When the goods were handed over, ISO 8601 with ms, by the terminal's clock. */
  redeemedAt: string;
}

export function offlineRecordSigningText(record: RedemptionRecord): string {
  return `${PROTOCOL_VERSION}:record\n${canonicalJson(record)}`;
}

/**
 * The key under which a terminal's offline cache files an entitlement: HMAC-SHA256 of
 * the card number under a key the server derives for this terminal and cycle set,
 * 22 base64url characters. The cache never holds a name or a card number in clear.
 */
export async function cardCacheKey(hashKey: Uint8Array, cardNumber: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', hashKey as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(cardNumber)));
  return base64url(mac.subarray(0, 17)).slice(0, 22);
}

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
