import type { Db } from '../db/database.ts';
import type { InstallationKeyTable } from '../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';

export type InstallationKeyRow = Selectable<InstallationKeyTable>;
export type KeyPurpose = InstallationKeyTable['purpose'];

export function findCurrentKey(db: Db, purpose: KeyPurpose) {
  return db
    .selectFrom('installation_key')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findKey(db: Db, kid: string) {
  return db.selectFrom('installation_key').selectAll().where('kid', '=', kid).executeTakeFirst();
}

export function listKeys(db: Db, purpose: KeyPurpose) {
  return db.selectFrom('installation_key').selectAll().where('purpose', '=', purpose).orderBy('created_at').execute();
}

export async function insertKey(db: Db, row: Insertable<InstallationKeyTable>) {
  // Any conflict (same kid, or another current key of the purpose made meanwhile) leaves the one already there.
  await db.insertInto('installation_key').values(row).onConflict((oc) => oc.doNothing()).execute();
}

export async function retireKey(db: Db, kid: string) {
  await db.updateTable('installation_key').set({ retired_at: new Date() }).where('kid', '=', kid).where('retired_at', 'is', null).execute();
}
