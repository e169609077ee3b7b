import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { coversRegion } from '../../auth/roles.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import { adminPurposeOf, assertAdministrator, pointInScope, type DistributionActor } from './point-in-scope.ts';
import { endAssignment, findOfficialForAssignment, insertAssignment } from './store.ts';

/**
 * Assigns a distribution agent to a point. The official must be an active
 * distribution_agent whose region scopes cover the point's region, and the point
 * active. Refuses, writing nothing: RULE_VIOLATION for those, CONFLICT when the agent
 * is assigned there already, NOT_FOUND for a point outside the administrator's regions
 * or an unknown official.
 */
export async function assignAgent(ctx: AppContext, actor: DistributionActor, code: string, officialId: string, options: { requestId?: string } = {}) {
  assertAdministrator(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const point = await pointInScope(tx, actor, code, { lock: true });
    if (point.status !== 'active') throw new DomainError('RULE_VIOLATION', `distribution point ${code} is closed`);
    const official = await findOfficialForAssignment(tx, officialId);
    if (!official) throw notFound('official');
    if (official.role !== 'distribution_agent') throw new DomainError('RULE_VIOLATION', `${official.username} is not a distribution agent`, { field: 'officialId' });
    if (official.disabled_at) throw new DomainError('RULE_VIOLATION', `${official.username}'s account is disabled`, { field: 'officialId' });
    if (!coversRegion(official.region_scopes, point.region_code)) {
      throw new DomainError('RULE_VIOLATION', `${official.username}'s region scopes (${official.region_scopes.join(', ') || 'none'}) do not cover region ${point.region_code}`, { field: 'officialId' });
    }
    const inserted = await insertAssignment(tx, { point_code: code, official_id: officialId, assigned_at: new Date(), assigned_by: actor.id, assigned_by_name: actor.name });
    if (!inserted) throw new DomainError('CONFLICT', `${official.username} is already assigned to ${code}`);
    await writeAudit(tx, {
      actor,
      purpose: adminPurposeOf(actor),
      action: 'distribution.agent_assigned',
      subject: { type: 'distribution_point', id: code },
      summary: { officialId, username: official.username },
      requestId: options.requestId,
    });
  });
}

/** Ends an agent's current assignment to a point (the row stays, ended). NOT_FOUND when there is none. */
export async function unassignAgent(ctx: AppContext, actor: DistributionActor, code: string, officialId: string, options: { requestId?: string } = {}) {
  assertAdministrator(actor);
  await ctx.db.transaction().execute(async (tx) => {
    await pointInScope(tx, actor, code, { lock: true });
    if (!(await endAssignment(tx, code, officialId, actor, new Date()))) throw notFound('assignment');
    await writeAudit(tx, {
      actor,
      purpose: adminPurposeOf(actor),
      action: 'distribution.agent_unassigned',
      subject: { type: 'distribution_point', id: code },
      summary: { officialId },
      requestId: options.requestId,
    });
  });
}
