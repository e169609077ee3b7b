import { compareBirthDates } from './birth-date.ts';
import { compareNameTokens, type NameComparison } from './compare-names.ts';
import { DEFAULT_NAME_FREQUENCIES, type NameFrequencies } from './name-frequency.ts';
import { normaliseDocumentNumber, normaliseDocumentType, normaliseName } from './normalise.ts';
import { reason } from './reason.ts';
import { spanishPhonetic } from './spanish-phonetic.ts';
import { typingDistance } from './string-similarity.ts';
import type { DedupPerson, PairScore, Reason, ReasonCode, Thresholds } from './types.ts';
import { WEIGHTS } from './weights.ts';

/**
 * Chosen with `dedup-population.test.ts` (README.md, "Thresholds"): `review` keeps
 * at least 95 % of planted duplicates while at least 90 % of what it flags is one,
 * `same` is where nearly everything flagged is a duplicate.
 */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({ review: 0.4, same: 0.95 });

/**
 * Scores how likely two records are the same person, with the evidence for a registrar.
 * score = 1 / (1 + 2^-(prior + Σ weights)). Symmetric, pure, never throws. A pair that
 * shares an identity document is never `different`: someone must look at it.
 */
export function scorePair(a: DedupPerson, b: DedupPerson, thresholds: Thresholds = DEFAULT_THRESHOLDS, options: ScoreOptions = {}): PairScore {
  const names = readNames(a, b, options.frequencies ?? DEFAULT_NAME_FREQUENCIES);
  const reasons = [
    ...names.reasons,
    ...birthDateReasons(a, b),
    ...sexReasons(a, b),
    ...documentReasons(a, b),
    ...placeReasons(a, b, sameNames(names)),
  ];
  // A fixed order (size, then code) also makes the floating-point sum the same for (a, b) and (b, a).
  reasons.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  const total = reasons.reduce<number>((sum, r) => sum + r.weight, WEIGHTS.prior);
  const score = 1 / (1 + 2 ** -total);
  let decision: PairScore['decision'] = score >= thresholds.same ? 'same' : score >= thresholds.review ? 'review' : 'different';
  if (decision === 'different' && reasons.some((r) => r.code === 'document_equal')) decision = 'review';
  return { score, decision, reasons };
}

export interface ScoreOptions {
  /** How common names are; default the built-in estimate for Spanish names (`name-frequency.ts`). */
  frequencies?: NameFrequencies;
}

interface NameParts {
  given: string[];
  family: string[];
}

function parts(p: DedupPerson): NameParts {
  return { given: normaliseName(p.givenNames), family: normaliseName(p.familyNames, { part: 'family' }) };
}

const givenCodes = {
  equal: 'given_names_equal',
  sound_alike: 'given_names_sound_alike',
  similar: 'given_names_similar',
  subset: 'given_names_subset',
  partial: 'given_names_partial',
  different: 'given_names_different',
} as const satisfies Record<NameComparison['agreement'], ReasonCode>;

const familyCodes = {
  equal: 'family_names_equal',
  sound_alike: 'family_names_sound_alike',
  similar: 'family_names_similar',
  subset: 'family_names_subset',
  partial: 'family_names_partial',
  different: 'family_names_different',
} as const satisfies Record<NameComparison['agreement'], ReasonCode>;

interface Component {
  codes: Record<NameComparison['agreement'], ReasonCode>;
  weights: Record<NameComparison['agreement'], number>;
  reordered: [ReasonCode, number];
  firstMissing: [ReasonCode, number];
}

const GIVEN: Component = {
  codes: givenCodes,
  weights: WEIGHTS.given,
  reordered: ['given_names_reordered', WEIGHTS.givenReordered],
  firstMissing: ['given_names_first_missing', WEIGHTS.givenFirstMissing],
};

const FAMILY: Component = {
  codes: familyCodes,
  weights: WEIGHTS.family,
  reordered: ['family_names_reordered', WEIGHTS.familyReordered],
  firstMissing: ['family_names_first_missing', WEIGHTS.familyFirstMissing],
};

