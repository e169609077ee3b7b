import {
  FAMILY_ENDINGS, FAMILY_NAMES, FAMILY_STEMS, FEMALE_FIRST, FEMALE_SECOND, MALE_FIRST, MALE_SECOND, type Weighted,
} from './synthetic-names.ts';
import type { BirthDate, DedupPerson, IdentityDocument, Sex } from './types.ts';

/**
 * A synthetic population of households — couples, children, siblings, twins, sons named
 * after their fathers — with planted duplicates that carry the slips registrars make.
 * Deterministic for a seed, so that a test that measures recall and precision is
 * repeatable. Used by the dedup tests; the CLI's seeding can use it too.
 */

/** Mulberry32: a small, fast, seeded PRNG; plenty for test data, never for secrets. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Relation = 'head' | 'spouse' | 'child' | 'twin' | 'junior' | 'grandparent';

export interface PlantedDuplicate {
  duplicateId: string;
  originalId: string;
  /** The slips applied, for reading a failure. */
  slips: string[];
}

export interface SyntheticPopulation {
  persons: DedupPerson[];
  planted: PlantedDuplicate[];
  relation: Map<string, Relation>;
}

export interface SyntheticOptions {
  households: number;
  duplicates: number;
  seed: number;
  /** Share of dates known only by year; default 0.1. */
  yearOnlyShare?: number;
}

const THIS_YEAR = 2026;

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted(items: Weighted): string {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [name, w] of items) {
      r -= w;
      if (r < 0) return name;
    }
    return items[items.length - 1]![0];
  }
}

interface Draft {
  id: string;
  given: string[];
  family: string[];
  sex: 'F' | 'M';
  year: number;
  month: number;
  day: number;
  precision: 'day' | 'year';
  documents: IdentityDocument[];
  householdId: string | null;
  addressKey: string | null;
  regionCode: string | null;
}

