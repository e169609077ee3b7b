/**
 * The identity map of MOSIP Claim 169 version 1.2 (CWT claim 169), with only the
 * keys amparo prints on a card. No address, phone, database key or need attribute
 * ever enters it (DESIGN.md, "The card credential").
 */
import { CodecError } from './codec-error.ts';
import type { CborKey, CborValue } from './cbor.ts';

export const CLAIM169 = {
  id: 1,
  language: 3,
  fullName: 4,
  firstName: 5,
  lastName: 7,
  dateOfBirth: 8,
  gender: 9,
  countryOfIssuance: 23,
  face: 62,
} as const;

/** Claim 169 gender codes. */
export const GENDER = { male: 1, female: 2, other: 3 } as const;
export type GenderCode = (typeof GENDER)[keyof typeof GENDER];

/** Claim 169 biometric data format 0 = image; image sub-format 4 = WebP. */
export const BIOMETRIC_IMAGE = 0;
export const IMAGE_WEBP = 4;

export interface CardIdentity {
  /** The card number, never a database key. */
  cardNumber: string;
  /** ISO 639-3 code of the language the names are written in, e.g. "spa". */
  language?: string;
  fullName: string;
  firstName?: string;
  lastName?: string;
  /** YYYY-MM-DD; only when the exact date is recorded (Claim 169 has no year-only form). */
  birthDate?: string;
  gender?: GenderCode;
  /** ISO 3166 code of the issuing country. */
  countryOfIssuance?: string;
  /** A small WebP face image, for an agent to compare offline. */
  faceWebp?: Uint8Array;
}

const BIRTH_DATE = /^(\d{4})-?(\d{2})-?(\d{2})$/;

export function identityToClaim(identity: CardIdentity): Map<CborKey, CborValue> {
  const map = new Map<CborKey, CborValue>([[CLAIM169.id, identity.cardNumber]]);
  if (identity.language) map.set(CLAIM169.language, identity.language);
  map.set(CLAIM169.fullName, identity.fullName);
  if (identity.firstName) map.set(CLAIM169.firstName, identity.firstName);
  if (identity.lastName) map.set(CLAIM169.lastName, identity.lastName);
  if (identity.birthDate) {
    // Refused here rather than signed: claimToIdentity (every verifier) would refuse the card.
    if (!BIRTH_DATE.test(identity.birthDate)) throw new Error(`date of birth "${identity.birthDate}" is not YYYY-MM-DD`);
    map.set(CLAIM169.dateOfBirth, identity.birthDate.replaceAll('-', ''));
  }
  if (identity.gender) map.set(CLAIM169.gender, identity.gender);
  if (identity.countryOfIssuance) map.set(CLAIM169.countryOfIssuance, identity.countryOfIssuance);
  if (identity.faceWebp) {
    map.set(CLAIM169.face, [new Map<CborKey, CborValue>([[0, identity.faceWebp], [1, BIOMETRIC_IMAGE], [2, IMAGE_WEBP]])]);
  }
  return map;
}

const bad = (message: string) => new CodecError('bad_format', `claim 169: ${message}`);

function text(map: Map<CborKey, CborValue>, key: number): string | undefined {
  const value = map.get(key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(`key ${key} is not a text`);
  return value;
}

/** Reads the keys amparo uses; other keys (from other issuers) are ignored, not refused. */
export function claimToIdentity(value: CborValue | undefined): CardIdentity {
  if (!(value instanceof Map)) throw bad('claim 169 is missing or not a map');
  const cardNumber = text(value, CLAIM169.id);
  if (!cardNumber) throw bad('no ID (key 1)');
  const identity: CardIdentity = { cardNumber, fullName: text(value, CLAIM169.fullName) ?? '' };
  const optional = { language: CLAIM169.language, firstName: CLAIM169.firstName, lastName: CLAIM169.lastName, countryOfIssuance: CLAIM169.countryOfIssuance } as const;
  for (const [field, key] of Object.entries(optional)) {
    const found = text(value, key);
    if (found !== undefined) identity[field as keyof typeof optional] = found;
  }
  const birth = text(value, CLAIM169.dateOfBirth);
  if (birth !== undefined) {
    const match = BIRTH_DATE.exec(birth);
    if (!match) throw bad(`date of birth "${birth}" is not YYYYMMDD`);
    identity.birthDate = `${match[1]}-${match[2]}-${match[3]}`;
  }
  const gender = value.get(CLAIM169.gender);
  if (gender !== undefined) {
    if (gender !== 1 && gender !== 2 && gender !== 3) throw bad('gender (key 9) is not 1, 2 or 3');
    identity.gender = gender;
  }
  const faces = value.get(CLAIM169.face);
  if (Array.isArray(faces)) {
    const image = faces.find((f): f is Map<CborKey, CborValue> => f instanceof Map && f.get(1) === BIOMETRIC_IMAGE && f.get(2) === IMAGE_WEBP);
    const data = image?.get(0);
    if (data instanceof Uint8Array) identity.faceWebp = data.slice();
  }
  return identity;
}
