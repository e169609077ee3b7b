import { memoise } from './memo.ts';

/**
 * Words that join family names or given names and carry no identity on their own
 * ("María de los Ángeles", "Ortega y Gasset", "da Silva", "van Dam"). Registrars
 * write them or leave them out, so matching ignores them.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'de', 'del', 'la', 'las', 'los', 'y', 'e', 'da', 'do', 'dos', 'das', 'van', 'von',
]);

/**
 * Abbreviations that registrars write for common given names (from paper forms and
 * old registers). Only expanded in given names: "Ma" is also a family name.
 * Kept small on purpose: every entry is a token that is never a name on its own.
 */
export const GIVEN_NAME_ABBREVIATIONS: Readonly<Record<string, string>> = {
  ma: 'maria', // "Ma.", "Mª" (NFKD turns ª into a)
  mra: 'maria',
  fco: 'francisco',
  fca: 'francisca',
  jse: 'jose',
  gmo: 'guillermo',
  fdo: 'fernando',
};

/** Family-name abbreviations seen in old registers ("Glez", "Rguez"). */
export const FAMILY_NAME_ABBREVIATIONS: Readonly<Record<string, string>> = {
  fdez: 'fernandez',
  glez: 'gonzalez',
  rguez: 'rodriguez',
  hdez: 'hernandez',
};

/** Letters that Unicode does not decompose into a base letter plus a mark. */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

export interface NormaliseOptions {
  /** Which abbreviation map applies; default `given`. */
  part?: 'given' | 'family';
}

/**
 * Folds a name as typed into the tokens used for matching: lower case, no accents
 * (ñ → n), no punctuation, abbreviations expanded, particles removed. A stray accent
 * typed on its own ("Pe´rez", a bad keyboard) joins the word instead of splitting it.
 * If a name is only particles, they are kept so that it is not lost. Never throws.
 */
export function normaliseName(text: string, options: NormaliseOptions = {}): string[] {
  // A copy: callers may change the list they get.
  return (options.part === 'family' ? cachedFamily(text) : cachedGiven(text)).slice();
}

const cachedGiven = memoise((text) => fold(text, GIVEN_NAME_ABBREVIATIONS));
const cachedFamily = memoise((text) => fold(text, FAMILY_NAME_ABBREVIATIONS));

function fold(text: string, abbreviations: Readonly<Record<string, string>>): string[] {
  const folded = text
    .replace(/[´`'’‘¨^~ˆ˜]/g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => UNDECOMPOSABLE[c] ?? c)
    .replace(/[^a-z]+/g, ' ')
    .trim();
  if (folded === '') return [];
  const tokens = folded.split(' ').map((t) => abbreviations[t] ?? t);
  const kept = tokens.filter((t) => !NAME_PARTICLES.has(t));
  return kept.length > 0 ? kept : tokens;
}

/** Document numbers compare without separators, case or leading zeros ("V-01.234.567" = "v1234567"). */
export function normaliseDocumentNumber(number: string): string {
  const compact = number.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.replace(/^([A-Z]*)0+(?=\d)/, '$1');
}

/** Document types compare without case, accents or separators ("Cédula" = "cedula"). */
export function normaliseDocumentType(type: string): string {
  return type.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}