export function syntheticPopulation(options: SyntheticOptions): SyntheticPopulation {
  const rnd = new Random(mulberry32(options.seed));
  const yearOnlyShare = options.yearOnlyShare ?? 0.1;
  const drafts: Draft[] = [];
  const relation = new Map<string, Relation>();
  const usedNumbers = new Set<number>();
  let nextId = 0;

  const familyName = () =>
    rnd.chance(0.7) ? rnd.weighted(FAMILY_NAMES) : `${rnd.pick(FAMILY_STEMS)}${rnd.pick(FAMILY_ENDINGS)}`;
  const givenNames = (sex: 'F' | 'M') => {
    const first = rnd.weighted(sex === 'F' ? FEMALE_FIRST : MALE_FIRST);
    const two = first === 'María' || first === 'José' ? rnd.chance(0.9) : rnd.chance(0.55);
    if (!two) return [first];
    let second = rnd.weighted(sex === 'F' ? FEMALE_SECOND : MALE_SECOND);
    while (second === first) second = rnd.weighted(sex === 'F' ? FEMALE_SECOND : MALE_SECOND);
    return [first, second];
  };
  const cedula = () => {
    let n = rnd.int(1_000_000, 32_000_000);
    while (usedNumbers.has(n)) n = rnd.int(1_000_000, 32_000_000);
    usedNumbers.add(n);
    return { type: 'cedula', number: `V-${n}` };
  };
  const person = (given: string[], family: string[], sex: 'F' | 'M', year: number, place: Place, rel: Relation): Draft => {
    const adult = THIS_YEAR - year >= 18;
    const d: Draft = {
      id: `p${++nextId}`,
      given,
      family,
      sex,
      year,
      month: rnd.int(1, 12),
      day: rnd.int(1, 28),
      precision: rnd.chance(yearOnlyShare) ? 'year' : 'day',
      documents: rnd.chance(adult ? 0.8 : 0.35) ? [cedula()] : [],
      ...place,
    };
    relation.set(d.id, rel);
    drafts.push(d);
    return d;
  };

  for (let h = 0; h < options.households; h++) {
    const place = newPlace(rnd, `h${h}`);
    const headSex: 'F' | 'M' = rnd.chance(0.55) ? 'M' : 'F';
    const headYear = rnd.int(1942, 2004);
    const head = person(givenNames(headSex), [familyName(), familyName()], headSex, headYear, place, 'head');
    const spouse = rnd.chance(0.6)
      ? person(givenNames(headSex === 'M' ? 'F' : 'M'), [familyName(), familyName()], headSex === 'M' ? 'F' : 'M', headYear + rnd.int(-6, 6), place, 'spouse')
      : null;
    const mother = head.sex === 'F' ? head : spouse;
    const father = head.sex === 'M' ? head : spouse;
    const children = rnd.pick([0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 5]);
    const childFamily = [father?.family[0] ?? familyName(), mother?.family[0] ?? familyName()];
    let year = (mother ?? head).year + rnd.int(18, 26);
    for (let c = 0; c < children && year <= THIS_YEAR; c++) {
      const sex: 'F' | 'M' = rnd.chance(0.5) ? 'F' : 'M';
      const junior = sex === 'M' && father !== null && c === 0 && rnd.chance(0.15);
      const child = person(junior ? [...father.given] : givenNames(sex), childFamily, sex, year, place, junior ? 'junior' : 'child');
      if (rnd.chance(0.03)) {
        const twinSex: 'F' | 'M' = rnd.chance(0.5) ? 'F' : 'M';
        const twin = person(twinGivenNames(rnd, child, twinSex, givenNames), childFamily, twinSex, year, place, 'twin');
        twin.month = child.month;
        twin.day = child.day;
        twin.precision = child.precision;
      }
      year += rnd.int(1, 5);
    }
    if (father && rnd.chance(0.1)) {
      person(givenNames('M'), [father.family[0]!, familyName()], 'M', father.year - rnd.int(20, 35), place, 'grandparent');
    }
  }

  const originals = drafts.slice();
  const planted: PlantedDuplicate[] = [];
  const chosen = new Set<number>();
  while (planted.length < Math.min(options.duplicates, originals.length)) {
    const k = rnd.int(0, originals.length - 1);
    if (chosen.has(k)) continue;
    chosen.add(k);
    const original = originals[k]!;
    const { copy, slips } = plantDuplicate(rnd, original, `p${++nextId}`, cedula);
    drafts.push(copy);
    planted.push({ duplicateId: copy.id, originalId: original.id, slips });
  }

  for (let i = drafts.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [drafts[i], drafts[j]] = [drafts[j]!, drafts[i]!];
  }
  return { persons: drafts.map(toPerson), planted, relation };
}

interface Place {
  householdId: string | null;
  addressKey: string | null;
  regionCode: string | null;
}

function newPlace(rnd: Random, householdId: string): Place {
  const state = String.fromCharCode(65 + rnd.int(0, 11)) + String.fromCharCode(65 + rnd.int(0, 1));
  const region = `${state}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 6)).padStart(2, '0')}`;
  return { householdId, addressKey: `${region}|calle ${rnd.int(1, 400)}|casa ${rnd.int(1, 120)}`, regionCode: region };
}

/** Twins: usually unrelated names, sometimes the same first name (María José / María Fernanda) or a gendered pair (Daniel / Daniela). */
function twinGivenNames(rnd: Random, sibling: Draft, sex: 'F' | 'M', givenNames: (sex: 'F' | 'M') => string[]): string[] {
  const r = rnd.next();
  if (r < 0.2 && sex !== sibling.sex) {
    const first = sibling.given[0]!;
    const variant = sex === 'F' ? (first.endsWith('o') ? `${first.slice(0, -1)}a` : `${first}a`) : first.endsWith('a') ? `${first.slice(0, -1)}o` : null;
    if (variant) return [variant];
  }
  if (r < 0.45 && sex === sibling.sex && sibling.given.length === 2) {
    let other = givenNames(sex);
    while (other.length < 2 || other[1] === sibling.given[1]) other = givenNames(sex);
    return [sibling.given[0]!, other[1]!];
  }
  let other = givenNames(sex);
  while (other[0] === sibling.given[0]) other = givenNames(sex);
  return other;
}

