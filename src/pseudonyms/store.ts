import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export async function recordPseudonyms(db: Db, rows: { sector: string; pseudonym: string; person_id: string }[]) {
  if (rows.length === 0) return;
  await db.insertInto('sector_pseudonym').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

/**
 * Records many pseudonyms of one sector in one statement (a cycle's batch): the holder
 * ids and pseudonyms as two parallel arrays. Those already recorded are left alone.
 */
export async function recordPseudonymsInBulk(db: Db, subject: 'person' | 'household', sector: string, holderIds: readonly string[], pseudonyms: readonly string[]) {
  if (holderIds.length === 0) return;
  const query =
    subject === 'person'
      ? sql`INSERT INTO sector_pseudonym (sector, pseudonym, person_id)
            SELECT ${sector}, p, h FROM unnest(${pseudonyms}::text[], ${holderIds}::uuid[]) AS t(p, h)
            ON CONFLICT DO NOTHING`
      : sql`INSERT INTO household_pseudonym (sector, pseudonym, household_id)
            SELECT ${sector}, p, h FROM unnest(${pseudonyms}::text[], ${holderIds}::uuid[]) AS t(p, h)
            ON CONFLICT DO NOTHING`;
  await query.execute(db);
}

export const findPseudonymHolder = (db: Db, sector: string, pseudonym: string) =>
  db.selectFrom('sector_pseudonym').select('person_id').where('sector', '=', sector).where('pseudonym', '=', pseudonym).executeTakeFirst();

export const findHouseholdPseudonymHolder = (db: Db, sector: string, pseudonym: string) =>
  db.selectFrom('household_pseudonym').select('household_id').where('sector', '=', sector).where('pseudonym', '=', pseudonym).executeTakeFirst();
