import { civilDate, dayNumber, isLeapYear, isoDate } from './calendar.ts';
import { GIVEN_NAME_ABBREVIATIONS } from './names.ts';
import { WeightedTable, type Random } from './random.ts';
import type { SyntheticPerson, TypoKind } from './synthetic-household.ts';

/**
 * How often each kind of typo is chosen (relative weights). They model what goes
 * wrong when a person is enrolled a second time: a keyboard without accents, the
 * letters Spanish pronounces alike (b/v, c/s/z, ll/y, g/j, silent h), slips of the
 * hand, names shortened or reordered, dates misheard or estimated, a document not
 * brought, a number mistyped, a new phone.
 */
export const TYPO_WEIGHTS = {
  accent_dropped: 16,
  b_v: 6,
  c_s_z: 7,
  ll_y: 3,
  g_j: 3,
  h_dropped: 4,
  letters_transposed: 5,
  letter_doubled: 4,
  letter_dropped: 5,
  second_family_name_missing: 8,
  given_names_reordered: 3,
  given_name_dropped: 8,
  given_name_abbreviated: 3,
  day_month_swapped: 5,
  year_only: 3,
  birth_year_off_by_one: 4,
  document_missing: 6,
  document_digit_wrong: 5,
  phone_changed: 10,
} as const satisfies Record<TypoKind, number>;

export const TYPO_KINDS = Object.keys(TYPO_WEIGHTS) as TypoKind[];

/** How many typos one duplicate carries (weights): usually one, sometimes several. */
export const TYPOS_PER_DUPLICATE = [[1, 58], [2, 28], [3, 11], [4, 3]] as const;

const KIND_TABLE = new WeightedTable(Object.entries(TYPO_WEIGHTS) as [TypoKind, number][]);

export interface TypoContext {
  /** A fresh phone number, for 'phone_changed'. */
  newPhone(): string;
  /** Whether the record is enrolled in a household whose head could vouch for it (for 'document_missing'). */
  headCanVouch: boolean;
  /** Day number of today: a changed birth date never lands in the future. */
  today: number;
}

/**
 * Applies one typo of the given kind to the record, in place. Returns false, and
 * changes nothing, when the record offers nothing for that kind (no accent to
 * drop, a single given name to reorder, no document to mistype…).
 */
export function applyTypo(person: SyntheticPerson, kind: TypoKind, random: Random, context: TypoContext): boolean {
  switch (kind) {
    case 'accent_dropped':
      return dropAccents(person, random);
    case 'b_v':
    case 'c_s_z':
    case 'll_y':
    case 'g_j':
    case 'h_dropped':
    case 'letters_transposed':
    case 'letter_doubled':
    case 'letter_dropped':
      return applyLetterTypo(person, LETTER_TYPOS[kind], random);
    case 'second_family_name_missing':
      if (person.secondFamilyName === null) return false;
      person.secondFamilyName = null;
      return true;
    case 'given_names_reordered': {
      const words = person.givenNames.split(' ');
      if (words.length !== 2 || !words.every(isCapitalised)) return false;
      person.givenNames = `${words[1]} ${words[0]}`;
      return true;
    }
    case 'given_name_dropped': {
      const words = person.givenNames.split(' ');
      if (words.length < 2) return false;
      // "María José" → "María" mostly; "María del Carmen" → "María"; sometimes the second is kept.
      const keepSecond = words.length === 2 && isCapitalised(words[1]!) && random.chance(0.25);
      person.givenNames = keepSecond ? words[1]! : words[0]!;
      return true;
    }
    case 'given_name_abbreviated':
      return abbreviateGivenName(person, random);
    case 'day_month_swapped': {
      if (person.birthDatePrecision !== 'day') return false;
      const [year, month, day] = person.birthDate.split('-').map(Number) as [number, number, number];
      if (day > 12 || day === month) return false;
      const swapped = dayNumber(year, day, month);
      if (swapped > context.today) return false;
      person.birthDate = isoDate(civilDate(swapped));
      return true;
    }
    case 'year_only':
      if (person.birthDatePrecision !== 'day') return false;
      person.birthDate = person.birthDate.slice(0, 4);
      person.birthDatePrecision = 'year';
      person.birthDateApproximate = true;
      return true;
    case 'birth_year_off_by_one':
      return shiftBirthYear(person, random, context.today);
    case 'document_missing':
      if (person.evidence.kind !== 'document') return false;
      person.evidence = context.headCanVouch && random.chance(0.4) ? { kind: 'household_head' } : { kind: 'sworn_declaration' };
      return true;
    case 'document_digit_wrong': {
      if (person.evidence.kind !== 'document') return false;
      const number = person.evidence.number;
      // Birth certificates: only the sequence number after the parish and year is typed by hand.
      const from = person.evidence.type === 'birth_certificate' ? number.lastIndexOf('-') + 1 : 0;
      const positions: number[] = [];
      for (let i = from; i < number.length; i++) if (number[i]! >= '0' && number[i]! <= '9') positions.push(i);
      if (positions.length === 0) return false;
      const i = random.pick(positions);
      let digit = number[i]!;
      while (digit === number[i] || (i === 0 && digit === '0')) digit = String(random.int(0, 9));
      person.evidence = { ...person.evidence, number: number.slice(0, i) + digit + number.slice(i + 1) };
      return true;
    }
    case 'phone_changed':
      person.phone = person.phone !== null && random.chance(0.3) ? null : context.newPhone();
      return true;
  }
}

