import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DedupPairStatus, DedupPairTable, HouseholdRemovalRequestTable, HouseholdTable, PersonTable, RemovalRequestTable, RemovalStatus } from './tables.ts';

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

/** A member as a household version records it: who, and how related to the head. */
export interface Membership {
  personId: string;
  relationship: PersonRow['relationship'];
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
      data: JSON.stringify(householdData(household, members.map((m) => ({ personId: m.id, relationship: m.relationship })))),
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

/**
 * The fields a household version records. With `members`, also who belongs to it and
 * how (in person id order, so that two versions compare field by field); imports
 * write their first versions without.
 */
export function householdData(h: NewHousehold | HouseholdRow, members?: readonly Membership[]): Record<string, unknown> {
  return {
    regionCode: h.region_code,
    address: typeof h.address === 'string' ? JSON.parse(h.address) : h.address,
    distributionPoint: h.distribution_point ?? null,
    status: h.status ?? 'active',
    ...(members ? { members: [...members].sort((a, b) => a.personId.localeCompare(b.personId)).map((m) => ({ personId: m.personId, relationship: m.relationship })) } : {}),
  };
}

export const findHousehold = (db: Db, id: string) => db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst();

export const findHouseholdByRef = (db: Db, ref: string) =>
  db.selectFrom('household').select(['id']).where('external_ref', '=', ref).executeTakeFirst();

export const householdMembers = (db: Db, householdId: string) =>
  db.selectFrom('person').selectAll().where('household_id', '=', householdId).orderBy('created_at').orderBy('id').execute();

export const findPerson = (db: Db, id: string) => db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();

/** The holder of a card, valid or not: a registrar finds a person from an old or lost card too. */
export const findPersonByCard = (db: Db, cardNumber: string) =>
  db.selectFrom('person').innerJoin('card', 'card.person_id', 'person.id').selectAll('person').where('card.card_number', '=', cardNumber).executeTakeFirst();

export const personHistory = (db: Db, id: string) =>
  db.selectFrom('person_version').selectAll().where('person_id', '=', id).orderBy('version').execute();

/** Who belongs to a household now, whatever their status: what its next version records. */
export const householdMembership = (db: Db, householdId: string): Promise<Membership[]> =>
  db
    .selectFrom('person')
    .select(['id as personId', 'relationship'])
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();

/**
 * Applies a change to a household's current row and appends the new version with its
 * membership as it is now in the transaction, only if the row is still at
 * `expectedVersion`; undefined when someone else changed it first. Runs inside the
 * caller's transaction, after the members' own changes.
 */
export async function appendHouseholdVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: Updateable<HouseholdTable>,
  who: Omit<VersionRecord, 'version' | 'data'>,
) {
  const updated = await db
    .updateTable('household')
    .set({ ...changes, version: expectedVersion + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!updated) return undefined;
  await db
    .insertInto('household_version')
    .values({
      household_id: id,
      version: updated.version,
      data: JSON.stringify(householdData(updated, await householdMembership(db, id))),
      reason: who.reason,
      changed_by: who.changedBy,
      changed_by_name: who.changedByName,
    })
    .execute();
  return updated;
}

/** Inserts one more member of an existing household, with its first version; runs inside the caller's transaction. */
export async function insertMember(db: Db, member: NewPerson, first: Omit<VersionRecord, 'version' | 'data'>) {
  await db.insertInto('person').values(member).execute();
  await db
    .insertInto('person_version')
    .values({ person_id: member.id, version: 1, data: JSON.stringify(personData(member)), reason: first.reason, changed_by: first.changedBy, changed_by_name: first.changedByName })
    .execute();
}

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
      'person.household_id',
      'person.given_names',
      'person.family_names',
    ])
    .orderBy('removal_request.requested_at', 'desc')
    .limit(limit);
  if (status) q = q.where('removal_request.status', '=', status);
  return q.execute();
};

