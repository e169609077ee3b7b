import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { TerminalTable } from './tables.ts';

export type TerminalRow = Selectable<TerminalTable>;

/**
 * What the check of a signed request needs, in one round trip: the terminal, its
 * point, and whether `officialId` holds a current assignment at that point.
 */
export const findTerminalForRequest = (db: Db, terminalId: string, officialId: string) =>
  db
    .selectFrom('terminal as t')
    .innerJoin('distribution_point as p', 'p.code', 't.point_code')
    .leftJoin('distribution_point_agent as a', (join) =>
      join.onRef('a.point_code', '=', 't.point_code').on('a.official_id', '=', officialId).on('a.ended_at', 'is', null),
    )
    .select(['t.id', 't.label', 't.point_code', 't.public_key', 't.revoked_at', 'a.official_id as assigned_official'])
    .where('t.id', '=', terminalId)
    .executeTakeFirst();

export const insertTerminal = (db: Db, row: Insertable<TerminalTable>) => db.insertInto('terminal').values(row).execute();

export const findTerminal = (db: Db, id: string) => db.selectFrom('terminal').selectAll().where('id', '=', id).executeTakeFirst();

export const findTerminalByEnrolmentCode = (db: Db, codeHash: Buffer) =>
  db.selectFrom('terminal').selectAll().where('enrolment_code_hash', '=', codeHash).executeTakeFirst();

export const listPointTerminals = (db: Db, pointCode: string) =>
  db.selectFrom('terminal').selectAll().where('point_code', '=', pointCode).orderBy('registered_at').orderBy('id').execute();

/**
 * Spends the enrolment code and stores the device's key, only while the code is
 * unspent, unexpired and the terminal not revoked; false when another request won.
 */
export async function enrolTerminalKey(db: Db, id: string, codeHash: Buffer, publicKey: Buffer, officialId: string, at: Date) {
  const r = await db
    .updateTable('terminal')
    .set({ public_key: publicKey, enrolment_code_hash: null, enrolled_at: at, enrolled_by: officialId })
    .where('id', '=', id)
    .where('enrolment_code_hash', '=', codeHash)
    .where('enrolment_expires_at', '>', at)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Revokes a terminal and spends any unused enrolment code; false when it was already revoked. */
export async function revokeTerminalRow(db: Db, id: string, by: { id: string | null; name: string }, reason: string, at: Date) {
  const r = await db
    .updateTable('terminal')
    .set({ revoked_at: at, revoked_by: by.id, revoked_by_name: by.name, revocation_reason: reason, enrolment_code_hash: null })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