/**
 * Applies one to four typos (TYPOS_PER_DUPLICATE) of kinds drawn by TYPO_WEIGHTS, all
 * different, in place, and returns them in order. Always at least one, and the
 * record always ends up different from what it was.
 */
export function applyTypos(person: SyntheticPerson, random: Random, context: TypoContext): TypoKind[] {
  const before = identity(person);
  const wanted = random.weighted(TYPOS_PER_DUPLICATE);
  const applied: TypoKind[] = [];
  for (let tries = 0; tries < 60 && (applied.length < wanted || identity(person) === before); tries++) {
    const kind = KIND_TABLE.pick(random);
    if (!applied.includes(kind) && applyTypo(person, kind, random, context)) applied.push(kind);
  }
  // Cannot be needed in practice (a name always has letters to transpose), but it makes "at least one" a guarantee.
  if (applied.length === 0 || identity(person) === before) {
    person.phone = context.newPhone();
    if (!applied.includes('phone_changed')) applied.push('phone_changed');
  }
  return applied;
}

function identity(p: SyntheticPerson): string {
  return JSON.stringify([p.givenNames, p.firstFamilyName, p.secondFamilyName, p.birthDate, p.evidence, p.phone]);
}

// ——— names ———

type NameField = 'givenNames' | 'firstFamilyName' | 'secondFamilyName';
const NAME_FIELDS: readonly NameField[] = ['givenNames', 'firstFamilyName', 'secondFamilyName'];

const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
const isCapitalised = (word: string) => word.length > 0 && word[0] !== word[0]!.toLowerCase();
const isLetter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);
const startsWord = (s: string, i: number) => i === 0 || !isLetter(s[i - 1]);
const withCaseOf = (model: string, replacement: string) =>
  model === model.toLowerCase() ? replacement : replacement[0]!.toUpperCase() + replacement.slice(1);

/** A keyboard without accents drops them in every name; sometimes only one name was typed in a hurry. */
function dropAccents(person: SyntheticPerson, random: Random): boolean {
  const fields = NAME_FIELDS.filter((f) => {
    const v = person[f];
    return v !== null && stripAccents(v) !== v;
  });
  if (fields.length === 0) return false;
  for (const f of random.chance(0.7) ? fields : [random.pick(fields)]) person[f] = stripAccents(person[f]!);
  return true;
}

/** A typo at one position of a name: where it can happen, and what it makes of the name. */
interface LetterTypo {
  positions(s: string): number[];
  apply(s: string, i: number, random: Random): string;
}

const FRONT_VOWELS = 'eiéí';
const VOWELS = 'aeiouáéíóú';
const lowerAt = (s: string, i: number) => (s[i] ?? '').toLowerCase();
const replaceAt = (s: string, i: number, length: number, by: string) => s.slice(0, i) + by + s.slice(i + length);

function positionsWhere(s: string, test: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (test(i)) out.push(i);
  return out;
}

const LETTER_TYPOS: Record<
  'b_v' | 'c_s_z' | 'll_y' | 'g_j' | 'h_dropped' | 'letters_transposed' | 'letter_doubled' | 'letter_dropped',
  LetterTypo