function toPerson(d: Draft): DedupPerson {
  const mm = String(d.month).padStart(2, '0');
  const dd = String(d.day).padStart(2, '0');
  const birthDate: BirthDate = d.precision === 'year' ? { value: `${d.year}-01-01`, precision: 'year' } : { value: `${d.year}-${mm}-${dd}`, precision: 'day' };
  return {
    id: d.id,
    givenNames: d.given.join(' '),
    familyNames: d.family.join(' '),
    sex: d.sex as Sex,
    birthDate,
    documents: d.documents,
    householdId: d.householdId,
    addressKey: d.addressKey,
    regionCode: d.regionCode,
  };
}

// ——— the slips ———

type Slip = [name: string, weight: number, apply: (rnd: Random, d: Draft) => boolean];

const KEYBOARD: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'ol',
  a: 'qsz', s: 'adwx', d: 'sfe', f: 'dgr', g: 'fht', h: 'gjy', j: 'hku', k: 'jli', l: 'kño', ñ: 'lp',
  z: 'asx', x: 'zsc', c: 'xvd', v: 'cbf', b: 'vng', n: 'bmh', m: 'nj',
};

const RESPELLINGS: readonly [RegExp, string][] = [
  [/v/i, 'b'], [/b/i, 'v'], [/z/i, 's'], [/s$/i, 'z'], [/c([ei])/i, 's$1'], [/ll/i, 'y'], [/y([aeiou])/i, 'll$1'],
  [/^h/i, ''], [/^([aeiou])/i, 'h$1'], [/g([ei])/i, 'j$1'], [/j([ei])/i, 'g$1'], [/qu([ei])/i, 'k$1'], [/ñ/i, 'n'],
];

/** Picks one token of the names, weighted towards the family names and first given name, which registrars type most. */
function pickToken(rnd: Random, d: Draft): { list: string[]; index: number } {
  const list = rnd.chance(0.5) ? d.given : d.family;
  return { list, index: rnd.chance(0.7) ? 0 : rnd.int(0, list.length - 1) };
}

function editToken(rnd: Random, d: Draft, edit: (word: string) => string | null): boolean {
  const { list, index } = pickToken(rnd, d);
  const word = list[index];
  if (!word || word.includes(' ')) return false;
  const edited = edit(word);
  if (!edited || edited === word) return false;
  list[index] = edited;
  return true;
}

const inner = (rnd: Random, word: string) => rnd.int(1, Math.max(1, word.length - 2));

