import type { AppContext } from '../../app-context.ts';
import { parseCardNumber } from '../../credentials/codec/card-number.ts';
import type { ProgramSector, ProgramUnit } from '../../programs/program-kinds.ts';
import { deriverOf } from '../../pseudonyms/service.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import { personOfToken } from './identification-token.ts';
import { findCardHolder, findPersonHolder, type CardHolderRow } from './store.ts';

/** The person a redemption is for, found by their card or by an identification token. */
export interface Holder {
  /** Normalised card number; null when identified by an official's search. */
  cardNumber: string | null;
  identifiedBy: 'card' | 'official_search';
  personId: string;
  householdId: string;
  phone: string | null;
  regionCode: string;
}

export type CardStatus = 'valid' | 'revoked' | 'expired' | 'holder_inactive';

export interface CardState {
  number: string;
  status: CardStatus;
  /** Why it was revoked ('lost', 'stolen', …), when it was. */
  revocationReason?: string;
}

/** The normalised card number, or VALIDATION_FAILED saying what is wrong with it. */
export function normaliseCard(input: string): string {
  const parsed = parseCardNumber(input);
  if (!parsed.ok) {
    throw new DomainError('VALIDATION_FAILED', parsed.problem === 'check' ? 'the card number has a typo: its check symbol does not match' : `not a card number (${parsed.problem})`, {
      field: 'card',
      problem: parsed.problem,
    });
  }
  return parsed.cardNumber;
}

/** The card's state and its holder. Unknown card: 404 CARD_UNKNOWN. */
export async function holderOfCard(ctx: AppContext, cardInput: string, now = new Date()): Promise<{ card: CardState; holder: Holder }> {
  const cardNumber = normaliseCard(cardInput);
  return cardAndHolder(cardNumber, await findCardHolder(ctx.db, cardNumber), now);
}

/** The card's state and its holder from the card's row (findCardHolder's, or a redemption context's). Pure; no row: 404 CARD_UNKNOWN. */
export function cardAndHolder(cardNumber: string, row: CardHolderRow | undefined, now = new Date()): { card: CardState; holder: Holder } {
  if (!row) throw new DomainError('CARD_UNKNOWN', `no card has the number ${cardNumber}`, { card: cardNumber });
  const status: CardStatus = row.revoked_at ? 'revoked' : row.person_status !== 'active' ? 'holder_inactive' : row.expires_at <= now ? 'expired' : 'valid';
  return {
    card: { number: cardNumber, status, ...(row.revocation_reason && row.revoked_at ? { revocationReason: row.revocation_reason } : {}) },
    holder: { cardNumber, identifiedBy: 'card', personId: row.person_id, householdId: row.household_id, phone: row.phone, regionCode: row.region_code },
  };
}

/** The holder an identification token stands for (404 when the token is not genuine, expired, for another point, or the person is no longer active). */
export async function holderOfToken(ctx: AppContext, token: string, pointCode: string): Promise<Holder> {
  const personId = personOfToken(ctx.box, token, pointCode);
  const row = personId ? await findPersonHolder(ctx.db, personId) : undefined;
  if (!row || row.person_status !== 'active') throw notFound('identification (it lasts 15 minutes at the point it was made for)');
  return { cardNumber: null, identifiedBy: 'official_search', personId: row.person_id, householdId: row.household_id, phone: row.phone, regionCode: row.region_code };
}

/** The entitlement subject of the holder in a program: the household's sector pseudonym, or the person's. */
export function subjectFor(ctx: AppContext, program: { sector: ProgramSector; unit: ProgramUnit }, holder: Holder): string {
  const deriver = deriverOf(ctx);
  return program.unit === 'household' ? deriver.householdPseudonymOf(program.sector, holder.householdId) : deriver.pseudonymOf(program.sector, holder.personId);
}
