import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DistributionPointAgentTable, DistributionPointTable } from './tables.ts';

export type PointRow = Selectable<DistributionPointTable>;
export type AgentAssignmentRow = Selectable<DistributionPointAgentTable>;

export const findPoint = (db: Db, code: string) => db.selectFrom('distribution_point').selectAll().where('code', '=', code).executeTakeFirst();

export const lockPoint = (db: Db, code: string) => db.selectFrom('distribution_point').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();

/** Inserts a point; false when the code is taken. */
export async function insertPoint(db: Db, row: Insertable<DistributionPointTable>) {
  const inserted = await db.insertInto('distribution_point').values(row).onConflict((oc) => oc.column('code').doNothing()).returning('code').executeTakeFirst();
  return inserted !== undefined;
}

export const updatePoint = (db: Db, code: string, changes: Updateable<DistributionPointTable>) =>
  db.updateTable('distribution_point').set(changes).where('code', '=', code).returningAll().executeTakeFirstOrThrow();

/**
 * Points whose region lies in one of `scopes` (region codes, or `*` for all) and, when
 * given, under `region`; ordered by code, after `after`, at most `limit`, with the
 * number of current agents and of terminals that are not revoked.
 */
export async function listPoints(db: Db, filter: { scopes: readonly string[]; region?: string | undefined; after?: string | undefined; limit: number }) {
  // Region codes are [A-Z0-9-] only (src/regions/load-regions.ts): no LIKE wildcards to escape.
  const under = (region: string) => sql<boolean>`(p.region_code = ${region} OR p.region_code LIKE ${`${region}-%`})`;
  let query = db
    .selectFrom('distribution_point as p')
    .selectAll('p')
    .select((eb) => [
      eb.selectFrom('distribution_point_agent as a').select(eb.fn.countAll<string>().as('n')).whereRef('a.point_code', '=', 'p.code').where('a.ended_at', 'is', null).as('agents'),
      eb.selectFrom('terminal as t').select(eb.fn.countAll<string>().as('n')).whereRef('t.point_code', '=', 'p.code').where('t.revoked_at', 'is', null).as('terminals'),
    ]);
  if (!filter.scopes.includes('*')) {
    if (filter.scopes.length === 0) return [];
    query = query.where((eb) => eb.or(filter.scopes.map(under)));
  }
  if (filter.region) query = query.where(under(filter.region));
  if (filter.after) query = query.where('p.code', '>', filter.after);
  const rows = await query.orderBy('p.code').limit(filter.limit).execute();
  return rows.map((r) => ({ ...r, agents: Number(r.agents ?? 0), terminals: Number(r.terminals ?? 0) }));
}

/** The programs whose `distribution_points` list the point. */
export const programsServingPoint = (db: Db, code: string) =>
  db
    .selectFrom('program')
    .select(['code', 'name_es', 'name_en', 'status', 'sector'])
    .where(sql<boolean>`distribution_points @> ARRAY[${code}]::text[]`)
    .orderBy('code')
    .execute();

/** The agents assigned to a point now, with their accounts. */
export const currentAgents = (db: Db, pointCode: string) =>
  db
    .selectFrom('distribution_point_agent as a')
    .innerJoin('official as o', 'o.id', 'a.official_id')
    .select(['a.official_id', 'o.username', 'o.display_name', 'o.disabled_at', 'a.assigned_at', 'a.assigned_by_name'])
    .where('a.point_code', '=', pointCode)
    .where('a.ended_at', 'is', null)
    .orderBy('o.display_name')
    .execute();

/** The points an official is assigned to now. */
export const pointsOfAgent = (db: Db, officialId: string) =>
  db
    .selectFrom('distribution_point_agent as a')
    .innerJoin('distribution_point as p', 'p.code', 'a.point_code')
    .selectAll('p')
    .select('a.assigned_at')
    .where('a.official_id', '=', officialId)
    .where('a.ended_at', 'is', null)
    .orderBy('p.code')
    .execute();

export const findCurrentAssignment = (db: Db, pointCode: string, officialId: string) =>
  db
    .selectFrom('distribution_point_agent')
    .selectAll()
    .where('point_code', '=', pointCode)
    .where('official_id', '=', officialId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();

/** Assigns an agent; false when they are assigned to the point already (the partial unique index decides). */
export async function insertAssignment(db: Db, row: Insertable<DistributionPointAgentTable>) {
  const inserted = await db
    .insertInto('distribution_point_agent')
    .values(row)
    .onConflict((oc) => oc.columns(['point_code', 'official_id']).where('ended_at', 'is', null).doNothing())
    .returning('point_code')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Ends the current assignment; false when there was none. The row stays. */
export async function endAssignment(db: Db, pointCode: string, officialId: string, by: { id: string | null; name: string }, at: Date) {
  const r = await db
    .updateTable('distribution_point_agent')
    .set({ ended_at: at, ended_by: by.id, ended_by_name: by.name })
    .where('point_code', '=', pointCode)
    .where('official_id', '=', officialId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export const findOfficialForAssignment = (db: Db, id: string) =>
  db.selectFrom('official').select(['id', 'username', 'display_name', 'role', 'region_scopes', 'disabled_at']).where('id', '=', id).executeTakeFirst();

export const findRegion = (db: Db, code: string) => db.selectFrom('region').select(['code', 'level']).where('code', '=', code).executeTakeFirst();

export const listMunicipalities = (db: Db) => db.selectFrom('region').select(['code', 'name']).where('level', '=', 'municipality').orderBy('code').execute();

export const findOfficialIdByUsername = async (db: Db, username: string) =>
  (await db.selectFrom('official').select('id').where('username', '=', username).executeTakeFirst())?.id;
