import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import type { Role } from './roles.ts';
import { findLiveSession, insertSession, touchSession } from './store.ts';

/** A signed-in (or half signed-in) official, as every route sees them. */
export interface OfficialSession {
  tokenHash: Buffer;
  csrfToken: string;
  secondFactorDone: boolean;
  official: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    regionScopes: string[];
    programScopes: string[];
  };
}

export const PENDING_SESSION_MINUTES = 5;
export const MAX_SESSION_HOURS = 12;
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest();

export async function openSession(
  ctx: AppContext,
  officialId: string,
  secondFactorDone: boolean,
  client: { ip: string | null; userAgent: string | null },
) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const minutes = secondFactorDone ? ctx.config.sessionMinutes : PENDING_SESSION_MINUTES;
  await insertSession(ctx.db, {
    token_hash: hashToken(token),
    official_id: officialId,
    second_factor_done: secondFactorDone,
    csrf_token: csrfToken,
    expires_at: new Date(Date.now() + minutes * 60_000),
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken };
}

/**
 * The live session for a cookie token, or undefined. A full session slides: each
 * use pushes expiry `sessionMinutes` ahead, never past MAX_SESSION_HOURS after login.
 */
export async function resolveSession(ctx: AppContext, token: string): Promise<OfficialSession | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const tokenHash = hashToken(token);
  const row = await findLiveSession(ctx.db, tokenHash);
  if (!row) return undefined;
  if (row.second_factor_done && Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    const cap = row.created_at.getTime() + MAX_SESSION_HOURS * 3_600_000;
    await touchSession(ctx.db, tokenHash, new Date(Math.min(cap, Date.now() + ctx.config.sessionMinutes * 60_000)));
  }
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    secondFactorDone: row.second_factor_done,
    official: {
      id: row.official_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role as Role,
      regionScopes: row.region_scopes,
      programScopes: row.program_scopes,
    },
  };
}
