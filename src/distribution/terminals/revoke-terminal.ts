import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import { adminPurposeOf, assertAdministrator, pointInScope, type DistributionActor } from '../points/point-in-scope.ts';
import { findTerminal, revokeTerminalRow } from './store.ts';
import { terminalView, type TerminalView } from './views.ts';

/**
 * Revokes a terminal, with the reason, for good: from the next request on, everything
 * it sends is refused (TERMINAL_REVOKED), and an unused enrolment code dies with it.
 * NOT_FOUND outside the administrator's regions; CONFLICT when already revoked.
 */
export async function revokeTerminal(ctx: AppContext, actor: DistributionActor, id: string, input: { reason: string }, options: { requestId?: string } = {}): Promise<TerminalView> {
  assertAdministrator(actor);
  return ctx.db.transaction().execute(async (tx) => {
    const terminal = await findTerminal(tx, id);
    if (!terminal) throw notFound('terminal');
    await pointInScope(tx, actor, terminal.point_code);
    if (!(await revokeTerminalRow(tx, id, actor, input.reason, new Date()))) throw new DomainError('CONFLICT', 'the terminal is already revoked');
    await writeAudit(tx, {
      actor,
      purpose: adminPurposeOf(actor),
      action: 'distribution.terminal_revoked',
      subject: { type: 'terminal', id },
      summary: { pointCode: terminal.point_code, reason: input.reason },
      requestId: options.requestId,
    });
    return terminalView((await findTerminal(tx, id))!);
  });
}
