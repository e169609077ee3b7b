import type { MasterKeyBox } from '../../keys/master-key-box.ts';

/**
 * The token that stands for a person an agent identified without their card (lost
 * card, an official's search with a written reason): sealed with AES-256-GCM under the
 * master key, so it is both signed and opaque (the person id never reaches the
 * terminal), bound to the point it was issued for and valid for 15 minutes. Accepted
 * by GET /api/terminal/due?token= and by a redemption record's `identificationToken`.
 */
export const IDENTIFICATION_TOKEN_MINUTES = 15;
const CONTEXT = 'distribution-identification-token-v1';

interface TokenClaims {
  personId: string;
  pointCode: string;
  expiresAt: number;
}

export function issueIdentificationToken(box: MasterKeyBox, personId: string, pointCode: string, now = Date.now()): string {
  const claims: TokenClaims = { personId, pointCode, expiresAt: now + IDENTIFICATION_TOKEN_MINUTES * 60_000 };
  return box.seal(Buffer.from(JSON.stringify(claims)), CONTEXT).toString('base64url');
}

/** The person the token stands for, when it is genuine, unexpired and issued for this point; undefined otherwise. Never throws. */
export function personOfToken(box: MasterKeyBox, token: string, pointCode: string, now = Date.now()): string | undefined {
  try {
    const claims = JSON.parse(box.open(Buffer.from(token, 'base64url'), CONTEXT).toString('utf8')) as TokenClaims;
    if (claims.pointCode !== pointCode || !(claims.expiresAt > now) || typeof claims.personId !== 'string') return undefined;
    return claims.personId;
  } catch {
    return undefined;
  }
}
