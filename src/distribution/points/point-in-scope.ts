import type { Purpose } from '../../audit/actions.ts';
import type { AuditActor } from '../../audit/write-audit.ts';
import { coversRegion } from '../../auth/roles.ts';
import type { Db } from '../../db/database.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import { findPoint, lockPoint, type PointRow } from './store.ts';

/** An official (or the installation itself) acting on points and terminals, with the regions they may act in. */
export interface DistributionActor extends AuditActor {
  regionScopes: readonly string[];
}

export const distributionActorOf = (official: { id: string; username: string; role: string; regionScopes: readonly string[] }): DistributionActor & { id: string } => ({
  id: official.id,
  name: official.username,
  role: official.role,
  regionScopes: official.regionScopes,
});

/** Who may manage points, agents and terminals: administrators, and the installation itself (demo seed). */
const ADMINISTRATORS = new Set(['administrator', 'system']);

export function assertAdministrator(actor: AuditActor) {
  if (!ADMINISTRATORS.has(actor.role)) throw new DomainError('FORBIDDEN', 'only an administrator may manage distribution points and terminals');
}

/** The purpose an administrator's change is recorded under. */
export const adminPurposeOf = (actor: AuditActor): Purpose => (actor.role === 'system' ? 'system' : 'administration');

/**
 * The point with this code, if the official's region scopes cover its region. "Does
 * not exist" and "outside your regions" are one answer (NOT_FOUND). With `lock`, the
 * row stays locked until the caller's transaction ends.
 */
export async function pointInScope(db: Db, actor: DistributionActor, code: string, options: { lock?: boolean } = {}): Promise<PointRow> {
  const point = options.lock ? await lockPoint(db, code) : await findPoint(db, code);
  if (!point || !coversRegion(actor.regionScopes, point.region_code)) throw notFound('distribution point');
  return point;
}
