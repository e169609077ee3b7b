import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { DomainError } from '../shared/domain-error.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import { openSession } from './session.ts';
import { clearFailedLogins, findOfficialByUsername, recordFailedLogin, setPendingTotpSecret, type OfficialRow } from './store.ts';
import { newTotpSecret, totpUri } from './totp.ts';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export type LoginOutcome =
  | { next: 'done'; token: string; csrfToken: string; demoSkippedSecondFactor: boolean }
  | { next: 'second_factor'; token: string; csrfToken: string }
  | { next: 'enrol_second_factor'; token: string; csrfToken: string; secret: string; otpauthUri: string };

export const actorOf = (o: { id: string; username: string; role: string }) => ({ id: o.id, name: o.username, role: o.role });

/**
 * First step of login. A right password opens a session that can only give the
 * second factor, unless the installation runs in demo mode and the account is a
 * demo account. Failures are audited and counted; the fifth locks the account.
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<LoginOutcome> {
  const official = await findOfficialByUsername(ctx.db, input.username.toLowerCase());
  if (!official || official.disabled_at) {
    await verifyPassword(await decoyHash(), input.password);
    await writeAudit(ctx.db, {
      actor: { id: null, name: '(unknown)', role: 'none' },
      purpose: 'authentication',
      action: 'auth.login_failed',
      outcome: 'failure',
      summary: { reason: 'unknown_user', ip: input.ip },
      requestId: input.requestId,
    });
    throw new DomainError('BAD_CREDENTIALS', 'wrong username or password');
  }
  assertNotLocked(official);
  if (!(await verifyPassword(official.password_hash, input.password))) {
    await failLogin(ctx, official, 'wrong_password', input);
    throw new DomainError('BAD_CREDENTIALS', 'wrong username or password');
  }

  const client = { ip: input.ip, userAgent: input.userAgent };
  const demoSkip = ctx.config.demo && official.demo_skips_second_factor && !official.totp_enrolled_at;
  const summary = { ip: input.ip };
  const actor = actorOf(official);
  if (demoSkip) {
    await clearFailedLogins(ctx.db, official.id);
    await writeAudit(ctx.db, { actor, purpose: 'authentication', action: 'auth.login', summary: { ...summary, second_factor: 'skipped_in_demo' }, requestId: input.requestId });
    return { next: 'done', ...(await openSession(ctx, official.id, true, client)), demoSkippedSecondFactor: true };
  }
  await writeAudit(ctx.db, { actor, purpose: 'authentication', action: 'auth.password_accepted', summary, requestId: input.requestId });
  const session = await openSession(ctx, official.id, false, client);
  if (official.totp_enrolled_at) return { next: 'second_factor', ...session };

  // Not enrolled yet: keep the pending secret across attempts so a half-finished
  // enrolment in an authenticator app stays valid.
  const context = `official.totp:${official.id}`;
  let secret = official.totp_secret_enc ? ctx.box.open(official.totp_secret_enc, context).toString() : undefined;
  if (!secret) {
    secret = newTotpSecret();
    await setPendingTotpSecret(ctx.db, official.id, ctx.box.seal(Buffer.from(secret), context));
  }
  return { next: 'enrol_second_factor', ...session, secret, otpauthUri: totpUri(secret, official.username) };
}

export function assertNotLocked(official: OfficialRow) {
  if (official.locked_until && official.locked_until > new Date()) {
    throw new DomainError('ACCOUNT_LOCKED', `too many failed attempts; try again after ${official.locked_until.toISOString()}`, {
      lockedUntil: official.locked_until.toISOString(),
    });
  }
}

export async function failLogin(
  ctx: AppContext,
  official: { id: string; username: string; role: string },
  reason: string,
  input: { ip: string | null; requestId: string },
) {
  const after = await recordFailedLogin(ctx.db, official.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
  const actor = actorOf(official);
  await writeAudit(ctx.db, {
    actor,
    purpose: 'authentication',
    action: 'auth.login_failed',
    outcome: 'failure',
    subject: { type: 'official', id: official.id },
    summary: { reason, ip: input.ip, failures: after.failed_logins },
    requestId: input.requestId,
  });
  if (after.failed_logins === LOCK_AFTER_FAILURES) {
    await writeAudit(ctx.db, {
      actor,
      purpose: 'authentication',
      action: 'auth.locked',
      outcome: 'denied',
      subject: { type: 'official', id: official.id },
      summary: { until: after.locked_until?.toISOString() },
      requestId: input.requestId,
    });
  }
}

export type { Role };