export const findHouseholdRemovalRequest = (db: Db, id: string) =>
  db.selectFrom('household_removal_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertHouseholdRemovalRequest = (db: Db, row: Insertable<HouseholdRemovalRequestTable>) => db.insertInto('household_removal_request').values(row).execute();

export const updateHouseholdRemovalRequest = (db: Db, id: string, changes: Updateable<HouseholdRemovalRequestTable>) =>
  db.updateTable('household_removal_request').set(changes).where('id', '=', id).execute();

export const openHouseholdRemovalFor = (db: Db, householdId: string) =>
  db
    .selectFrom('household_removal_request')
    .select(['id', 'status'])
    .where('household_id', '=', householdId)
    .where('status', 'in', ['pending', 'approved'])
    .executeTakeFirst();

/** Household removal requests, newest first, named by the household's head (whatever the head's status). */
export const listHouseholdRemovalRequests = (db: Db, status: RemovalStatus | undefined, limit: number) => {
  let q = db
    .selectFrom('household_removal_request')
    .innerJoin('household', 'household.id', 'household_removal_request.household_id')
    .leftJoin('person', (join) => join.onRef('person.household_id', '=', 'household.id').on('person.relationship', '=', 'head'))
    .select([
      'household_removal_request.id',
      'household_removal_request.household_id',
      'household_removal_request.reason',
      'household_removal_request.note',
      'household_removal_request.status',
      'household_removal_request.requested_by',
      'household_removal_request.requested_at',
      'household.region_code',
      'person.id as head_id',
      'person.given_names',
      'person.family_names',
    ])
    .orderBy('household_removal_request.requested_at', 'desc')
    .limit(limit);
  if (status) q = q.where('household_removal_request.status', '=', status);
  return q.execute();
};

export async function insertPhoto(db: Db, personId: string, contentType: 'image/webp' | 'image/jpeg' | 'image/png', image: Buffer, takenBy: string | null) {
  const last = await db.selectFrom('person_photo').select((eb) => eb.fn.max('version').as('v')).where('person_id', '=', personId).executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db.insertInto('person_photo').values({ person_id: personId, version, content_type: contentType, image, taken_by: takenBy }).execute();
  return version;
}

export const latestPhoto = (db: Db, personId: string) =>
  db.selectFrom('person_photo').selectAll().where('person_id', '=', personId).orderBy('version', 'desc').limit(1).executeTakeFirst();

export async function insertDedupPair(
  db: Db,
  pair: { id: string; a: string; b: string; score: number; reasons: unknown; source: 'enrolment' | 'import' | 'batch'; status?: 'pending' | 'different' | 'same'; decidedBy?: string | null; note?: string | null },
) {
  const [first, second] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
  const decided = pair.status && pair.status !== 'pending';
  const r = await db
    .insertInto('dedup_pair')
    .values({
      id: pair.id,
      person_a: first,
      person_b: second,
      score: pair.score,
      reasons: JSON.stringify(pair.reasons),
      source: pair.source,
      status: pair.status ?? 'pending',
      decided_by: decided ? (pair.decidedBy ?? null) : null,
      decided_at: decided ? new Date() : null,
      note: pair.note ?? null,
    })
    .onConflict((oc) => oc.columns(['person_a', 'person_b']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export const findDedupPair = (db: Db, id: string) => db.selectFrom('dedup_pair').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const updateDedupPair = (db: Db, id: string, changes: Updateable<DedupPairTable>) =>
  db.updateTable('dedup_pair').set(changes).where('id', '=', id).execute();

export const listDedupPairs = (db: Db, status: DedupPairStatus | undefined, limit: number) => {
  let q = db.selectFrom('dedup_pair').selectAll().orderBy('score', 'desc').orderBy('created_at').limit(limit);
  if (status) q = q.where('status', '=', status);
  return q.execute();
};

export const findPersons = (db: Db, ids: string[]) =>
  ids.length ? db.selectFrom('person').selectAll().where('id', 'in', ids).execute() : Promise.resolve([] as PersonRow[]);

/**
 * Persons whose name keys contain all of `allOf` and who have any of the hashed
 * blocking keys `anyOf`, filtered by date and region: the first `limit` in id order,
 * so that the same search over the same data always sees the same persons (search
 * pages are cut from that window).
 */
export function searchByKeys(
  db: Db,
  f: { allOf: string[]; anyOf: number[]; birthDate?: string | undefined; birthYear?: number | undefined; regionCode?: string | undefined; scopes: string[] | null; limit: number },
) {
  let q = db.selectFrom('person').selectAll().orderBy('id').limit(f.limit);
  if (f.allOf.length) q = q.where(sql<boolean>`dedup_keys @> ${sql.val(f.allOf)}::text[]`);
  if (f.anyOf.length) q = q.where('id', 'in', (eb) => eb.selectFrom('person_dedup_key').select('person_id').where(sql<boolean>`key = any(${sql.val(f.anyOf)}::bigint[])`));
  if (f.birthDate) q = q.where('birth_date', '=', f.birthDate);
  if (f.birthYear) q = q.where(sql<boolean>`extract(year from birth_date) = ${f.birthYear}`);
  if (f.regionCode) q = q.$call(withinRegions([f.regionCode]));
  if (f.scopes) q = q.$call(withinRegions(f.scopes));
  return q.execute();
}

/** Rows whose region_code is one of the codes or below one of them (codes are hierarchical). */
export const withinRegions =
  (codes: readonly string[]) =>
  <Q extends { where: (...args: any[]) => any }>(q: Q): Q =>
    q.where((eb: any) => eb.or(codes.flatMap((c) => [eb('region_code', '=', c), eb('region_code', 'like', `${c.replace(/[%_]/g, '')}-%`)])));

/** What the duplicate scorer needs of a stored person. */
export const CANDIDATE_COLUMNS = [
  'person.id',
  'person.household_id',
  'person.given_names',
  'person.family_names',
  'person.sex',
  'person.birth_date',
  'person.birth_date_precision',
  'person.birth_date_declared',
  'person.region_code',
  'person.status',
  'person.evidence',
  'household.address',
] as const;

/** Active persons (with their household's address) stored under any of the hashed blocking keys. */
export function fetchByKeys(db: Db, keys: number[], limit: number) {
  return db
    .selectFrom('person')
    .innerJoin('household', 'household.id', 'person.household_id')
    .select(CANDIDATE_COLUMNS)
    .where('person.id', 'in', (eb) => eb.selectFrom('person_dedup_key').select('person_id').where(sql<boolean>`key = any(${sql.val(keys)}::bigint[])`))
    .where('person.status', '=', 'active')
    .limit(limit)
    .execute();
}

/** Replaces a person's blocking-key rows (derived data: no history). Runs inside the caller's transaction. */
export async function replaceBlockingKeys(db: Db, personId: string, rows: { key: number; person_id: string }[]) {
  await db.deleteFrom('person_dedup_key').where('person_id', '=', personId).execute();
  await insertBlockingKeys(db, rows);
}

export async function insertBlockingKeys(db: Db, rows: { key: number; person_id: string }[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    await db.insertInto('person_dedup_key').values(rows.slice(i, i + 5000)).onConflict((oc) => oc.doNothing()).execute();
  }
}

/** Active persons after `afterId` in id order, with their household's address: a page of a registry-wide pass. */
export const activePersonsPage = (db: Db, afterId: string, limit: number) =>
  db
    .selectFrom('person')
    .innerJoin('household', 'household.id', 'person.household_id')
    .selectAll('person')
    .select('household.address')
    .where('person.status', '=', 'active')
    .where('person.id', '>', afterId || '00000000-0000-0000-0000-000000000000')
    .orderBy('person.id')
    .limit(limit)
    .execute();
