import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { NewHousehold, NewPerson } from '../store.ts';
import { CANDIDATE_COLUMNS, householdData, personData } from '../store.ts';

// Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table.
const CHUNK = 1000;

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

/** Households, persons and their first versions, multi-row; runs inside the caller's transaction. */
export async function insertHouseholdsBulk(
  tx: Db,
  households: NewHousehold[],
  persons: NewPerson[],
  who: { reason: string; changedBy: string | null; changedByName: string },
) {
  const version = { version: 1, reason: who.reason, changed_by: who.changedBy, changed_by_name: who.changedByName };
  for (let i = 0; i < households.length; i += CHUNK) {
    const chunk = households.slice(i, i + CHUNK);
    await tx.insertInto('household').values(chunk).execute();
    await tx
      .insertInto('household_version')
      .values(chunk.map((h) => ({ household_id: h.id, data: JSON.stringify(householdData(h)), ...version })))
      .execute();
  }
  for (let i = 0; i < persons.length; i += CHUNK) {
    const chunk = persons.slice(i, i + CHUNK);
    await tx.insertInto('person').values(chunk).execute();
    await tx
      .insertInto('person_version')
      .values(chunk.map((p) => ({ person_id: p.id, data: JSON.stringify(personData(p)), ...version })))
      .execute();
  }
}

/** The key rows for the hashed keys, and the active persons they name (batch dedup). */
export async function personsUnderKeys(db: Db, keys: number[]) {
  const keyRows = await db.selectFrom('person_dedup_key').select(['key', 'person_id']).where(sql<boolean>`key = any(${sql.val(keys)}::bigint[])`).execute();
  const ids = [...new Set(keyRows.map((r) => r.person_id))];
  const persons = ids.length
    ? await db
        .selectFrom('person')
        .innerJoin('household', 'household.id', 'person.household_id')
        .select(CANDIDATE_COLUMNS)
        // One array parameter: a batch can name more persons than a statement may have parameters.
        .where(sql<boolean>`person.id = any(${sql.val(ids)}::uuid[])`)
        .where('person.status', '=', 'active')
        .execute()
    : [];
  return { keyRows, persons };
}

export async function insertDedupPairsBulk(
  tx: Db,
  pairs: { id: string; person_a: string; person_b: string; score: number; reasons: string; source: 'import' | 'batch' | 'enrolment' }[],
) {
  let inserted = 0;
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const r = await tx
      .insertInto('dedup_pair')
      .values(pairs.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['person_a', 'person_b']).doNothing())
      .returning('id')
      .execute();
    inserted += r.length;
  }
  return inserted;
}