> = {
  // "Verónica" → "Berónica", "Bravo" → "Vravo"
  b_v: {
    positions: (s) => positionsWhere(s, (i) => lowerAt(s, i) === 'b' || lowerAt(s, i) === 'v'),
    apply: (s, i) => replaceAt(s, i, 1, withCaseOf(s[i]!, lowerAt(s, i) === 'b' ? 'v' : 'b')),
  },
  // "González" → "Gonzales", "Vásquez" → "Vázquez", "Cecilia" → "Secilia"
  c_s_z: {
    positions: (s) =>
      positionsWhere(s, (i) => {
        const c = lowerAt(s, i);
        const next = lowerAt(s, i + 1);
        return c === 'z' || c === 's' || (c === 'c' && next !== '' && FRONT_VOWELS.includes(next));
      }),
    apply: (s, i, random) => {
      const c = lowerAt(s, i);
      const soft = FRONT_VOWELS.includes(lowerAt(s, i + 1)) && lowerAt(s, i + 1) !== '';
      const by = c === 'z' ? 's' : c === 'c' ? random.pick(['s', 'z']) : soft ? random.pick(['c', 'z']) : 'z';
      return replaceAt(s, i, 1, withCaseOf(s[i]!, by));
    },
  },
  // "Castillo" → "Castiyo", "Yépez" → "Llépez"
  ll_y: {
    positions: (s) =>
      positionsWhere(s, (i) => (lowerAt(s, i) === 'l' && lowerAt(s, i + 1) === 'l') || (lowerAt(s, i) === 'y' && VOWELS.includes(lowerAt(s, i + 1)) && lowerAt(s, i + 1) !== '')),
    apply: (s, i) => (lowerAt(s, i) === 'l' ? replaceAt(s, i, 2, withCaseOf(s[i]!, 'y')) : replaceAt(s, i, 1, withCaseOf(s[i]!, 'll'))),
  },
  // "Jiménez" → "Giménez", "Gerardo" → "Jerardo"
  g_j: {
    positions: (s) =>
      positionsWhere(s, (i) => (lowerAt(s, i) === 'g' || lowerAt(s, i) === 'j') && lowerAt(s, i + 1) !== '' && FRONT_VOWELS.includes(lowerAt(s, i + 1))),
    apply: (s, i) => replaceAt(s, i, 1, withCaseOf(s[i]!, lowerAt(s, i) === 'g' ? 'j' : 'g')),
  },
  // "Hernández" → "Ernández", "Yohana" → "Yoana"; never the h of "ch"
  h_dropped: {
    positions: (s) => positionsWhere(s, (i) => lowerAt(s, i) === 'h' && lowerAt(s, i - 1) !== 'c' && lowerAt(s, i - 1) !== 's'),
    apply: (s, i) => {
      const rest = s.slice(i + 1);
      return s.slice(0, i) + (startsWord(s, i) && rest.length > 0 ? rest[0]!.toUpperCase() + rest.slice(1) : rest);
    },
  },
  // "Morales" → "Moarles"; never moving a capital
  letters_transposed: {
    positions: (s) => positionsWhere(s, (i) => !startsWord(s, i) && isLetter(s[i]) && isLetter(s[i + 1]) && lowerAt(s, i) !== lowerAt(s, i + 1)),
    apply: (s, i) => s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2),
  },
  // "Rosa" → "Rossa"
  letter_doubled: {
    positions: (s) => positionsWhere(s, (i) => !startsWord(s, i) && isLetter(s[i])),
    apply: (s, i) => s.slice(0, i + 1) + s[i] + s.slice(i + 1),
  },
  // "Gutiérrez" → "Gutiérez"; only in words of four letters or more
  letter_dropped: {
    positions: (s) => positionsWhere(s, (i) => !startsWord(s, i) && isLetter(s[i]) && wordLengthAt(s, i) >= 4),
    apply: (s, i) => s.slice(0, i) + s.slice(i + 1),
  },
};

function wordLengthAt(s: string, i: number): number {
  let start = i;
  let end = i;
  while (start > 0 && isLetter(s[start - 1])) start--;
  while (end < s.length && isLetter(s[end])) end++;
  return end - start;
}

/** Picks a name field that offers a position for the typo, then a position in it. */
function applyLetterTypo(person: SyntheticPerson, typo: LetterTypo, random: Random): boolean {
  const candidates: [NameField, number[]][] = [];
  for (const f of NAME_FIELDS) {
    const v = person[f];
    if (v === null) continue;
    const positions = typo.positions(v);
    if (positions.length > 0) candidates.push([f, positions]);
  }
  if (candidates.length === 0) return false;
  const [field, positions] = random.pick(candidates);
  person[field] = typo.apply(person[field]!, random.pick(positions), random);
  return true;
}

/** "María José" → "Ma. José", "Francisco Javier" → "Fco. Javier", "Luis Alberto" → "Luis A." */
function abbreviateGivenName(person: SyntheticPerson, random: Random): boolean {
  const words = person.givenNames.split(' ');
  const abbreviations: [number, string][] = [];
  words.forEach((w, i) => {
    const short = GIVEN_NAME_ABBREVIATIONS[w] ?? Object.entries(GIVEN_NAME_ABBREVIATIONS).find(([name]) => stripAccents(name) === w)?.[1];
    if (short) abbreviations.push([i, short]);
    else if (i > 0 && isCapitalised(w) && w.length > 2 && !w.endsWith('.')) abbreviations.push([i, `${w[0]}.`]);
  });
  if (abbreviations.length === 0) return false;
  const [i, short] = random.pick(abbreviations);
  words[i] = short;
  person.givenNames = words.join(' ');
  return true;
}

/** The year told wrong by one; 29 February becomes the 28th in a common year; never in the future. */
function shiftBirthYear(person: SyntheticPerson, random: Random, today: number): boolean {
  const year = Number(person.birthDate.slice(0, 4));
  const todayYear = civilDate(today).year;
  const shifted = (y: number) => {
    if (person.birthDatePrecision === 'year') return y <= todayYear ? String(y).padStart(4, '0') : null;
    const [, month, day] = person.birthDate.split('-').map(Number) as [number, number, number];
    const d = month === 2 && day === 29 && !isLeapYear(y) ? 28 : day;
    return dayNumber(y, month, d) <= today ? isoDate({ year: y, month, day: d }) : null;
  };
  const next = random.chance(0.5) ? (shifted(year + 1) ?? shifted(year - 1)) : shifted(year - 1);
  if (next === null) return false;
  person.birthDate = next;
  return true;
}
