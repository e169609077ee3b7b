/**
 * How fast a compiled rule runs: 1,000,000 evaluations of demo rules over prepared
 * facts, against the same rule written by hand in TypeScript in the same run (the
 * ratio is what to compare between machines), and the cost of building the facts
 * from registry records. Not a test; run with `npx tsx src/programs/rules/bench-rules.ts`.
 */
import { parseAttributeEntry } from '../../registry/catalogue/attribute-definition.ts';
import { DEFAULT_CATALOGUE } from '../../registry/catalogue/default-catalogue.ts';
import { buildRuleFacts, type MemberRecord } from './build-rule-facts.ts';
import { checkRule } from './check-rule.ts';
import type { CompiledRule, RuleFacts } from './compiled-rule.ts';
import { DEMO_PROGRAM_RULES } from './demo-program-rules.ts';
import { evaluate } from './evaluate-rule.ts';

const N = 1_000_000;
const catalogue = DEFAULT_CATALOGUE.map((input) => parseAttributeEntry(input));

function compile(key: string, kind: 'eligibility' | 'quantity'): CompiledRule {
  const program = DEMO_PROGRAM_RULES.find((p) => p.key === key)!;
  const result = checkRule(program[kind], { sector: program.sector, unit: program.unit, catalogue, kind });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.compiled;
}

// A small deterministic generator, so that every run measures the same households.
let seed = 42;
const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

function randomHousehold(): MemberRecord[] {
  const size = 1 + Math.floor(next() * 8);
  return Array.from({ length: size }, (_, i): MemberRecord => {
    const year = 1940 + Math.floor(next() * 86);
    return {
      relationship: i === 0 ? 'head' : i === 1 ? 'spouse' : 'child',
      sex: next() < 0.5 ? 'F' : 'M',
      birthDate: { value: `${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`, precision: 'day' },
      attributes: next() < 0.9 ? { monthly_income: (next() * 2_000_000).toFixed(2), formal_employment: next() < 0.3 } : {},
    };
  });
}

const households = Array.from({ length: 1000 }, randomHousehold);
const referenceDate = '2026-12-01';

function measure(label: string, run: (i: number) => unknown): number {
  for (let i = 0; i < 50_000; i++) run(i); // warm up
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < N; i++) if (run(i)) sink++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = N / seconds;
  console.log(`${label.padEnd(52)} ${Math.round(rate).toLocaleString('en').padStart(12)} /s   (${sink} true)`);
  return rate;
}

const food = compile('food_box', 'eligibility');
const foodFacts: RuleFacts[] = households.map((members) => buildRuleFacts(food, { regionCode: 'AN-01', members, referenceDate }));
const foodByHand = (f: RuleFacts) => {
  const income = f.household.sum.monthly_income;
  return income !== undefined && (income as number) / Number(f.household.size as bigint) < 500000;
};

const pension = compile('pension', 'eligibility');
const pensionFacts: RuleFacts[] = households.map((members) => buildRuleFacts(pension, { regionCode: 'AN-01', members, person: 0, referenceDate }));
const pensionByHand = (f: RuleFacts) => {
  const age = f.person!.age as bigint | undefined;
  const formal = f.person!.formal_employment as boolean | undefined;
  return age !== undefined && age >= 60n && formal === false;
};

const boxes = compile('food_box', 'quantity');
const boxFacts: RuleFacts[] = households.map((members) => buildRuleFacts(boxes, { regionCode: 'AN-01', members, referenceDate }));

console.log(`rules: ${N.toLocaleString('en')} evaluations each, over 1,000 distinct prepared facts (node ${process.version})`);
const a = measure('food_box eligibility, evaluate()', (i) => evaluate(food, foodFacts[i % 1000]!));
const b = measure('food_box eligibility, written by hand', (i) => foodByHand(foodFacts[i % 1000]!));
const c = measure('pension eligibility, evaluate()', (i) => evaluate(pension, pensionFacts[i % 1000]!));
const d = measure('pension eligibility, written by hand', (i) => pensionByHand(pensionFacts[i % 1000]!));
measure('food_box quantity, evaluate()', (i) => evaluate(boxes, boxFacts[i % 1000]!));
measure('food_box: buildRuleFacts() + evaluate()', (i) =>
  evaluate(food, buildRuleFacts(food, { regionCode: 'AN-01', members: households[i % 1000]!, referenceDate })),
);
console.log(`ratio to hand-written TypeScript: food_box ${((a / b) * 100).toFixed(1)} %, pension ${((c / d) * 100).toFixed(1)} %`);
