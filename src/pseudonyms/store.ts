import type { Db } from '../db/database.ts';

export async function recordPseudonyms(db: Db, rows: { sector: string; pseudonym: string; person_id: string }[]) {
  if (rows.length === 0) return;
  await db.insertInto('sector_pseudonym').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

export const findPseudonymHolder = (db: Db, sector: string, pseudonym: string) =>
  db.selectFrom('sector_pseudonym').select('person_id').where('sector', '=', sector).where('pseudonym', '=', pseudonym).executeTakeFirst();
