import { Secret, TOTP } from 'otpauth';

// otpauth (MIT) implements RFC 6238 and the otpauth:// URI that authenticator apps
// scan; a hand-written HOTP is easy to get subtly wrong (truncation, drift window).
const PERIOD = 30;

const totpFor = (secretBase32: string, label: string) =>
  new TOTP({ issuer: 'amparo', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export const totpUri = (secretBase32: string, username: string) => totpFor(secretBase32, username).toString();

/** The current code; used by tests and the demo helper, never sent to a client. */
export const currentTotp = (secretBase32: string, at = Date.now()) => totpFor(secretBase32, 'x').generate({ timestamp: at });

/**
 * Accepts a code of the current step or one step either side (clock drift), and only
 * a step later than `lastStep`, so a code seen over a shoulder cannot be replayed.
 * Returns the accepted step, or null.
 */
export function acceptTotp(secretBase32: string, code: string, lastStep: number | null, at = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, 'x').validate({ token: code, timestamp: at, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(at / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
