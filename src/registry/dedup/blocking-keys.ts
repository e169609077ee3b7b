import { normaliseDocumentNumber, normaliseDocumentType, normaliseName } from './normalise.ts';
import { spanishPhonetic } from './spanish-phonetic.ts';
import type { DedupPerson } from './types.ts';

/**
 * Blocking: each person is stored under a few short keys; a new person is compared only
 * with the persons stored under one of its search keys (one index lookup with
 * `key = ANY($1)`), never with the whole registry. Every name in a key is a phonetic
 * code (accents, b/v, c/s/z, ll/y, h do not change it) and day and month are sorted (a
 * swapped date gives the same key), so that each kind of slip leaves a key intact:
 *
 * | key | contents | catches, when the rest is broken |
 * |---|---|---|
 * | `n1:` | all given names (sorted) · first family name · year | dropped or mistyped second family name, reordered given names, year-only date |
 * | `n2:` | all given names (sorted) · second family name · year | mistyped first family name with a year-only date |
 * | `f:` | both family names (sorted) · initial of the first given name · year | mistyped given name with a year-only date, family names reordered |
 * | `d:` | one name · full date | slips in all the other names, names in any order or field |
 * | `doc:` | document type · number | everything about names and dates |
 * | `x:` | given names · first family name | stored only for persons without a birth date |
 *
 * A year-only date is stored and searched under the year before and after too (a
 * declared year is often one off). The search side looks up more than the index
 * stores, which catches more without growing the index: `d:` is stored for the first
 * given name and both family names but searched for every name token, and for the first
 * family name also with the years a slip would give; an `n1:` key with given and
 * family names crossed; and `x:`, stored only for dateless persons, is searched by all.
 * Candidates must be fetched with `searchKeys(new)` against stored `blockingKeys`:
 * the relation is not symmetric.
 */
export function blockingKeys(person: DedupPerson): string[] {
  return [...keys(person, 'index')];
}

/** The keys to look up for a person about to be enrolled; see `blockingKeys`. */
export function searchKeys(person: DedupPerson): string[] {
  return [...keys(person, 'search')];
}

const MAX_GIVEN = 3;

function keys(person: DedupPerson, side: 'index' | 'search'): Set<string> {
  const out = new Set<string>();
  const given = phoneticTokens(normaliseName(person.givenNames));
  const family = phoneticTokens(normaliseName(person.familyNames, { part: 'family' }));
  const givenSet = [...given.slice(0, MAX_GIVEN)].sort().join('.');
  const [f1, f2] = family;
  const initial = given[0]?.[0];
  const date = birthDateParts(person);

  if (date) {
    for (const year of date.years) {
      if (givenSet && f1) out.add(`n1:${givenSet}|${f1}|${year}`);
      if (givenSet && f2) out.add(`n2:${givenSet}|${f2}|${year}`);
      if (f1 && f2 && initial) out.add(`f:${[f1, f2].sort().join('.')}|${initial}|${year}`);
      if (side === 'search' && given[0] && family.length > 0) {
        // The same person typed with given and family names in each other's fields.
        const crossedSet = [...family.slice(0, MAX_GIVEN)].sort().join('.');
        out.add(`n1:${crossedSet}|${given[0]}|${year}`);
      }
    }
    if (date.monthDay) {
      const year = date.years[0]!;
      const indexed = [given[0], f1, f2];
      const searched = side === 'index' ? indexed : [...given, ...family];
      for (const token of searched) if (token) out.add(`d:${token}|${year}${date.monthDay}`);
      if (side === 'search' && f1) for (const y of yearSlips(year)) out.add(`d:${f1}|${y}${date.monthDay}`);
    }
  }
  if (givenSet && f1 && (side === 'search' || !date)) out.add(`x:${givenSet}|${f1}`);

  for (const doc of person.documents) {
    const number = normaliseDocumentNumber(doc.number);
    if (number) out.add(`doc:${normaliseDocumentType(doc.type)}:${number}`);
  }
  return out;
}

/** The year as typed and the years a slip of one key would give: off by one, the tens digit, the last two digits exchanged. */
function yearSlips(year: number): number[] {
  const text = String(year);
  const exchanged = Number(`${text.slice(0, 2)}${text[3]}${text[2]}`);
  return [...new Set([year, year - 1, year + 1, year - 10, year + 10, exchanged])];
}

/** Phonetic codes of the tokens that can identify: initials are left out. */
function phoneticTokens(tokens: readonly string[]): string[] {
  return tokens.filter((t) => t.length > 1).map(spanishPhonetic);
}

interface DateParts {
  /** The year first; with a year-only date, also the years either side. */
  years: number[];
  /** Day and month sorted, so that a swapped date gives the same text; null for a year-only date. */
  monthDay: string | null;
}

function birthDateParts(person: DedupPerson): DateParts | null {
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(person.birthDate?.value.trim() ?? '');
  if (!m) return null;
  const year = Number(m[1]);
  if (person.birthDate!.precision === 'year' || m[2] === undefined) return { years: [year, year - 1, year + 1], monthDay: null };
  const [x, y] = [m[2], m[3]!].sort();
  return { years: [year], monthDay: `${x}${y}` };
}
