import { createHmac, hkdfSync } from 'node:crypto';
import { base64url } from '../protocol/terminal-protocol.ts';

/**
 * The key a terminal's offline cache files entitlements under (the protocol's
 * `cardCacheKey`): HMAC-SHA256, under a key derived from the master key with HKDF
 * (info "terminal-cache"), of "terminal-cache:<terminal id>:<day>". One key per
 * terminal and day: two terminals never share one, and a cache copied off a device
 * cannot be matched against another device's, nor tomorrow's. 32 bytes.
 */
export function packageHashKey(masterKey: Buffer, terminalId: string, day: string): Buffer {
  const base = Buffer.from(hkdfSync('sha256', masterKey, 'amparo', 'terminal-cache', 32));
  return createHmac('sha256', base).update(`terminal-cache:${terminalId}:${day}`).digest();
}

/** `cardCacheKey` of the protocol, with node:crypto (the same bytes; tested): 22 base64url characters. */
export const nodeCardCacheKey = (hashKey: Buffer, cardNumber: string): string =>
  base64url(createHmac('sha256', hashKey).update(cardNumber).digest().subarray(0, 17)).slice(0, 22);
