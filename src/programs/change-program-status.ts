import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { DomainError } from '../shared/domain-error.ts';
import { assertAllowed, type ProgramActor } from './program-definition.ts';
import { assertManager, programInScope, purposeOf } from './program-in-scope.ts';
import { appendProgramVersion, latestRuleVersion, ruleVersionsOf } from './store.ts';
import { programView, type ProgramView } from './views.ts';

export interface StatusChangeInput {
  expectedVersion: number;
  reason: string;
}

/**
 * Activates a draft (it becomes public, with every rule version it has) or closes an
 * active program (final: its rules stay published, nothing is in force after the
 * closing date). Each is a new program version with the reason, and an audit entry.
 * Refuses: a transition the lifecycle does not allow, activating a program without a
 * published rule (RULE_VIOLATION), a stale `expectedVersion` (CONFLICT).
 */
export async function changeProgramStatus(
  ctx: AppContext,
  actor: ProgramActor,
  code: string,
  action: 'activate' | 'close',
  input: StatusChangeInput,
  options: { requestId?: string } = {},
): Promise<ProgramView> {
  assertManager(actor);
  return ctx.db.transaction().execute(async (tx) => {
    const program = await programInScope(tx, actor, code, { lock: true });
    if (program.version !== input.expectedVersion) {
      throw new DomainError('CONFLICT', `program ${code} changed since you read it (now version ${program.version}); reload and try again`, { version: program.version });
    }
    assertAllowed(program.status, action, code);
    const rules = await latestRuleVersion(tx, program.id);
    if (action === 'activate' && rules === 0) {
      throw new DomainError('RULE_VIOLATION', `program ${code} has no published rule: publish its eligibility and quantity before activating it`);
    }
    const now = new Date();
    const updated = await appendProgramVersion(
      tx,
      program.id,
      input.expectedVersion,
      action === 'activate' ? { status: 'active', activated_at: now } : { status: 'closed', closed_at: now },
      { reason: input.reason, changedBy: actor.id, changedByName: actor.name },
    );
    if (!updated) throw new DomainError('CONFLICT', `program ${code} changed since you read it; reload and try again`);
    await writeAudit(tx, {
      actor,
      purpose: purposeOf(actor),
      action: action === 'activate' ? 'program.activated' : 'program.closed',
      subject: { type: 'program', id: program.id },
      summary: { code, version: updated.version, ruleVersions: rules, reason: input.reason },
      requestId: options.requestId,
    });
    return programView(updated, await ruleVersionsOf(tx, [program.id]));
  });
}
