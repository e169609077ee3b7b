/** What of a registry record goes into a card: names, exact birth date, sex. Nothing else. */
import type { CardIdentity } from './codec/claim169.ts';
import { GENDER } from './codec/claim169.ts';

export interface CardHolder {
  given_names: string;
  family_names: string;
  sex: 'F' | 'M' | 'X' | null;
  birth_date: string | null;
  birth_date_precision: 'day' | 'year';
}

const GENDER_OF = { M: GENDER.male, F: GENDER.female, X: GENDER.other } as const;

export function cardIdentity(
  holder: CardHolder,
  cardNumber: string,
  installation: { language: string; country: string },
  faceWebp?: Uint8Array,
): CardIdentity {
  return {
    cardNumber,
    language: installation.language,
    fullName: `${holder.given_names} ${holder.family_names}`,
    firstName: holder.given_names,
    lastName: holder.family_names,
    // Claim 169 has no form for a year-only date: the printed card shows the year, the QR does not.
    ...(holder.birth_date && holder.birth_date_precision === 'day' ? { birthDate: holder.birth_date } : {}),
    ...(holder.sex ? { gender: GENDER_OF[holder.sex] } : {}),
    countryOfIssuance: installation.country,
    ...(faceWebp ? { faceWebp } : {}),
  };
}