function componentReasons(c: NameComparison | null, component: Component, shown: { a: string; b: string }): Reason[] {
  if (!c) return [];
  const out = [reason(component.codes[c.agreement], component.weights[c.agreement], shown)];
  if (c.reordered) out.push(reason(component.reordered[0], component.reordered[1], shown));
  if (c.firstMissing) out.push(reason(component.firstMissing[0], component.firstMissing[1], shown));
  return out;
}

function weightOf(reasons: readonly Reason[]): number {
  return reasons.reduce((sum, r) => sum + r.weight, 0);
}

const AGREEING = new Set(['equal', 'sound_alike', 'similar', 'subset']);

interface Reading {
  /** Name reasons, frequency reasons included. */
  reasons: Reason[];
  given: NameComparison | null;
  family: NameComparison | null;
}

/** All given names agree (slips aside), and the family names too, or one record lacks the second. */
function sameNames(reading: Reading): boolean {
  const { given, family } = reading;
  return given !== null && family !== null && FULL.has(given.agreement) && AGREEING.has(family.agreement) && !family.firstMissing;
}

const FULL = new Set(['equal', 'sound_alike', 'similar']);

/**
 * Reads the names straight, and also as typed in each other's fields ("Pérez
 * Rodríguez, Juan Carlos"), keeping the reading with the most weight. Crossed, the
 * registrar's fields say nothing about which side is right, so both assignments of
 * the given and family weights are tried; that keeps the score symmetric.
 */
function readNames(a: DedupPerson, b: DedupPerson, frequencies: NameFrequencies): Reading {
  const x = parts(a);
  const y = parts(b);
  const given = compareNameTokens(x.given, y.given);
  const family = compareNameTokens(x.family, y.family);
  const straightReasons = [
    ...componentReasons(given, GIVEN, { a: a.givenNames, b: b.givenNames }),
    ...componentReasons(family, FAMILY, { a: a.familyNames, b: b.familyNames }),
  ];
  const straight: Reading = {
    reasons: [...straightReasons, ...frequencyReasons(frequencies, { comparison: given, typed: a.givenNames, part: 'given' }, { comparison: family, typed: a.familyNames, part: 'family' })],
    given,
    family,
  };
  const aGivenBFamily = compareNameTokens(x.given, y.family);
  const aFamilyBGiven = compareNameTokens(x.family, y.given);
  if (!aGivenBFamily || !aFamilyBGiven || !AGREEING.has(aGivenBFamily.agreement) || !AGREEING.has(aFamilyBGiven.agreement)) return straight;
  const crossed = (asGiven: 'aGiven' | 'aFamily'): Reading => {
    const [g, f] = asGiven === 'aGiven' ? [aGivenBFamily, aFamilyBGiven] : [aFamilyBGiven, aGivenBFamily];
    const [gShown, fShown] = asGiven === 'aGiven' ? [{ a: a.givenNames, b: b.familyNames }, { a: a.familyNames, b: b.givenNames }] : [{ a: a.familyNames, b: b.givenNames }, { a: a.givenNames, b: b.familyNames }];
    return {
      reasons: [
        reason('names_in_other_fields', WEIGHTS.namesInOtherFields, { a: `${a.givenNames} | ${a.familyNames}`, b: `${b.givenNames} | ${b.familyNames}` }),
        ...componentReasons(g, GIVEN, gShown),
        ...componentReasons(f, FAMILY, fShown),
        ...frequencyReasons(frequencies, { comparison: g, typed: gShown.a, part: 'either' }, { comparison: f, typed: fShown.a, part: 'either' }),
      ],
      given: g,
      family: f,
    };
  };
  // On a tie, the reading that finds the same names, so that (a, b) and (b, a) also agree on the household.
  const better = (r: Reading, best: Reading) => weightOf(r.reasons) - weightOf(best.reasons) || Number(sameNames(r)) - Number(sameNames(best));
  return [crossed('aGiven'), crossed('aFamily')].reduce((best, r) => (better(r, best) > 0 ? r : best), straight);
}

