import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { adminPurposeOf, assertAdministrator, pointInScope, type DistributionActor } from '../points/point-in-scope.ts';
import { findPoint } from '../points/store.ts';
import { listPointTerminals } from './store.ts';
import type { TerminalCaller } from './verify-terminal-request.ts';
import { terminalView } from './views.ts';

/** The terminals of a point in the administrator's regions, oldest first. Audited: it names the officials who registered and revoked them. */
export async function readPointTerminals(ctx: AppContext, actor: DistributionActor, pointCode: string, options: { requestId?: string } = {}) {
  assertAdministrator(actor);
  await pointInScope(ctx.db, actor, pointCode);
  await writeAudit(ctx.db, {
    actor,
    purpose: adminPurposeOf(actor),
    action: 'distribution.point_read',
    subject: { type: 'distribution_point', id: pointCode },
    summary: { terminals: true },
    requestId: options.requestId,
  });
  const now = new Date();
  return (await listPointTerminals(ctx.db, pointCode)).map((t) => terminalView(t, now));
}

/** What a terminal learns about itself on a signed request: its name, its point and the agent at it. */
export async function readTerminalIdentity(ctx: AppContext, caller: TerminalCaller) {
  const point = (await findPoint(ctx.db, caller.pointCode))!;
  return {
    terminal: { id: caller.terminalId, label: caller.terminalLabel },
    point: { code: point.code, name: point.name, kind: point.kind, regionCode: point.region_code, status: point.status },
    agent: { id: caller.agent.id, name: caller.agent.name },
  };
}
