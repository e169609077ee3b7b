import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { RegistryActor } from '../registry/enrol-household.ts';
import { findPerson, latestPhoto } from '../registry/store.ts';
import { DomainError } from '../shared/domain-error.ts';
import { renderCardPdf, renderCardSheetPdf, type PrintableCard } from './card-pdf/render-card.ts';
import { formatCardNumber } from './codec/card-number.ts';
import { cardInScope } from './issue-card.ts';

const SEX = { F: 'F', M: 'M', X: 'X' } as const;

async function printable(ctx: AppContext, actor: RegistryActor, cardNumber: string): Promise<{ personId: string; card: PrintableCard }> {
  const card = await cardInScope(ctx.db, actor, cardNumber);
  if (card.revoked_at) throw new DomainError('RULE_VIOLATION', `card ${formatCardNumber(cardNumber)} is revoked: print its replacement`);
  const person = (await findPerson(ctx.db, card.person_id))!;
  const photo = await latestPhoto(ctx.db, card.person_id);
  const birth = person.birth_date && (person.birth_date_precision === 'year' ? `${person.birth_date.slice(0, 4)} (aprox.)` : person.birth_date);
  return { personId: card.person_id, card: {
    cardNumber: formatCardNumber(card.card_number),
    givenNames: person.given_names,
    familyNames: person.family_names,
    birthDate: birth ?? null,
    sex: person.sex ? SEX[person.sex] : null,
    photo: photo ? { contentType: photo.content_type, bytes: photo.image } : null,
    qrText: card.qr_text,
    issuedOn: card.issued_at.toISOString().slice(0, 10),
    expiresOn: card.expires_at.toISOString().slice(0, 10),
    issuerName: ctx.config.issuerName,
  } };
}

/** One card, ID-1 size; printing is audited like any read of the person's data. */
export async function cardPdf(ctx: AppContext, actor: RegistryActor, cardNumber: string, requestId?: string): Promise<Uint8Array> {
  const { personId, card } = await printable(ctx, actor, cardNumber);
  const pdf = await renderCardPdf(card);
  await writeAudit(ctx.db, { actor, purpose: 'enrolment', action: 'card.printed', subject: { type: 'person', id: personId }, summary: { card: cardNumber }, requestId });
  return pdf;
}

/** Many cards on A4 sheets for a print shop. */
export async function cardSheetPdf(ctx: AppContext, actor: RegistryActor, cardNumbers: string[], requestId?: string): Promise<Uint8Array> {
  const cards: PrintableCard[] = [];
  for (const number of cardNumbers) cards.push((await printable(ctx, actor, number)).card);
  const pdf = await renderCardSheetPdf(cards);
  await writeAudit(ctx.db, { actor, purpose: 'enrolment', action: 'card.printed', summary: { cards: cardNumbers.length, first: cardNumbers[0] }, requestId });
  return pdf;
}