interface FrequencyInput {
  comparison: NameComparison | null;
  /** What side a typed, to quote the names as written. */
  typed: string;
  /** Which list says how common the names are; `either` (names typed in each other's fields): the commoner reading. */
  part: 'given' | 'family' | 'either';
}

/**
 * How common the names the two records agree on are (`name-frequency.ts`): at most
 * one reason for common names (negative) and one for uncommon ones (positive). Family
 * names count one by one (father's and mother's are independent); given names count
 * as one choice, by the rarest of those matched ("María José" is about as common as
 * José, not as María times José). Names typed in each other's fields count like
 * given names, each side by its commoner reading. Initials and names that do not
 * agree count for nothing.
 */
function frequencyReasons(frequencies: NameFrequencies, given: FrequencyInput, family: FrequencyInput): Reason[] {
  const common = { names: [] as string[], weight: 0 };
  const uncommon = { names: [] as string[], weight: 0 };
  const add = (names: string[], weight: number) => {
    const side = weight < 0 ? common : weight > 0 ? uncommon : null;
    if (!side) return;
    side.names.push(...names);
    side.weight += weight;
  };
  const shareOf = (token: string, part: FrequencyInput['part']) => {
    const key = spanishPhonetic(token);
    return part === 'given' ? frequencies.given(key) : part === 'family' ? frequencies.family(key) : Math.max(frequencies.given(key), frequencies.family(key));
  };
  const matched = ({ comparison, typed, part }: FrequencyInput) =>
    comparison && AGREEING.has(comparison.agreement)
      ? comparison.matched
          .filter(([p, q]) => p.length > 1 && q.length > 1)
          .map(([p, q]) => ({ name: typedWord(typed, p), share: Math.max(shareOf(p, part), shareOf(q, part)) }))
      : [];
  const rarestOf = (names: { name: string; share: number }[], w: FrequencyBounds) => {
    if (names.length === 0) return;
    const rarest = names.reduce((r, g) => (g.share < r.share ? g : r));
    const weight = frequencyWeight(rarest.share, w);
    // Common only if every matched name is: then the rarest speaks for all of them.
    add(weight < 0 ? names.map((g) => g.name) : [rarest.name], weight);
  };

  rarestOf(matched(given), WEIGHTS.frequency.given);
  if (family.part === 'family') for (const f of matched(family)) add([f.name], frequencyWeight(f.share, WEIGHTS.frequency.family));
  else rarestOf(matched(family), WEIGHTS.frequency.given);

  const out: Reason[] = [];
  const list = (names: string[]) => [...new Set(names)].map((n) => `“${n}”`).join(', ');
  if (common.names.length > 0) out.push(reason('common_names', round(common.weight), { a: list(common.names), b: '' }));
  if (uncommon.names.length > 0) out.push(reason('uncommon_names', round(uncommon.weight), { a: list(uncommon.names), b: '' }));
  return out;
}

interface FrequencyBounds {
  reference: number;
  min: number;
  max: number;
}

