import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { adminPurposeOf, assertAdministrator, pointInScope, type DistributionActor } from '../points/point-in-scope.ts';
import { ENROLMENT_CODE_HOURS, enrolmentCodeHash, newEnrolmentCode } from './enrolment-code.ts';
import { findTerminal, insertTerminal } from './store.ts';
import { terminalView, type TerminalView } from './views.ts';

/**
 * An administrator registers a terminal for an active point in their regions and gets
 * its one-time enrolment code. The code is returned here and nowhere else: only its
 * SHA-256 is stored, and it expires after ENROLMENT_CODE_HOURS.
 */
export async function registerTerminal(
  ctx: AppContext,
  actor: DistributionActor,
  pointCode: string,
  input: { label: string },
  options: { requestId?: string } = {},
): Promise<{ terminal: TerminalView; enrolmentCode: string; expiresAt: string }> {
  assertAdministrator(actor);
  const enrolmentCode = newEnrolmentCode();
  return ctx.db.transaction().execute(async (tx) => {
    const point = await pointInScope(tx, actor, pointCode, { lock: true });
    if (point.status !== 'active') throw new DomainError('RULE_VIOLATION', `distribution point ${pointCode} is closed`);
    const id = randomUUID();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_HOURS * 3_600_000);
    await insertTerminal(tx, {
      id,
      point_code: pointCode,
      label: input.label,
      enrolment_code_hash: enrolmentCodeHash(enrolmentCode),
      enrolment_expires_at: expiresAt,
      registered_at: now,
      registered_by: actor.id,
      registered_by_name: actor.name,
    });
    await writeAudit(tx, {
      actor,
      purpose: adminPurposeOf(actor),
      action: 'distribution.terminal_registered',
      subject: { type: 'terminal', id },
      summary: { pointCode, label: input.label, expiresAt: expiresAt.toISOString() },
      requestId: options.requestId,
    });
    const row = (await findTerminal(tx, id))!;
    return { terminal: terminalView(row, now), enrolmentCode, expiresAt: expiresAt.toISOString() };
  });
}
