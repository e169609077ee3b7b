import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { coversRegion } from '../../auth/roles.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { adminPurposeOf, assertAdministrator, type DistributionActor } from './point-in-scope.ts';
import { findRegion, insertPoint } from './store.ts';
import type { PointKind } from './tables.ts';
import { pointView, type PointView } from './views.ts';

export interface NewPointInput {
  code: string;
  name: string;
  kind: PointKind;
  regionCode: string;
}

/**
 * An administrator registers a distribution point in a region their scopes cover.
 * Refuses, writing nothing: a region outside the scopes (FORBIDDEN), an unknown region
 * (VALIDATION_FAILED), a code already taken (CONFLICT). Point and audit entry commit together.
 */
export async function createPoint(ctx: AppContext, actor: DistributionActor, input: NewPointInput, options: { requestId?: string } = {}): Promise<PointView> {
  assertAdministrator(actor);
  if (!coversRegion(actor.regionScopes, input.regionCode)) {
    throw new DomainError('FORBIDDEN', `region ${input.regionCode} is outside your region scopes (${actor.regionScopes.join(', ') || 'none'})`);
  }
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await findRegion(tx, input.regionCode))) throw new DomainError('VALIDATION_FAILED', `unknown region ${input.regionCode}`, { field: 'regionCode' });
    const row = {
      code: input.code,
      name: input.name,
      kind: input.kind,
      region_code: input.regionCode,
      status: 'active' as const,
      created_at: new Date(),
      created_by: actor.id,
      created_by_name: actor.name,
    };
    if (!(await insertPoint(tx, row))) throw new DomainError('CONFLICT', `distribution point ${input.code} already exists`, { field: 'code' });
    await writeAudit(tx, {
      actor,
      purpose: adminPurposeOf(actor),
      action: 'distribution.point_created',
      subject: { type: 'distribution_point', id: input.code },
      summary: { kind: input.kind, regionCode: input.regionCode },
      requestId: options.requestId,
    });
    return pointView(row);
  });
}
