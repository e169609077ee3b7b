/**
 * Encryption at rest of what the terminal keeps in the browser (the point's package,
 * the queue of signed records): one random AES-GCM cache key, stored only wrapped with
 * a key derived from the agent's password (PBKDF2-SHA-256, random salt). The unwrapped
 * key lives in memory only; typing the password again unwraps it (offline unlock).
 * WebCrypto only: runs in the browser and in Node 20 (its tests). Pure.
 */
import { base64url, fromBase64url, utf8 } from '../../../src/distribution/protocol/terminal-protocol.ts';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; a cheap phone unwraps in about a second. */
export const PBKDF2_ITERATIONS = 310_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

/** The cache key wrapped for one agent: everything needed to unwrap it, except the password. */
export interface WrappedKey {
  agentId: string;
  /** base64url */
  salt: string;
  iterations: number;
  /** base64url */
  iv: string;
  /** base64url: AES-GCM of the raw key, bound to the agent id. */
  wrapped: string;
}

/** A value sealed with the cache key. `label` is bound to it, so one sealed value cannot stand in for another. */
export interface Sealed {
  iv: string;
  data: string;
}

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** A fresh cache key. Extractable only so that it can be wrapped for another agent; it is never stored bare. */
export const newCacheKey = (): Promise<CryptoKey> =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']) as Promise<CryptoKey>;

async function passwordKey(password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(password) as BufferSource, 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

export async function wrapCacheKey(key: CryptoKey, password: string, agentId: string, iterations = PBKDF2_ITERATIONS): Promise<WrappedKey> {
  const salt = random(SALT_BYTES);
  const iv = random(IV_BYTES);
  const wrapping = await passwordKey(password, salt, iterations);
  const wrapped = new Uint8Array(
    await crypto.subtle.wrapKey('raw', key, wrapping, { name: 'AES-GCM', iv: iv as BufferSource, additionalData: utf8(agentId) as BufferSource }),
  );
  return { agentId, salt: base64url(salt), iterations, iv: base64url(iv), wrapped: base64url(wrapped) };
}

/** The cache key, or undefined when the password (or the agent) is not the one it was wrapped for. */
export async function unwrapCacheKey(wrapped: WrappedKey, password: string): Promise<CryptoKey | undefined> {
  const wrapping = await passwordKey(password, fromBase64url(wrapped.salt), wrapped.iterations);
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      fromBase64url(wrapped.wrapped) as BufferSource,
      wrapping,
      { name: 'AES-GCM', iv: fromBase64url(wrapped.iv) as BufferSource, additionalData: utf8(wrapped.agentId) as BufferSource },
      { name: 'AES-GCM', length: 256 },
      true,
      ['encrypt', 'decrypt'],
    );
  } catch {
    return undefined; // the GCM tag did not check: wrong password
  }
}

export async function seal(key: CryptoKey, label: string, value: unknown): Promise<Sealed> {
  const iv = random(IV_BYTES);
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: utf8(label) as BufferSource }, key, utf8(JSON.stringify(value)) as BufferSource),
  );
  return { iv: base64url(iv), data: base64url(data) };
}

/** The value sealed under `label`; throws when the key or the label is not the one it was sealed with, or the data was changed. */
export async function open<T>(key: CryptoKey, label: string, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64url(sealed.iv) as BufferSource, additionalData: utf8(label) as BufferSource },
    key,
    fromBase64url(sealed.data) as BufferSource,
  );
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
