import type { CompiledRule, FactValue, HouseholdFacts, RuleFacts } from './compiled-rule.ts';
import { parseRuleDate } from './rule-environment.ts';
import type { FactType } from './rule-vocabulary.ts';

/**
 * Turns registry records into the facts a rule reads, computing exactly the facts the
 * rule references (rule-vocabulary.ts gives their meaning) and nothing else: a special
 * attribute the rule does not name never enters the facts, and the facts object is the
 * record of what a decision was based on.
 *
 * Values are read as the registry stores them (validate-attribute-value.ts): booleans,
 * whole numbers, decimals as exact strings, dates as YYYY-MM-DD, enum values. A value
 * of the wrong shape is treated as not recorded, never guessed.
 */

/** One member of a household as the registry records them (active records only). */
export interface MemberRecord {
  relationship: 'head' | 'spouse' | 'child' | 'parent' | 'other';
  sex: 'F' | 'M' | 'X' | null;
  /** A year-only date has precision `year` (stored as YYYY-01-01); only its year counts. */
  birthDate: { value: string; precision: 'day' | 'year' } | null;
  attributes: Readonly<Record<string, unknown>>;
}

export interface RuleFactsInput {
  regionCode: string;
  members: readonly MemberRecord[];
  /** For a person-unit rule: the index in `members` of the person decided about. */
  person?: number;
  /** The first day of the cycle's period, YYYY-MM-DD. */
  referenceDate: string;
}

interface Plan {
  person: { derived: Set<string>; attributes: [string, FactType][] } | undefined;
  household: Set<string>;
  membersWith: string[];
  sums: [string, FactType][];
  ages: boolean;
}

const plans = new WeakMap<object, Plan>();

function planOf(compiled: Pick<CompiledRule, 'unit' | 'references'>): Plan {
  let plan = plans.get(compiled);
  if (plan) return plan;
  const person = compiled.unit === 'person' ? { derived: new Set<string>(), attributes: [] as [string, FactType][] } : undefined;
  plan = { person, household: new Set(), membersWith: [], sums: [], ages: false };
  for (const ref of compiled.references) {
    const [root, name, key] = ref.path.split('.') as [string, string, string | undefined];
    if (root === 'person' && person) {
      if (ref.origin === 'derived') person.derived.add(name);
      else person.attributes.push([name, ref.type]);
    } else if (root === 'household') {
      if (ref.origin === 'members_with') plan.membersWith.push(key!);
      else if (ref.origin === 'sum') plan.sums.push([key!, ref.type]);
      else plan.household.add(name);
    }
  }
  plan.ages =
    ['children_under_5', 'children_under_18', 'members_60_plus'].some((f) => plan!.household.has(f)) ||
    (person !== undefined && (person.derived.has('age') || person.derived.has('children_under_5')));
  plans.set(compiled, plan);
  return plan;
}

/**
 * The facts for one decision. Throws only on a caller's mistake (no `person` for a
 * person-unit rule, a reference date that is not YYYY-MM-DD); missing or malformed
 * registry values become "not recorded".
 */
