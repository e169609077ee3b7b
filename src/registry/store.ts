import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { HouseholdTable, PersonTable, RemovalRequestTable, RemovalStatus } from './tables.ts';

export type PersonRow = Selectable<PersonTable>;
export type HouseholdRow = Selectable<HouseholdTable>;
export type NewPerson = Insertable<PersonTable>;
export type NewHousehold = Insertable<HouseholdTable>;

export interface VersionRecord {
  version: number;
  data: Record<string, unknown>;
  reason: string;
  changedBy: string | null;
  changedByName: string;
}

/** Inserts a household and its members with their first versions; runs inside the caller's transaction. */
export async function insertHouseholdWithMembers(db: Db, household: NewHousehold, members: NewPerson[], first: Omit<VersionRecord, 'version' | 'data'>) {
  await db.insertInto('household').values(household).execute();
  if (members.length) await db.insertInto('person').values(members).execute();
  await db
    .insertInto('household_version')
    .values({
      household_id: household.id,
      version: 1,
      data: JSON.stringify(householdData(household)),
      reason: first.reason,
      changed_by: first.changedBy,
      changed_by_name: first.changedByName,
    })
    .execute();
  if (members.length) {
    await db
      .insertInto('person_version')
      .values(
        members.map((m) => ({
          person_id: m.id,
          version: 1,
          data: JSON.stringify(personData(m)),
          reason: first.reason,
          changed_by: first.changedBy,
          changed_by_name: first.changedByName,
        })),
      )
      .execute();
  }
}

/** The fields a version records: everything but derived and bookkeeping columns. */
export function personData(p: NewPerson | PersonRow): Record<string, unknown> {
  return {
    householdId: p.household_id,
    relationship: p.relationship,
    regionCode: p.region_code,
    givenNames: p.given_names,
    familyNames: p.family_names,
    sex: p.sex ?? null,
    birthDate: p.birth_date ?? null,
    birthDatePrecision: p.birth_date_precision,
    birthDateDeclared: p.birth_date_declared,
    placeOfBirth: p.place_of_birth ?? null,
    phone: p.phone ?? null,
    evidence: typeof p.evidence === 'string' ? JSON.parse(p.evidence) : p.evidence,
    attributes: typeof p.attributes === 'string' ? JSON.parse(p.attributes) : p.attributes,
    status: p.status ?? 'active',
    mergedInto: p.merged_into ?? null,
  };
}

export function householdData(h: NewHousehold | HouseholdRow): Record<string, unknown> {
  return {
    regionCode: h.region_code,
    address: typeof h.address === 'string' ? JSON.parse(h.address) : h.address,
    distributionPoint: h.distribution_point ?? null,
    status: h.status ?? 'active',
  };
}

export const findHousehold = (db: Db, id: string) => db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst();

export const findHouseholdByRef = (db: Db, ref: string) =>
  db.selectFrom('household').select(['id']).where('external_ref', '=', ref).executeTakeFirst();

export const householdMembers = (db: Db, householdId: string) =>
  db.selectFrom('person').selectAll().where('household_id', '=', householdId).orderBy('created_at').orderBy('id').execute();

export const findPerson = (db: Db, id: string) => db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();

export const personHistory = (db: Db, id: string) =>
  db.selectFrom('person_version').selectAll().where('person_id', '=', id).orderBy('version').execute();

export const householdHistory = (db: Db, id: string) =>
  db.selectFrom('household_version').selectAll().where('household_id', '=', id).orderBy('version').execute();

export async function regionIsParish(db: Db, code: string) {
  const r = await db.selectFrom('region').select('level').where('code', '=', code).executeTakeFirst();
  return r?.level === 'parish';
}

export const listParishes = (db: Db) =>
  db.selectFrom('region').select(['code', 'name']).where('level', '=', 'parish').orderBy('code').execute();

export async function countPersons(db: Db) {
  const r = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Applies a change to a person's current row and appends the new version, only if
 * the row is still at `expectedVersion` (optimistic concurrency); undefined when
 * someone else changed it first. Runs inside the caller's transaction.
 */
export async function appendPersonVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<NewPerson, 'id' | 'version'>>,
  who: Omit<VersionRecord, 'version' | 'data'>,
) {
  const updated = await db
    .updateTable('person')
    .set({ ...changes, version: expectedVersion + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!updated) return undefined;
  await db
    .insertInto('person_version')
    .values({
      person_id: id,
      version: updated.version,
      data: JSON.stringify(personData(updated)),
      reason: who.reason,
      changed_by: who.changedBy,
      changed_by_name: who.changedByName,
    })
    .execute();
  return updated;
}

export const findRemovalRequest = (db: Db, id: string) =>
  db.selectFrom('removal_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertRemovalRequest = (db: Db, row: Insertable<RemovalRequestTable>) => db.insertInto('removal_request').values(row).execute();

export const updateRemovalRequest = (db: Db, id: string, changes: Updateable<RemovalRequestTable>) =>
  db.updateTable('removal_request').set(changes).where('id', '=', id).execute();

export const openRemovalFor = (db: Db, personId: string) =>
  db.selectFrom('removal_request').select(['id', 'status']).where('person_id', '=', personId).where('status', 'in', ['pending', 'approved']).executeTakeFirst();

export const listRemovalRequests = (db: Db, status: RemovalStatus | undefined, limit: number) => {
  let q = db
    .selectFrom('removal_request')
    .innerJoin('person', 'person.id', 'removal_request.person_id')
    .select([
      'removal_request.id',
      'removal_request.person_id',
      'removal_request.reason',
      'removal_request.note',
      'removal_request.status',
      'removal_request.requested_by',
      'removal_request.requested_at',
      'removal_request.decided_at',
      'person.region_code',
      'person.given_names',
      'person.family_names',
    ])
    .orderBy('removal_request.requested_at', 'desc')
    .limit(limit);
  if (status) q = q.where('removal_request.status', '=', status);
  return q.execute();
};