/** log2(reference / share), within the bounds: how much likelier a namesake is than for a name of the reference share. */
function frequencyWeight(share: number, w: FrequencyBounds): number {
  return Math.min(w.max, Math.max(w.min, Math.log2(w.reference / share)));
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The word of `text` that normalises to `token`, as the registrar typed it ("González" for `gonzalez`). */
function typedWord(text: string, token: string): string {
  for (const word of text.split(/\s+/)) {
    const tokens = normaliseName(word);
    if (tokens.includes(token) || normaliseName(word, { part: 'family' }).includes(token)) return word.replace(/[.,;:]+$/, '');
  }
  return token.charAt(0).toUpperCase() + token.slice(1);
}

const dateCodes = {
  exact: 'birth_date_exact',
  day_month_swapped: 'birth_date_day_month_swapped',
  year_only_match: 'birth_date_year_only_match',
  year_typo: 'birth_date_year_typo',
  one_digit_typo: 'birth_date_one_digit_typo',
  within_one_year: 'birth_date_within_one_year',
  different: 'birth_date_different',
} as const satisfies Record<string, ReasonCode>;

function birthDateReasons(a: DedupPerson, b: DedupPerson): Reason[] {
  const c = compareBirthDates(a.birthDate, b.birthDate);
  if (!c) return [];
  return [reason(dateCodes[c.agreement], c.weight, { a: shownDate(a), b: shownDate(b) })];
}

function shownDate(p: DedupPerson): string {
  const d = p.birthDate!;
  return d.precision === 'year' ? d.value.slice(0, 4) : d.value;
}

function sexReasons(a: DedupPerson, b: DedupPerson): Reason[] {
  if (!a.sex || !b.sex || a.sex === 'X' || b.sex === 'X') return [];
  return a.sex === b.sex
    ? [reason('sex_equal', WEIGHTS.sexEqual, { a: a.sex, b: b.sex })]
    : [reason('sex_different', WEIGHTS.sexDifferent, { a: a.sex, b: b.sex })];
}

/** At most one document reason: a shared document outweighs everything else about documents. */
function documentReasons(a: DedupPerson, b: DedupPerson): Reason[] {
  const found = new Map<ReasonCode, { a: string; b: string }>();
  for (const da of a.documents) {
    for (const db of b.documents) {
      const ta = normaliseDocumentType(da.type);
      const tb = normaliseDocumentType(db.type);
      const na = normaliseDocumentNumber(da.number);
      const nb = normaliseDocumentNumber(db.number);
      if (na === '' || nb === '') continue;
      const shown = { a: `${da.type} ${da.number}`, b: `${db.type} ${db.number}` };
      if (ta === tb && na === nb) found.set('document_equal', shown);
      else if (na === nb) found.set('document_number_other_type', shown);
      else if (ta === tb) found.set(typingDistance(na, nb) <= 1 ? 'document_number_near' : 'document_conflict', shown);
    }
  }
  const weights = {
    document_equal: WEIGHTS.documentEqual,
    document_number_other_type: WEIGHTS.documentNumberOtherType,
    document_number_near: WEIGHTS.documentNumberNear,
    document_conflict: WEIGHTS.documentConflict,
  } as const;
  for (const code of Object.keys(weights) as (keyof typeof weights)[]) {
    const shown = found.get(code);
    if (shown) return [reason(code, weights[code], shown)];
  }
  return [];
}

/**
 * Only the closest place counts: a household implies its address and region. A
 * household shared by two records with the same names is strong evidence: relatives
 * share a household and family names, but not their given names as well (a son named
 * after his father differs in his second family name and his birth date).
 */
function placeReasons(a: DedupPerson, b: DedupPerson, sameNames: boolean): Reason[] {
  if (a.householdId && a.householdId === b.householdId) {
    return sameNames
      ? [reason('same_household_same_names', WEIGHTS.sameHouseholdSameNames, { a: a.householdId, b: b.householdId })]
      : [reason('same_household', WEIGHTS.sameHousehold, { a: a.householdId, b: b.householdId })];
  }
  if (a.addressKey && a.addressKey === b.addressKey) return [reason('same_address', WEIGHTS.sameAddress, { a: a.addressKey, b: b.addressKey })];
  if (!a.regionCode || !b.regionCode) return [];
  if (a.regionCode === b.regionCode) return [reason('same_region', WEIGHTS.sameRegion, { a: a.regionCode, b: b.regionCode })];
  const m = municipality(a.regionCode);
  return m !== null && m === municipality(b.regionCode) ? [reason('nearby_region', WEIGHTS.nearbyRegion, { a: a.regionCode, b: b.regionCode })] : [];
}

function municipality(code: string): string | null {
  const levels = code.split('-');
  return levels.length >= 2 ? `${levels[0]}-${levels[1]}` : null;
}
