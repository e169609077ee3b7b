import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CardTable, RevocationReason } from './tables.ts';

export type CardRow = Selectable<CardTable>;

export async function insertCard(db: Db, card: Insertable<CardTable>): Promise<CardRow> {
  return db.insertInto('card').values(card).returningAll().executeTakeFirstOrThrow();
}

/** A status index is taken before signing, because the card's QR carries it. */
export async function nextStatusIndex(db: Db): Promise<number> {
  const { rows } = await sql<{ index: number }>`SELECT nextval('card_status_index_seq')::integer AS index`.execute(db);
  return rows[0]!.index;
}

export const findCard = (db: Db, cardNumber: string) =>
  db.selectFrom('card').selectAll().where('card_number', '=', cardNumber).executeTakeFirst();

export const findValidCardOf = (db: Db, personId: string) =>
  db.selectFrom('card').selectAll().where('person_id', '=', personId).where('revoked_at', 'is', null).executeTakeFirst();

export const listCardsOf = (db: Db, personId: string) =>
  db.selectFrom('card').selectAll().where('person_id', '=', personId).orderBy('status_index', 'desc').execute();

export async function recordRevocation(
  db: Db,
  cardNumber: string,
  revocation: { by: string | null; byName: string; reason: RevocationReason; note: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('card')
    .set({ revoked_at: new Date(), revoked_by: revocation.by, revoked_by_name: revocation.byName, revocation_reason: revocation.reason, revocation_note: revocation.note })
    .where('card_number', '=', cardNumber)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revocationState(db: Db): Promise<{ size: number; revoked: number[] }> {
  const [size, revoked] = await Promise.all([
    db.selectFrom('card').select((eb) => eb.fn.max('status_index').as('max')).executeTakeFirst(),
    db.selectFrom('card').select('status_index').where('revoked_at', 'is not', null).execute(),
  ]);
  return { size: (size?.max ?? -1) + 1, revoked: revoked.map((r) => r.status_index) };
}

export const listValidCards = (db: Db, limit: number) =>
  db.selectFrom('card').select(['card_number', 'qr_text', 'person_id']).where('revoked_at', 'is', null).orderBy('status_index').limit(limit).execute();

/** Active persons without a valid card, by id after `afterId` (keyset paging for bulk issuing). */
export const personsWithoutCard = (db: Db, afterId: string, limit: number) =>
  db
    .selectFrom('person')
    .select(['id', 'given_names', 'family_names', 'sex', 'birth_date', 'birth_date_precision'])
    .where('status', '=', 'active')
    .where('id', '>', afterId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('card').select('card_number').whereRef('card.person_id', '=', 'person.id').where('card.revoked_at', 'is', null))),
    )
    .orderBy('id')
    .limit(limit)
    .execute();

export async function nextStatusIndexes(db: Db, count: number): Promise<number[]> {
  const { rows } = await sql<{ index: number }>`SELECT nextval('card_status_index_seq')::integer AS index FROM generate_series(1, ${count})`.execute(db);
  return rows.map((r) => r.index);
}

export async function insertCards(db: Db, cards: Insertable<CardTable>[]) {
  if (cards.length) await db.insertInto('card').values(cards).execute();
}
