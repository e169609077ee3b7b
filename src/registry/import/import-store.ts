import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { NewHousehold, NewPerson } from '../store.ts';

/*
 * The import's SQL is set-based: one statement per table per batch, whatever the
 * batch's size. Rows travel as one JSON document (`json_to_recordset`) or as arrays
 * (`unnest`), each a single parameter, so a statement never nears PostgreSQL's 65,535
 * parameters, and the same SQL runs on PGlite and on PostgreSQL.
 */

/**
 * An array parameter for numbers or uuids, values that need no quoting, written as one
 * PostgreSQL array literal: the drivers would otherwise escape a batch's hundreds of
 * thousands of elements one by one. Cast it in the SQL (`::bigint[]`, `::uuid[]`).
 */
const arrayLiteral = (values: readonly (number | string)[]) => `{${values.join(',')}}`;

export async function existingRefs(db: Db, refs: string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db.selectFrom('household').select('external_ref').where(sql<boolean>`external_ref = any(${sql.val(refs)}::text[])`).execute();
  return new Set(rows.map((r) => r.external_ref!));
}

export async function activePersonIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('person').select('id').where(sql<boolean>`id = any(${sql.val(ids)}::uuid[])`).where('status', '=', 'active').execute();
  return new Set(rows.map((r) => r.id));
}

export async function personIdsByRefs(db: Db, refs: string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'external_ref']).where(sql<boolean>`external_ref = any(${sql.val(refs)}::text[])`).execute();
  return new Map(rows.map((r) => [r.external_ref!, r.id]));
}

export async function parishCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('region').select('code').where('level', '=', 'parish').execute();
  return new Set(rows.map((r) => r.code));
}

/** Who wrote a batch's first versions. */
export interface FirstVersionBy {
  reason: string;
  changedBy: string | null;
  changedByName: string;
}

/**
 * Households and their first versions, two statements for the whole batch; `data[i]`
 * is what the version of `households[i]` records. Runs inside the caller's transaction.
 */
export async function insertHouseholdsSet(tx: Db, households: NewHousehold[], data: Record<string, unknown>[], by: FirstVersionBy) {
  if (households.length === 0) return;
  await sql`
    insert into household (id, region_code, address, distribution_point, version, external_ref)
    select x.id, x.region_code, x.address::jsonb, x.distribution_point, x.version, x.external_ref
    from json_to_recordset(${JSON.stringify(households)}::json)
      as x(id uuid, region_code text, address text, distribution_point text, version integer, external_ref text)`.execute(tx);
  await insertVersions(tx, 'household_version', 'household_id', households.map((h) => h.id), data, by);
}

/**
 * Persons and their first versions, two statements for the whole batch; `data[i]` is
 * what the version of `persons[i]` records. Runs inside the caller's transaction.
 */
export async function insertPersonsSet(tx: Db, persons: NewPerson[], data: Record<string, unknown>[], by: FirstVersionBy) {
  if (persons.length === 0) return;
  await sql`
    insert into person (id, household_id, relationship, region_code, given_names, family_names, sex, birth_date, birth_date_precision,
      birth_date_declared, place_of_birth, phone, evidence, attributes, version, dedup_keys, external_ref)
    select x.id, x.household_id, x.relationship, x.region_code, x.given_names, x.family_names, x.sex, x.birth_date, x.birth_date_precision,
      x.birth_date_declared, x.place_of_birth, x.phone, x.evidence::jsonb, x.attributes::jsonb, x.version, coalesce(x.dedup_keys, '{}'), x.external_ref
    from json_to_recordset(${JSON.stringify(persons)}::json)
      as x(id uuid, household_id uuid, relationship text, region_code text, given_names text, family_names text, sex text, birth_date date,
        birth_date_precision text, birth_date_declared boolean, place_of_birth text, phone text, evidence text, attributes text, version integer,
        dedup_keys text[], external_ref text)`.execute(tx);
  await insertVersions(tx, 'person_version', 'person_id', persons.map((p) => p.id), data, by);
}

async function insertVersions(tx: Db, table: 'household_version' | 'person_version', key: 'household_id' | 'person_id', ids: string[], data: Record<string, unknown>[], by: FirstVersionBy) {
  await sql`
    insert into ${sql.table(table)} (${sql.ref(key)}, version, data, reason, changed_by, changed_by_name)
    select x.id, 1, x.data, ${by.reason}, ${by.changedBy}::uuid, ${by.changedByName}
    from json_to_recordset(${JSON.stringify(ids.map((id, i) => ({ id, data: data[i] })))}::json) as x(id uuid, data jsonb)`.execute(tx);
}

