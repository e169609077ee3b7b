import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import type { RegistryActor } from '../registry/enrol-household.ts';
import { findPerson } from '../registry/store.ts';
import { notFound } from '../shared/domain-error.ts';
import { formatCardNumber } from './codec/card-number.ts';
import type { CardVerification } from './codec/verify-card.ts';
import type { CardVerificationView, CardView } from './schemas.ts';
import { listCardsOf, type CardRow } from './store.ts';

export function cardView(card: CardRow, now = new Date()): CardView {
  return {
    cardNumber: card.card_number,
    formatted: formatCardNumber(card.card_number),
    personId: card.person_id,
    statusIndex: card.status_index,
    kid: card.kid,
    withFace: card.with_face,
    issuedAt: card.issued_at.toISOString(),
    expiresAt: card.expires_at.toISOString(),
    issuedByName: card.issued_by_name,
    issueReason: card.issue_reason,
    replaces: card.replaces,
    status: card.revoked_at ? 'revoked' : card.expires_at <= now ? 'expired' : 'valid',
    revokedAt: card.revoked_at?.toISOString() ?? null,
    revokedByName: card.revoked_by_name,
    revocationReason: card.revocation_reason,
    revocationNote: card.revocation_note,
    qrText: card.qr_text,
  };
}

/** Every card a person ever had, newest first; audited as a read of the person's data. */
export async function readCardsOf(ctx: AppContext, actor: RegistryActor, personId: string, requestId?: string): Promise<CardView[]> {
  const person = await findPerson(ctx.db, personId);
  if (!person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('person');
  const cards = await listCardsOf(ctx.db, personId);
  await writeAudit(ctx.db, { actor, purpose: 'enrolment', action: 'card.read', subject: { type: 'person', id: personId }, summary: { cards: cards.length }, requestId });
  return cards.map((c) => cardView(c));
}

export function verificationView(result: CardVerification): CardVerificationView {
  const claims = result.claims;
  const card = claims && {
    cardNumber: claims.identity.cardNumber,
    formatted: formatCardNumber(claims.identity.cardNumber),
    fullName: claims.identity.fullName,
    birthDate: claims.identity.birthDate ?? null,
    gender: claims.identity.gender ?? null,
    country: claims.identity.countryOfIssuance ?? null,
    issuedAt: new Date(claims.issuedAt * 1000).toISOString(),
    expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
    hasFace: claims.identity.faceWebp !== undefined,
  };
  return result.valid ? { valid: true, card } : { valid: false, reason: result.reason, message: result.message, ...(card ? { card } : {}) };
}
