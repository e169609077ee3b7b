import { compareBirthDates } from './birth-date.ts';
import { compareNameTokens, type NameComparison } from './compare-names.ts';
import { normaliseDocumentNumber, normaliseDocumentType, normaliseName } from './normalise.ts';
import { reason } from './reason.ts';
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
export function scorePair(a: DedupPerson, b: DedupPerson, thresholds: Thresholds = DEFAULT_THRESHOLDS): PairScore {
  const reasons = [...nameReasons(a, b), ...birthDateReasons(a, b), ...sexReasons(a, b), ...documentReasons(a, b), ...placeReasons(a, b)];
  // A fixed order (size, then code) also makes the floating-point sum the same for (a, b) and (b, a).
  reasons.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  const total = reasons.reduce<number>((sum, r) => sum + r.weight, WEIGHTS.prior);
  const score = 1 / (1 + 2 ** -total);
  let decision: PairScore['decision'] = score >= thresholds.same ? 'same' : score >= thresholds.review ? 'review' : 'different';
  if (decision === 'different' && reasons.some((r) => r.code === 'document_equal')) decision = 'review';
  return { score, decision, reasons };
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

function nameReasons(a: DedupPerson, b: DedupPerson): Reason[] {
  const x = parts(a);
  const y = parts(b);
  const straight = [
    ...componentReasons(compareNameTokens(x.given, y.given), GIVEN, { a: a.givenNames, b: b.givenNames }),
    ...componentReasons(compareNameTokens(x.family, y.family), FAMILY, { a: a.familyNames, b: b.familyNames }),
  ];
  // Given names typed in the family-name fields and the other way round ("Pérez Rodríguez, Juan Carlos").
  const crossedGiven = compareNameTokens(x.given, y.family);
  const crossedFamily = compareNameTokens(x.family, y.given);
  if (!crossedGiven || !crossedFamily || !AGREEING.has(crossedGiven.agreement) || !AGREEING.has(crossedFamily.agreement)) return straight;
  const crossed = [
    reason('names_in_other_fields', WEIGHTS.namesInOtherFields, { a: `${a.givenNames} | ${a.familyNames}`, b: `${b.givenNames} | ${b.familyNames}` }),
    ...componentReasons(crossedGiven, GIVEN, { a: a.givenNames, b: b.familyNames }),
    ...componentReasons(crossedFamily, FAMILY, { a: a.familyNames, b: b.givenNames }),
  ];
  return weightOf(crossed) > weightOf(straight) ? crossed : straight;
}

const dateCodes = {
  exact: 'birth_date_exact',
  day_month_swapped: 'birth_date_day_month_swapped',
  year_only_match: 'birth_date_year_only_match',
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

/** Only the closest place counts: a household implies its address and region. */
function placeReasons(a: DedupPerson, b: DedupPerson): Reason[] {
  if (a.householdId && a.householdId === b.householdId) return [reason('same_household', WEIGHTS.sameHousehold, { a: a.householdId, b: b.householdId })];
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