/**
 * Blocking-key rows of new persons, one statement: `keys[i]` belongs to `personIds[i]`.
 * Plain INSERT: a new person's keys are distinct (the caller removes repeats), so
 * there is no conflict to look for. In key order, so that consecutive rows land on
 * neighbouring pages of the primary key (hashes are random: unsorted, every row lands
 * on a page of its own). Runs inside the caller's transaction.
 */
export async function insertBlockingKeysSet(tx: Db, keys: number[], personIds: string[]) {
  if (keys.length === 0) return;
  await sql`
    insert into person_dedup_key (key, person_id)
    select * from unnest(${arrayLiteral(keys)}::bigint[], ${arrayLiteral(personIds)}::uuid[]) as k(key, person_id)
    order by k.key`.execute(tx);
}

/** What the duplicate scorer needs of a stored person (CANDIDATE_COLUMNS), with the key that found them. */
export interface KeyedCandidate {
  key: number;
  id: string;
  household_id: string;
  given_names: string;
  family_names: string;
  sex: 'F' | 'M' | 'X' | null;
  birth_date: string | null;
  birth_date_precision: 'day' | 'year';
  birth_date_declared: boolean;
  region_code: string;
  status: 'active' | 'tombstoned' | 'merged';
  evidence: unknown;
  address: unknown;
}

/**
 * The active persons stored under any of the hashed keys, with the key that found
 * them (a person found by two keys comes twice), in one statement: what a batch's
 * duplicate search compares against.
 *
 * The plan is held to index probes whatever the registry's size: the key index for the
 * keys (most of a batch's hundred thousand are absent), then the person and household by
 * primary key for each hit — a LATERAL subquery with OFFSET 0 is never flattened into a
 * join, nor is a scalar subquery. Left to itself, the planner (whose default costs
 * assume spinning disks) judges reading all of person_dedup_key, person and household
 * cheaper than that many probes once the array is large: it is not, and reading grows
 * with the registry while probing does not. Hence `enable_seqscan = off`, set for this
 * statement's transaction only. Opens that transaction itself: not for use inside one.
 */
export async function personsByKeys(db: Db, keys: number[]): Promise<KeyedCandidate[]> {
  if (keys.length === 0) return [];
  return db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    const { rows } = await sql<KeyedCandidate>`
      select k.key, c.*
      from person_dedup_key k
      cross join lateral (
        select p.id, p.household_id, p.given_names, p.family_names, p.sex, p.birth_date, p.birth_date_precision,
          p.birth_date_declared, p.region_code, p.status, p.evidence,
          (select h.address from household h where h.id = p.household_id) as address
        from person p
        where p.id = k.person_id and p.status = 'active'
        offset 0
      ) c
      where k.key = any(${arrayLiteral(keys)}::bigint[])`.execute(tx);
    return rows;
  });
}

/** The key rows for the hashed keys, and the active persons they name (batch dedup). */
export async function personsUnderKeys(db: Db, keys: number[]) {
  const rows = await personsByKeys(db, keys);
  const persons = new Map<string, KeyedCandidate>();
  for (const row of rows) persons.set(row.id, row);
  return { keyRows: rows.map((r) => ({ key: r.key, person_id: r.id })), persons: [...persons.values()] };
}

export type NewDedupPair = { id: string; person_a: string; person_b: string; score: number; reasons: string; source: 'import' | 'batch' | 'enrolment' };

/** Pairs for the review queue, one statement; a pair already queued is left as it is. Returns how many were new. */
export async function insertDedupPairsBulk(tx: Db, pairs: NewDedupPair[]) {
  if (pairs.length === 0) return 0;
  const r = await sql<{ id: string }>`
    insert into dedup_pair (id, person_a, person_b, score, reasons, source)
    select x.id, x.person_a, x.person_b, x.score, x.reasons::jsonb, x.source
    from json_to_recordset(${JSON.stringify(pairs)}::json) as x(id uuid, person_a uuid, person_b uuid, score real, reasons text, source text)
    on conflict (person_a, person_b) do nothing
    returning id`.execute(tx);
  return r.rows.length;
}
