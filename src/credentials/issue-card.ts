/**
 * Issuing, reissuing and revoking cards. Each is one transaction with its audit
 * entry; a reissue revokes the old card in the same transaction, so a lost card
 * and its replacement are never both valid.
 */
import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { findKey, type InstallationKeyRow } from '../keys/store.ts';
import type { RegistryActor } from '../registry/enrol-household.ts';
import { findPerson, latestPhoto } from '../registry/store.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import { faceThumbnailWebp } from './card-pdf/face-thumbnail.ts';
import { cardIdentity, type CardHolder } from './card-claims.ts';
import { newCardNumber } from './codec/card-number.ts';
import { issueCardText } from './codec/credential.ts';
import { cardExpiry, coseSigner, statusListUri } from './publication.ts';
import { findCard, findValidCardOf, insertCard, nextStatusIndex, recordRevocation, type CardRow } from './store.ts';
import type { IssueReason, RevocationReason } from './tables.ts';

export interface IssueOptions {
  /** Put a small face image from the person's current photo into the QR (Claim 169 key 62). */
  withFace?: boolean;
  requestId?: string | undefined;
}

export type ReissueReason = Exclude<IssueReason, 'first'>;
export type IssuerSigner = Awaited<ReturnType<typeof coseSigner>>;

async function personInScope(db: Db, actor: RegistryActor, personId: string) {
  const person = await findPerson(db, personId);
  if (!person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('person');
  if (person.status !== 'active') throw new DomainError('RULE_VIOLATION', `a ${person.status} record cannot get a card`);
  return person;
}

async function faceFor(db: Db, personId: string): Promise<Uint8Array> {
  const photo = await latestPhoto(db, personId);
  if (!photo) throw new DomainError('RULE_VIOLATION', 'the person has no photo: take one before issuing a card with a face image');
  return faceThumbnailWebp({ contentType: photo.content_type, bytes: photo.image });
}

/** The signed QR text of one card: what of the holder goes in is decided by cardIdentity. */
export function signCard(
  ctx: AppContext,
  signer: IssuerSigner,
  key: Pick<InstallationKeyRow, 'created_at' | 'retired_at'>,
  holder: CardHolder,
  card: { cardNumber: string; statusIndex: number; issuedAt: Date; faceWebp?: Uint8Array | undefined },
) {
  const expiresAt = cardExpiry(ctx, card.issuedAt, key);
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
  const qrText = issueCardText(
    {
      issuer: ctx.config.issuer,
      issuedAt: seconds(card.issuedAt),
      notBefore: seconds(card.issuedAt),
      expiresAt: seconds(expiresAt),
      identity: cardIdentity(holder, card.cardNumber, { language: ctx.config.cardLanguage, country: ctx.config.country }, card.faceWebp),
      status: { index: card.statusIndex, uri: statusListUri(ctx) },
    },
    signer,
  );
  return { qrText, expiresAt };
}

async function createCard(ctx: AppContext, tx: Db, signer: IssuerSigner, actor: RegistryActor, personId: string, reason: IssueReason, replaces: string | null, withFace: boolean): Promise<CardRow> {
  const person = await personInScope(tx, actor, personId);
  const faceWebp = withFace ? await faceFor(tx, personId) : undefined;
  const key = await findKey(tx, signer.kidText);
  if (!key) throw new Error('the current issuer key vanished');
  let cardNumber = newCardNumber();
  // 27^10 numbers: a clash is astronomically rare, but a clash must never overwrite.
  while (await findCard(tx, cardNumber)) cardNumber = newCardNumber();
  const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const statusIndex = await nextStatusIndex(tx);
  const { qrText, expiresAt } = signCard(ctx, signer, key, person, { cardNumber, statusIndex, issuedAt, faceWebp });
  return insertCard(tx, {
    card_number: cardNumber,
    person_id: personId,
    status_index: statusIndex,
    kid: signer.kidText,
    qr_text: qrText,
    with_face: faceWebp !== undefined,
    issued_at: issuedAt,
    expires_at: expiresAt,
    issued_by: actor.id,
    issued_by_name: actor.name,
    issue_reason: reason,
    replaces,
  });
}

/** The first card of a person; a person with a valid card gets a reissue instead. */
export async function issueCard(ctx: AppContext, actor: RegistryActor, personId: string, options: IssueOptions = {}): Promise<CardRow> {
  // The key is read before the transaction: the embedded database has one connection.
  const signer = await coseSigner(ctx, 'issuer');
  return ctx.db.transaction().execute(async (tx) => {
    await personInScope(tx, actor, personId);
    const existing = await findValidCardOf(tx, personId);
    if (existing) {
      throw new DomainError('CONFLICT', 'the person already has a valid card: reissue it (lost, stolen, damaged) instead', { cardNumber: existing.card_number });
    }
    const card = await createCard(ctx, tx, signer, actor, personId, 'first', null, options.withFace ?? false);
    await writeAudit(tx, { actor, purpose: 'enrolment', action: 'card.issued', subject: { type: 'person', id: personId }, summary: { card: card.card_number, withFace: card.with_face }, requestId: options.requestId });
    return card;
  });
}

/** A new card for a lost, stolen or damaged one: the old card is revoked in the same transaction. */
export async function reissueCard(ctx: AppContext, actor: RegistryActor, cardNumber: string, reason: ReissueReason, options: IssueOptions = {}): Promise<CardRow> {
  const signer = await coseSigner(ctx, 'issuer');
  return ctx.db.transaction().execute(async (tx) => {
    const old = await cardInScope(tx, actor, cardNumber);
    if (old.revoked_at) throw new DomainError('RULE_VIOLATION', `card ${cardNumber} is already revoked; issue a new card to the person instead`);
    await recordRevocation(tx, cardNumber, { by: actor.id, byName: actor.name, reason, note: null });
    const card = await createCard(ctx, tx, signer, actor, old.person_id, reason, cardNumber, options.withFace ?? old.with_face);
    await writeAudit(tx, { actor, purpose: 'enrolment', action: 'card.reissued', subject: { type: 'person', id: old.person_id }, summary: { card: card.card_number, replaces: cardNumber, reason, withFace: card.with_face }, requestId: options.requestId });
    return card;
  });
}

export async function revokeCard(
  ctx: AppContext,
  actor: RegistryActor,
  cardNumber: string,
  revocation: { reason: RevocationReason; note?: string | null | undefined },
  requestId?: string,
): Promise<CardRow> {
  return ctx.db.transaction().execute(async (tx) => {
    const card = await cardInScope(tx, actor, cardNumber);
    if (!(await recordRevocation(tx, cardNumber, { by: actor.id, byName: actor.name, reason: revocation.reason, note: revocation.note ?? null }))) {
      throw new DomainError('RULE_VIOLATION', `card ${cardNumber} is already revoked`);
    }
    await writeAudit(tx, { actor, purpose: 'enrolment', action: 'card.revoked', subject: { type: 'person', id: card.person_id }, summary: { card: cardNumber, reason: revocation.reason }, requestId });
    return (await findCard(tx, cardNumber))!;
  });
}

/** A card an official may act on: its holder lives in one of the official's regions. */
export async function cardInScope(db: Db, actor: RegistryActor, cardNumber: string): Promise<CardRow> {
  const card = await findCard(db, cardNumber);
  const person = card && (await findPerson(db, card.person_id));
  if (!card || !person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('card');
  return card;
}
