import type { AppContext } from '../../app-context.ts';
import { writeAudit, type AuditActor } from '../../audit/write-audit.ts';
import { listPointTerminals } from '../terminals/store.ts';
import { terminalView } from '../terminals/views.ts';
import { adminPurposeOf, assertAdministrator, pointInScope, type DistributionActor } from './point-in-scope.ts';
import { currentAgents, listPoints, pointsOfAgent, programsServingPoint } from './store.ts';
import { agentView, pointView, servedProgramView } from './views.ts';

/** A page of the points in the administrator's regions (optionally under one region), by code. */
export async function readPoints(ctx: AppContext, actor: DistributionActor, query: { region?: string | undefined; after?: string | undefined; limit: number }) {
  assertAdministrator(actor);
  const rows = await listPoints(ctx.db, { scopes: actor.regionScopes, region: query.region, after: query.after, limit: query.limit });
  return {
    points: rows.map((r) => ({ ...pointView(r), agents: r.agents, terminals: r.terminals })),
    next: rows.length === query.limit ? rows[rows.length - 1]!.code : null,
  };
}

/**
 * One point with the programs it serves, its agents now and its terminals; NOT_FOUND
 * outside the administrator's regions. Audited: it names officials.
 */
export async function readPoint(ctx: AppContext, actor: DistributionActor, code: string, options: { requestId?: string } = {}) {
  assertAdministrator(actor);
  const point = await pointInScope(ctx.db, actor, code);
  await writeAudit(ctx.db, {
    actor,
    purpose: adminPurposeOf(actor),
    action: 'distribution.point_read',
    subject: { type: 'distribution_point', id: code },
    requestId: options.requestId,
  });
  const [programs, agents, terminals] = [
    await programsServingPoint(ctx.db, code),
    await currentAgents(ctx.db, code),
    await listPointTerminals(ctx.db, code),
  ];
  const now = new Date();
  return {
    point: pointView(point),
    programs: programs.map(servedProgramView),
    agents: agents.map(agentView),
    terminals: terminals.map((t) => terminalView(t, now)),
  };
}

/** The points the agent is assigned to now. */
export async function readMyPoints(ctx: AppContext, agent: AuditActor & { id: string }) {
  const rows = await pointsOfAgent(ctx.db, agent.id);
  return { points: rows.map((r) => ({ ...pointView(r), assignedAt: r.assigned_at.toISOString() })) };
}
