import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import type { OfficialSession } from '../../auth/session.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { SIGNED_REQUEST_SKEW_MS, fromBase64url, requestSigningText } from '../protocol/terminal-protocol.ts';
import { findTerminalForRequest } from './store.ts';

/** Who is calling a `/api/terminal/*` route: the terminal that signed it and the agent whose session it carries. */
export interface TerminalCaller {
  terminalId: string;
  terminalLabel: string;
  pointCode: string;
  publicKey: Uint8Array;
  agent: { id: string; name: string; role: 'distribution_agent' };
  /** When the terminal was revoked: set only on the one route that still takes a revoked terminal's queued records (the sync). */
  revokedAt?: Date;
}

/** The parts of a request its signature covers, as they arrived. */
export interface SignedRequest {
  method: string;
  /** The path with its query, exactly as sent (Fastify's `request.url`). */
  pathWithQuery: string;
  headers: { terminalId?: string | undefined; signedAt?: string | undefined; signature?: string | undefined };
  /** The exact body bytes; undefined when there is none. */
  body: Buffer | undefined;
  /** True on the one route a revoked terminal may still call: the sync of the records it kept, so that they reach a supervisor. */
  acceptsRevoked?: boolean;
}

/** Why a signed request was refused, for the audit entry of the refusal. */
export type TerminalRefusal = 'bad_headers' | 'clock_skew' | 'unknown_terminal' | 'not_enrolled' | 'bad_signature' | 'revoked' | 'not_assigned';

export class TerminalRequestRefused extends DomainError {
  constructor(
    readonly reason: TerminalRefusal,
    readonly terminalId: string | undefined,
    error: DomainError,
  ) {
    super(error.code, error.message, error.details);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SIGNED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;
const EMPTY_SHA256 = createHash('sha256').digest('hex');

// createPublicKey costs more than the verification itself: keep the key objects of the
// terminals seen recently. Keyed by terminal id and key bytes, so a stale entry can
// never vouch for another key.
const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_SIZE = 5000;

/** A raw 32-byte Ed25519 public key as a node:crypto key (through its JWK form). */
export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new DomainError('VALIDATION_FAILED', 'an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

function cachedKey(terminalId: string, raw: Buffer): KeyObject {
  const id = `${terminalId}:${raw.toString('hex')}`;
  let key = keyCache.get(id);
  if (!key) {
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
    key = ed25519PublicKey(raw);
    keyCache.set(id, key);
  }
  return key;
}

/** Whether `signature` is `publicKey`'s Ed25519 signature of `text`. Never throws on bad input. */
export function verifyEd25519(publicKey: KeyObject, text: string | Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  return verify(null, typeof text === 'string' ? Buffer.from(text, 'utf8') : text, publicKey, signature);
}

/**
 * Checks a signed terminal request (src/distribution/README.md, "Signed terminal
 * requests"): headers, clock skew, an enrolled terminal, its signature over method,
 * path, time and body hash, not revoked (unless the route `acceptsRevoked`: then the
 * caller carries `revokedAt`), and the session's agent assigned to the terminal's
 * point now. Throws TerminalRequestRefused; reads only, writes nothing.
 */
export async function verifyTerminalRequest(ctx: AppContext, session: OfficialSession, request: SignedRequest, now = Date.now()): Promise<TerminalCaller> {
  const { terminalId, signedAt, signature } = request.headers;
  const refuse = (reason: TerminalRefusal, code: 'TERMINAL_SIGNATURE_INVALID' | 'TERMINAL_REVOKED' | 'FORBIDDEN', message: string) =>
    new TerminalRequestRefused(reason, terminalId && UUID.test(terminalId) ? terminalId : undefined, new DomainError(code, message));

  if (!terminalId || !UUID.test(terminalId) || !signedAt || !SIGNED_AT.test(signedAt) || !signature || !SIGNATURE.test(signature)) {
    throw refuse('bad_headers', 'TERMINAL_SIGNATURE_INVALID', 'a terminal request needs the amparo-terminal, amparo-signed-at and amparo-signature headers');
  }
  const time = Date.parse(signedAt);
  if (!Number.isFinite(time) || Math.abs(now - time) > SIGNED_REQUEST_SKEW_MS) {
    throw refuse('clock_skew', 'TERMINAL_SIGNATURE_INVALID', "the request's signing time is more than 5 minutes away from the server's clock: set the device's clock");
  }
  const row = await findTerminalForRequest(ctx.db, terminalId, session.official.id);
  if (!row) throw refuse('unknown_terminal', 'TERMINAL_SIGNATURE_INVALID', 'unknown terminal');
  if (!row.public_key) throw refuse('not_enrolled', 'TERMINAL_SIGNATURE_INVALID', 'the terminal is not enrolled yet');

  const bodySha256 = request.body && request.body.length > 0 ? createHash('sha256').update(request.body).digest('hex') : EMPTY_SHA256;
  const text = requestSigningText({ terminalId, method: request.method, pathWithQuery: request.pathWithQuery, signedAt, bodySha256 });
  if (!verifyEd25519(cachedKey(row.id, row.public_key), text, fromBase64url(signature))) {
    throw refuse('bad_signature', 'TERMINAL_SIGNATURE_INVALID', "the signature does not match the request and the terminal's key");
  }
  if (row.revoked_at && !request.acceptsRevoked) throw refuse('revoked', 'TERMINAL_REVOKED', 'this terminal was revoked; ask the administrator for a new one');
  if (!row.assigned_official || session.official.role !== 'distribution_agent') throw refuse('not_assigned', 'FORBIDDEN', "you are not assigned to this terminal's distribution point");

  return {
    terminalId: row.id,
    terminalLabel: row.label,
    pointCode: row.point_code,
    publicKey: new Uint8Array(row.public_key),
    agent: { id: session.official.id, name: session.official.displayName, role: 'distribution_agent' },
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
  };
}
