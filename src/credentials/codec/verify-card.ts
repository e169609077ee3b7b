/**
 * Verifies a card's QR text with no network: the trust store and the status list
 * were downloaded before. One module for the server, the CLI and the browser; it
 * imports nothing from the server.
 */
import { CodecError, type InvalidReason } from './codec-error.ts';
import { decodeCardText, readCardClaims, type CardClaims } from './credential.ts';
import { REVOKED, statusAt, type StatusList } from './status-list.ts';
import type { TrustStore } from './trust-list.ts';

export type CardVerification =
  | { valid: true; kid: string; claims: CardClaims }
  /** `claims` is there only when the signature checked, so that an agent sees whose card was refused. */
  | { valid: false; reason: InvalidReason; message: string; claims?: CardClaims };

export interface VerifyOptions {
  trust: TrustStore;
  /** The status list for trust.statusListUri; without it no card is accepted. */
  statusList: StatusList | undefined;
  /** Seconds since the epoch; now by default. */
  now?: number;
}

const invalid = (reason: InvalidReason, message: string, claims?: CardClaims): CardVerification => ({ valid: false, reason, message, claims });

/** YYYY-MM-DD of a NumericDate; a signed exp far outside a Date's range must not throw here. */
const day = (seconds: number) => {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds} seconds after 1970-01-01` : date.toISOString().slice(0, 10);
};

export function verifyCard(text: string, options: VerifyOptions): CardVerification {
  try {
    return check(text, options);
  } catch (error) {
    if (error instanceof CodecError) return invalid(error.reason, error.message);
    // A decoder bug must not crash a distribution point: the card is simply not valid.
    return invalid('bad_format', `unreadable card (${(error as Error)?.message ?? 'unknown error'})`);
  }
}

function check(text: string, { trust, statusList, now = Math.floor(Date.now() / 1000) }: VerifyOptions): CardVerification {
  const decoded = decodeCardText(text);
  const key = trust.keys.get(decoded.kid);
  if (!key) return invalid('unknown_key', `no trusted key has the id ${decoded.kid}`);
  if (!key.verify(decoded.signedBytes, decoded.signature)) return invalid('bad_signature', 'the signature does not match the card');
  const claims = readCardClaims(decoded.payload);
  if (claims.issuer !== trust.issuer) return invalid('unknown_key', `issued by ${claims.issuer}, not by ${trust.issuer}`, claims);
  if (claims.issuedAt < key.notBefore || now > key.notAfter) {
    return invalid('unknown_key', 'the key that signed the card is not valid for it', claims);
  }
  if (now < claims.notBefore) return invalid('not_yet_valid', 'the card is not valid yet', claims);
  if (now >= claims.expiresAt) return invalid('expired', `the card expired on ${day(claims.expiresAt)}`, claims);
  if (!statusList || statusList.uri !== claims.status.uri) {
    return invalid('status_unavailable', 'the revocation list has not been downloaded', claims);
  }
  // An expired list might miss a recent revocation: refuse rather than accept on old news.
  if (now >= statusList.expiresAt) return invalid('status_unavailable', 'the revocation list is out of date: refresh it', claims);
  if (statusAt(statusList, claims.status.index) === REVOKED) return invalid('revoked', 'the card has been revoked', claims);
  return { valid: true, kid: decoded.kid, claims };
}
