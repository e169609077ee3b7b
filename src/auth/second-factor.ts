import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { DomainError } from '../shared/domain-error.ts';
import { actorOf, assertNotLocked, failLogin } from './login.ts';
import type { OfficialSession } from './session.ts';
import { acceptTotpStep, clearFailedLogins, completeSecondFactor, findOfficialById } from './store.ts';
import { acceptTotp } from './totp.ts';

/**
 * Second step of login: a TOTP code from the authenticator. The first accepted
 * code also completes enrolment. A wrong code counts as a failed login.
 */
export async function submitSecondFactor(
  ctx: AppContext,
  session: OfficialSession,
  code: string,
  request: { ip: string | null; requestId: string },
) {
  const official = await findOfficialById(ctx.db, session.official.id);
  if (!official?.totp_secret_enc) throw new DomainError('UNAUTHENTICATED', 'start again from the password');
  assertNotLocked(official);
  const secret = ctx.box.open(official.totp_secret_enc, `official.totp:${official.id}`).toString();
  const step = acceptTotp(secret, code.trim(), official.totp_last_step);
  const enrolling = official.totp_enrolled_at === null;
  if (step === null || !(await acceptTotpStep(ctx.db, official.id, step, enrolling))) {
    await failLogin(ctx, official, 'wrong_second_factor', request);
    throw new DomainError('BAD_SECOND_FACTOR', 'the code is wrong, expired or was already used');
  }
  await clearFailedLogins(ctx.db, official.id);
  await completeSecondFactor(ctx.db, session.tokenHash, new Date(Date.now() + ctx.config.sessionMinutes * 60_000));
  const actor = actorOf(official);
  if (enrolling) {
    await writeAudit(ctx.db, { actor, purpose: 'authentication', action: 'auth.second_factor_enrolled', subject: { type: 'official', id: official.id }, requestId: request.requestId });
  }
  await writeAudit(ctx.db, { actor, purpose: 'authentication', action: 'auth.login', summary: { ip: request.ip, second_factor: 'totp' }, requestId: request.requestId });
}