export function buildRuleFacts(compiled: Pick<CompiledRule, 'unit' | 'references'>, input: RuleFactsInput): RuleFacts {
  const plan = planOf(compiled);
  const reference = referenceOf(input.referenceDate);
  const { members } = input;
  const ages = plan.ages ? members.map((m) => ageOf(m.birthDate, reference)) : [];

  const household: HouseholdFacts = { members_with: {}, sum: {} };
  for (const fact of plan.household) {
    switch (fact) {
      case 'size':
        household.size = BigInt(members.length);
        break;
      case 'children_under_5':
        household.children_under_5 = BigInt(ages.filter((a) => a !== undefined && a < 5).length);
        break;
      case 'children_under_18':
        household.children_under_18 = BigInt(ages.filter((a) => a !== undefined && a < 18).length);
        break;
      case 'members_60_plus':
        household.members_60_plus = BigInt(ages.filter((a) => a !== undefined && a >= 60).length);
        break;
      case 'head_sex': {
        const sex = members.find((m) => m.relationship === 'head')?.sex;
        if (sex) household.head_sex = sex;
        break;
      }
      case 'region':
        household.region = input.regionCode;
        break;
    }
  }
  if (plan.membersWith.length) {
    const counts: Record<string, bigint> = {};
    for (const key of plan.membersWith) counts[key] = BigInt(members.filter((m) => m.attributes[key] === true).length);
    household.members_with = counts;
  }
  if (plan.sums.length) {
    const sums: Record<string, bigint | number> = {};
    for (const [key, type] of plan.sums) {
      let total: bigint | number | undefined;
      for (const m of members) {
        const v = attributeValue(m.attributes[key], type);
        if (v === undefined) continue;
        total = total === undefined ? (v as bigint | number) : type === 'int' ? (total as bigint) + (v as bigint) : (total as number) + (v as number);
      }
      if (total !== undefined) sums[key] = total;
    }
    household.sum = sums;
  }

  const facts: RuleFacts = { household, cycle: { reference_date: reference.date } };
  if (plan.person) {
    const index = input.person;
    const member = index === undefined ? undefined : members[index];
    if (!member) throw new Error('buildRuleFacts: a person-unit rule needs the index of the person decided about');
    const person: Record<string, FactValue> = {};
    for (const fact of plan.person.derived) {
      switch (fact) {
        case 'age': {
          const age = ages[index!];
          if (age !== undefined) person.age = BigInt(age);
          break;
        }
        case 'sex':
          if (member.sex) person.sex = member.sex;
          break;
        case 'relationship':
          person.relationship = member.relationship;
          break;
        case 'children_under_5':
          person.children_under_5 =
            member.relationship === 'head' || member.relationship === 'spouse'
              ? BigInt(members.filter((m, i) => m.relationship === 'child' && ages[i] !== undefined && ages[i]! < 5).length)
              : 0n;
          break;
      }
    }
    for (const [key, type] of plan.person.attributes) {
      const v = attributeValue(member.attributes[key], type);
      if (v !== undefined) person[key] = v;
    }
    facts.person = person;
  }
  return facts;
}

interface ReferenceDate {
  text: string;
  date: Date;
  y: number;
  m: number;
  d: number;
}
let lastReference: ReferenceDate | undefined;

function referenceOf(text: string): ReferenceDate {
  if (lastReference?.text === text) return lastReference;
  const date = parseRuleDate(text);
  if (!date) throw new Error(`buildRuleFacts: the reference date must be YYYY-MM-DD, got ${JSON.stringify(text)}`);
  lastReference = { text, date, y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
  return lastReference;
}

/**
 * Completed years at the reference date; a year-only birth date counts from 1 July
 * (the middle of the year, the usual convention for an unknown day). Someone born
 * after the reference date is 0. Undefined without a (well-formed) birth date.
 */
function ageOf(birth: MemberRecord['birthDate'], ref: ReferenceDate): number | undefined {
  if (!birth) return undefined;
  const y = Number(birth.value.slice(0, 4));
  const [m, d] = birth.precision === 'year' ? [7, 1] : [Number(birth.value.slice(5, 7)), Number(birth.value.slice(8, 10))];
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  const age = ref.y - y - (ref.m < m || (ref.m === m && ref.d < d) ? 1 : 0);
  return Math.max(0, age);
}

/** A stored attribute value in its CEL form, or undefined when absent or malformed. */
function attributeValue(value: unknown, type: FactType): FactValue | undefined {
  switch (type) {
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : undefined;
    case 'decimal': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case 'date':
      return typeof value === 'string' ? parseRuleDate(value) : undefined;
    case 'enum':
    case 'text':
      return typeof value === 'string' ? value : undefined;
  }
}
