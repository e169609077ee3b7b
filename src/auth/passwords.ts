import { hash, verify } from '@node-rs/argon2';
import { DomainError } from '../shared/domain-error.ts';

// OWASP's first Argon2id setting (m = 19 MiB, t = 2, p = 1): strong, and cheap
// enough that a login burst on a 2-core server does not starve other requests.
// algorithm 2 is Argon2id in @node-rs/argon2's (const, so not importable) Algorithm enum.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

/** Never throws on a malformed hash: a corrupt row is a failed login, not a 500. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this when the user does not exist keeps the timing of
// "no such user" and "wrong password" alike.
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword('amparo-decoy-password'));

const COMMON = new Set([
  'password', 'contraseña', 'contrasena', 'qwertyuiop', 'administrator', 'administrador',
  '123456789012', 'iloveyou', 'welcome', 'bienvenido', 'amparo', 'letmein', 'changeme',
]);

/**
 * Strong means long (12+), not built from the username or a well-known password, and
 * not one character repeated. Length beats composition rules (NIST SP 800-63B).
 */
export function assertStrongPassword(password: string, username: string): void {
  const lower = password.toLowerCase();
  const reasons: string[] = [];
  if ([...password].length < 12) reasons.push('it must have at least 12 characters');
  if ([...password].length > 256) reasons.push('it must have at most 256 characters');
  if (username && lower.includes(username.toLowerCase())) reasons.push('it must not contain the username');
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[^a-zñ]/g, ''))) {
    reasons.push('it is too close to a well-known password');
  }
  if (new Set(password).size < 5) reasons.push('it must use at least 5 different characters');
  if (reasons.length) throw new DomainError('RULE_VIOLATION', `weak password: ${reasons.join('; ')}`, { reasons });
}
