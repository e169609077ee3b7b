import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { adminPurposeOf, assertAdministrator, pointInScope, type DistributionActor } from './point-in-scope.ts';
import { updatePoint } from './store.ts';
import type { PointStatus } from './tables.ts';
import { pointView, type PointView } from './views.ts';

/**
 * Renames a point, or closes or reopens it. A closed point keeps its agents, terminals
 * and history (nothing is deleted) but takes no new agents, terminals or enrolments.
 * A change that changes nothing is refused (CONFLICT) rather than audited.
 */
export async function changePoint(
  ctx: AppContext,
  actor: DistributionActor,
  code: string,
  changes: { name?: string | undefined; status?: PointStatus | undefined },
  options: { requestId?: string } = {},
): Promise<PointView> {
  assertAdministrator(actor);
  return ctx.db.transaction().execute(async (tx) => {
    const point = await pointInScope(tx, actor, code, { lock: true });
    const set: { name?: string; status?: PointStatus } = {};
    if (changes.name !== undefined && changes.name !== point.name) set.name = changes.name;
    if (changes.status !== undefined && changes.status !== point.status) set.status = changes.status;
    const fields = Object.keys(set);
    if (fields.length === 0) throw new DomainError('CONFLICT', 'the point already has that name and status');
    const updated = await updatePoint(tx, code, set);
    await writeAudit(tx, {
      actor,
      purpose: adminPurposeOf(actor),
      action: 'distribution.point_changed',
      subject: { type: 'distribution_point', id: code },
      summary: { fields, ...(set.status ? { status: set.status } : {}) },
      requestId: options.requestId,
    });
    return pointView(updated);
  });
}
