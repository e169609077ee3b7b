import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { writeAudit, type AuditActor, SYSTEM_ACTOR } from '../audit/write-audit.ts';
import { DomainError } from '../shared/domain-error.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { NATIONAL_SCOPE, type Role } from './roles.ts';
import { countAdministrators, findOfficialByUsername, insertOfficial, listOfficials, type OfficialRow } from './store.ts';

export interface NewOfficial {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  regionScopes: string[];
  programScopes: string[];
  demoSkipsSecondFactor?: boolean;
}

export const officialView = (o: OfficialRow) => ({
  id: o.id,
  username: o.username,
  displayName: o.display_name,
  role: o.role as Role,
  regionScopes: o.region_scopes,
  programScopes: o.program_scopes,
  secondFactorEnrolled: o.totp_enrolled_at !== null,
  locked: o.locked_until !== null && o.locked_until > new Date(),
  disabled: o.disabled_at !== null,
  createdAt: o.created_at.toISOString(),
});

/** Creates an account. Refuses a taken username and a weak password. */
export async function createOfficial(ctx: AppContext, actor: AuditActor, input: NewOfficial, requestId?: string) {
  const username = input.username.toLowerCase();
  assertStrongPassword(input.password, username);
  if (input.demoSkipsSecondFactor && !ctx.config.demo) {
    throw new DomainError('RULE_VIOLATION', 'only a demo installation may have accounts without a second factor');
  }
  const id = randomUUID();
  const password_hash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (tx) => {
    const created = await insertOfficial(tx, {
      id,
      username,
      display_name: input.displayName,
      role: input.role,
      region_scopes: input.regionScopes,
      program_scopes: input.programScopes,
      password_hash,
      demo_skips_second_factor: input.demoSkipsSecondFactor ?? false,
      created_by: actor.id,
    });
    if (!created) throw new DomainError('CONFLICT', `username ${username} is taken`);
    await writeAudit(tx, {
      actor,
      purpose: 'administration',
      action: 'official.created',
      subject: { type: 'official', id },
      summary: { username, role: input.role, regionScopes: input.regionScopes, programScopes: input.programScopes },
      requestId,
    });
    return officialView((await findOfficialByUsername(tx, username))!);
  });
}

export async function listOfficialsAudited(ctx: AppContext, actor: AuditActor, requestId?: string) {
  const rows = await listOfficials(ctx.db);
  await writeAudit(ctx.db, { actor, purpose: 'administration', action: 'official.listed', summary: { count: rows.length }, requestId });
  return rows.map(officialView);
}

/**
 * On an installation without an administrator, creates the administrator `admin` with the given password
 * or a random one, which is returned so the caller can print it once. Idempotent:
 * does nothing when an administrator exists.
 */
export async function bootstrapAdministrator(ctx: AppContext): Promise<{ username: string; password: string; generated: boolean } | undefined> {
  if ((await countAdministrators(ctx.db)) > 0) return undefined;
  const generated = !ctx.config.adminPassword;
  const password = ctx.config.adminPassword ?? randomBytes(15).toString('base64url');
  try {
    await createOfficial(ctx, SYSTEM_ACTOR, {
      username: 'admin',
      displayName: 'Administrator',
      role: 'administrator',
      password,
      regionScopes: [NATIONAL_SCOPE],
      programScopes: [NATIONAL_SCOPE],
    });
  } catch (e) {
    // Another process bootstrapped at the same moment.
    if (e instanceof DomainError && e.code === 'CONFLICT') return undefined;
    throw e;
  }
  await writeAudit(ctx.db, { actor: SYSTEM_ACTOR, purpose: 'system', action: 'system.bootstrap', summary: { username: 'admin', passwordGenerated: generated } });
  return { username: 'admin', password, generated };
}