const SLIPS: readonly Slip[] = [
  ['accents dropped', 3, (_r, d) => {
    const before = [...d.given, ...d.family].join();
    const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
    d.given = d.given.map(strip);
    d.family = d.family.map(strip);
    return before !== [...d.given, ...d.family].join();
  }],
  ['respelt as heard', 3, (rnd, d) => editToken(rnd, d, (w) => {
    const [pattern, replacement] = rnd.pick(RESPELLINGS);
    return pattern.test(w) ? capitalise(w.replace(pattern, replacement)) : null;
  })],
  ['neighbouring key', 2, (rnd, d) => editToken(rnd, d, (w) => {
    const i = inner(rnd, w);
    const near = KEYBOARD[w[i]!.toLowerCase()];
    return near ? w.slice(0, i) + rnd.pick([...near]) + w.slice(i + 1) : null;
  })],
  ['letters exchanged', 2, (rnd, d) => editToken(rnd, d, (w) => {
    if (w.length < 4) return null;
    const i = inner(rnd, w);
    return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : null;
  })],
  ['letter dropped', 1.5, (rnd, d) => editToken(rnd, d, (w) => (w.length < 5 ? null : ((i) => w.slice(0, i) + w.slice(i + 1))(inner(rnd, w))))],
  ['letter doubled', 1, (rnd, d) => editToken(rnd, d, (w) => ((i) => w.slice(0, i) + w[i] + w.slice(i))(inner(rnd, w)))],
  ['second family name dropped', 1.5, (_r, d) => d.family.length > 1 && Boolean(d.family.pop())],
  ['second given name dropped', 1, (_r, d) => d.given.length > 1 && Boolean(d.given.pop())],
  ['given names reordered', 0.7, (_r, d) => d.given.length > 1 && !d.given[1]!.includes(' ') && Boolean(d.given.reverse())],
  ['family names reordered', 0.3, (_r, d) => d.family.length > 1 && Boolean(d.family.reverse())],
  ['names in each other\'s fields', 0.3, (_r, d) => {
    [d.given, d.family] = [d.family, d.given];
    return true;
  }],
  ['abbreviated María', 0.3, (_r, d) => d.given[0] === 'María' && Boolean((d.given[0] = 'Ma.'))],
  ['day and month swapped', 1.5, (_r, d) => {
    if (d.precision !== 'day' || d.day > 12 || d.day === d.month) return false;
    [d.day, d.month] = [d.month, d.day];
    return true;
  }],
  ['year only', 1.5, (_r, d) => d.precision === 'day' && Boolean((d.precision = 'year'))],
  ['one digit of the date', 1.5, (rnd, d) => {
    if (d.precision !== 'day') return false;
    const which = rnd.int(0, 2);
    if (which === 0) d.year += rnd.pick([-1, 1, -10, 10]);
    else if (which === 1) d.month = d.month <= 8 || d.month === 10 || d.month === 11 ? d.month + 1 : d.month - 1;
    else d.day = d.day > 20 ? d.day - 10 : d.day % 10 === 9 ? d.day - 1 : d.day + 1;
    return d.year <= THIS_YEAR;
  }],
  ['approximate year', 0.7, (rnd, d) => {
    d.precision = 'year';
    d.year += rnd.pick([-1, 1]);
    return d.year <= THIS_YEAR;
  }],
  ['sex mistyped', 0.3, (_r, d) => Boolean((d.sex = d.sex === 'F' ? 'M' : 'F'))],
];

function capitalise(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function plantDuplicate(rnd: Random, original: Draft, id: string, newCedula: () => IdentityDocument): { copy: Draft; slips: string[] } {
  const copy: Draft = { ...original, id, given: [...original.given], family: [...original.family], documents: [...original.documents] };
  const slips: string[] = [];
  const wanted = rnd.chance(0.6) ? 1 : rnd.chance(0.75) ? 2 : 3;
  for (let tries = 0; slips.length < wanted && tries < 20; tries++) {
    const slip = pickSlip(rnd);
    if (slips.includes(slip[0])) continue;
    if (slip[2](rnd, copy)) slips.push(slip[0]);
  }
  // Where and with what the person came back: the same household enrolled twice, or moved, or no document this time.
  const where = rnd.next();
  if (where < 0.45) slips.push('same household');
  else if (where < 0.85) {
    Object.assign(copy, newPlace(rnd, `${id}-h`));
    slips.push('moved');
  } else {
    Object.assign(copy, { householdId: null, addressKey: null });
    slips.push('no household');
  }
  if (copy.documents.length > 0) {
    const r = rnd.next();
    if (r < 0.35) {
      copy.documents = [];
      slips.push('document not shown');
    } else if (r < 0.42) {
      const doc = copy.documents[0]!;
      const digits = doc.number.replace(/\D/g, '');
      const i = rnd.int(0, digits.length - 1);
      copy.documents = [{ type: doc.type, number: `V-${digits.slice(0, i)}${(Number(digits[i]) + 1) % 10}${digits.slice(i + 1)}` }];
      slips.push('document number mistyped');
    }
  } else if (rnd.chance(0.1)) {
    copy.documents = [newCedula()];
    slips.push('document obtained since');
  }
  return { copy, slips };
}

function pickSlip(rnd: Random): Slip {
  let total = 0;
  for (const s of SLIPS) total += s[1];
  let r = rnd.next() * total;
  for (const s of SLIPS) {
    r -= s[1];
    if (r < 0) return s;
  }
  return SLIPS[0]!;
}
