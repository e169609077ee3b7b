import type { Db } from '../db/database.ts';
import type { RegionTable } from '../db/schema.ts';

export async function upsertRegions(db: Db, rows: RegionTable[]) {
  if (rows.length === 0) return;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insertInto('region')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
        .execute();
    }
  });
}

export const listRegions = (db: Db) => db.selectFrom('region').selectAll().orderBy('code').execute();
