import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { OfficialTable } from '../db/schema.ts';

export type OfficialRow = Selectable<OfficialTable>;

export const findOfficialByUsername = (db: Db, username: string) =>
  db.selectFrom('official').selectAll().where('username', '=', username).executeTakeFirst();

export const findOfficialById = (db: Db, id: string) =>
  db.selectFrom('official').selectAll().where('id', '=', id).executeTakeFirst();

export const listOfficials = (db: Db) => db.selectFrom('official').selectAll().orderBy('username').execute();

export const countAdministrators = async (db: Db) =>
  Number(
    (await db.selectFrom('official').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'administrator').executeTakeFirstOrThrow()).n,
  );

export async function insertOfficial(db: Db, row: Insertable<OfficialTable>) {
  const inserted = await db
    .insertInto('official')
    .values(row)
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function recordFailedLogin(db: Db, id: string, lockAfter: number, lockMinutes: number) {
  return db
    .updateTable('official')
    .set((eb) => ({
      failed_logins: eb('failed_logins', '+', 1),
      locked_until: eb
        .case()
        .when('failed_logins', '>=', lockAfter - 1)
        .then(new Date(Date.now() + lockMinutes * 60_000))
        .else(eb.ref('locked_until'))
        .end(),
    }))
    .where('id', '=', id)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
}

export const clearFailedLogins = (db: Db, id: string) =>
  db.updateTable('official').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();

export const setPendingTotpSecret = (db: Db, id: string, sealed: Buffer) =>
  db.updateTable('official').set({ totp_secret_enc: sealed }).where('id', '=', id).where('totp_enrolled_at', 'is', null).execute();

/** Records the accepted step; refuses (returns false) when a concurrent login used the same or a later one. */
export async function acceptTotpStep(db: Db, id: string, step: number, enrol: boolean) {
  const r = await db
    .updateTable('official')
    .set({ totp_last_step: step, ...(enrol ? { totp_enrolled_at: new Date() } : {}) })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export const insertSession = (
  db: Db,
  row: { token_hash: Buffer; official_id: string; second_factor_done: boolean; csrf_token: string; expires_at: Date; ip: string | null; user_agent: string | null },
) => db.insertInto('session').values(row).execute();

export const findLiveSession = (db: Db, tokenHash: Buffer) =>
  db
    .selectFrom('session')
    .innerJoin('official', 'official.id', 'session.official_id')
    .select([
      'session.token_hash',
      'session.second_factor_done',
      'session.csrf_token',
      'session.created_at',
      'session.last_seen_at',
      'session.expires_at',
      'official.id as official_id',
      'official.username',
      'official.display_name',
      'official.role',
      'official.region_scopes',
      'official.program_scopes',
      'official.totp_enrolled_at',
      'official.demo_skips_second_factor',
    ])
    .where('session.token_hash', '=', tokenHash)
    .where('session.ended_at', 'is', null)
    .where('session.expires_at', '>', new Date())
    .where('official.disabled_at', 'is', null)
    .executeTakeFirst();

export const touchSession = (db: Db, tokenHash: Buffer, expiresAt: Date) =>
  db.updateTable('session').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();

export const completeSecondFactor = (db: Db, tokenHash: Buffer, expiresAt: Date) =>
  db.updateTable('session').set({ second_factor_done: true, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();

export const endSession = (db: Db, tokenHash: Buffer) =>
  db.updateTable('session').set({ ended_at: new Date() }).where('token_hash', '=', tokenHash).where('ended_at', 'is', null).execute();
