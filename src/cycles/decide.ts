import type { ProgramUnit } from '../programs/program-kinds.ts';
import type { CompiledProgramRules } from '../programs/compile-program-rules.ts';
import { buildRuleFacts, type MemberRecord } from '../programs/rules/build-rule-facts.ts';
import { computeQuantity, evaluate, shownFacts } from '../programs/rules/evaluate-rule.ts';
import type { RecordedFacts } from './tables.ts';

/** A household as a cycle reads it: where it is, and its active members with only the attributes the rule reads. */
export interface HouseholdRecords {
  householdId: string;
  regionCode: string;
  distributionPoint: string | null;
  members: { personId: string; record: MemberRecord }[];
}

/** What a cycle decided for one household (household programs) or person (person programs). */
export interface Decision {
  /** The household id or person id, turned into a sector pseudonym before anything is stored. */
  holderId: string;
  regionCode: string;
  distributionPoint: string | null;
  eligible: boolean;
  /** Units due, as exact decimal text; null when nothing is due. */
  quantity: string | null;
  /** Eligible, but the quantity rule could not be computed (a value not recorded). */
  notComputed: boolean;
  /** The facts the decision read, by path (empty for a decision with nothing due, unless all are recorded). */
  facts: RecordedFacts;
}

export interface DecisionRules {
  unit: ProgramUnit;
  /** What buildRuleFacts plans from: one object for the whole cycle, so the plan is made once. */
  factsOf: { unit: ProgramUnit; references: Extract<CompiledProgramRules, { ok: true }>['references'] };
  /** The facts recorded with each decision, by path. */
  paths: readonly string[];
  /** Cash counts in the currency's cents; in-kind measures to a thousandth. */
  quantityScale: 2 | 3;
  /** The program's points; empty when it is served wherever the household is assigned. */
  distributionPoints: readonly string[];
  compiled: Extract<CompiledProgramRules, { ok: true }>;
}

export function decisionRules(program: { unit: ProgramUnit; benefit_kind: string; distribution_points: readonly string[] }, compiled: Extract<CompiledProgramRules, { ok: true }>): DecisionRules {
  return {
    unit: program.unit,
    factsOf: { unit: program.unit, references: compiled.references },
    paths: compiled.references.map((r) => r.path),
    quantityScale: program.benefit_kind === 'cash' ? 2 : 3,
    distributionPoints: program.distribution_points,
    compiled,
  };
}

/** numeric(16,3): the largest quantity an entitlement holds. */
const QUANTITY_LIMIT = 1e13;

/**
 * The decisions for one household: one for a household program, one per active member
 * for a person program. A household without active members decides nothing. The facts
 * read are recorded with the decisions that give something (all of them with
 * `recordAll`, for a comparison). Pure.
 */
export function decideHousehold(rules: DecisionRules, household: HouseholdRecords, referenceDate: string, recordAll = false): Decision[] {
  if (household.members.length === 0) return [];
  const records = household.members.map((m) => m.record);
  const point = rules.distributionPoints.length === 0 || (household.distributionPoint !== null && rules.distributionPoints.includes(household.distributionPoint)) ? household.distributionPoint : null;
  const context: DecisionContext = { rules, household, records, point, referenceDate, recordAll };
  if (rules.unit === 'household') return [decideOne(context, household.householdId, undefined)];
  return household.members.map((m, i) => decideOne(context, m.personId, i));
}

interface DecisionContext {
  rules: DecisionRules;
  household: HouseholdRecords;
  records: MemberRecord[];
  point: string | null;
  referenceDate: string;
  recordAll: boolean;
}

function decideOne(c: DecisionContext, holderId: string, person: number | undefined): Decision {
  const { rules } = c;
  const facts = buildRuleFacts(rules.factsOf, { regionCode: c.household.regionCode, members: c.records, referenceDate: c.referenceDate, ...(person === undefined ? {} : { person }) });
  const eligible = evaluate(rules.compiled.eligibility, facts) === true;
  let quantity: string | null = null;
  let notComputed = false;
  if (eligible) {
    const n = computeQuantity(rules.compiled.quantity, facts);
    if (n === undefined || n >= QUANTITY_LIMIT) notComputed = true;
    else if (n > 0) {
      const text = decimalText(n, rules.quantityScale);
      if (text !== '0') quantity = text;
    }
  }
  const recorded = quantity !== null || c.recordAll ? shownFacts(facts, rules.paths) : {};
  return { holderId, regionCode: c.household.regionCode, distributionPoint: c.point, eligible, quantity, notComputed, facts: recorded };
}

/**
 * A non-negative number as decimal text with at most `scale` decimals, rounded half up
 * on its shortest decimal form (so 1.005 is "1.01", as a person reading it expects,
 * not the binary 1.00499…). Whole numbers stay whole ("3"). A result below the
 * smallest unit is "0".
 */
export function decimalText(n: number, scale: number): string {
  if (Number.isInteger(n)) return String(n);
  const [whole, fraction = ''] = n.toFixed(Math.min(20, scale + 6)).split('.') as [string, string?];
  const kept = fraction.slice(0, scale);
  let digits = BigInt(whole + kept);
  if (Number(fraction[scale] ?? '0') >= 5) digits += 1n;
  const text = digits.toString().padStart(scale + 1, '0');
  const result = `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, '');
  return result === '' ? '0' : result;
}
