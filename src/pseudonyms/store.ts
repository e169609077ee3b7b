import { NATIONAL_SCOPE } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { withinRegions } from '../registry/store.ts';

/**
 * A page of the ids of persons or households (any status: an entitlement may name
 * someone since tombstoned) in the regions, in id order after `afterId`.
 */
export function idsInRegions(db: Db, table: 'person' | 'household', regionScopes: readonly string[], afterId: string | null, limit: number): Promise<{ id: string }[]> {
  let q = db.selectFrom(table).select('id').orderBy('id').limit(limit);
  if (afterId) q = q.where('id', '>', afterId);
  if (!regionScopes.includes(NATIONAL_SCOPE)) q = q.$call(withinRegions(regionScopes));
  return q.execute();
}
