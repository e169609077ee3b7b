import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseAttributeEntry } from '../../registry/catalogue/attribute-definition.ts';
import { DEFAULT_CATALOGUE } from '../../registry/catalogue/default-catalogue.ts';
import { buildRuleFacts, type MemberRecord } from './build-rule-facts.ts';
import { checkRule, type CheckRuleOptions } from './check-rule.ts';
import type { CompiledRule, RuleFacts } from './compiled-rule.ts';
import { DEMO_PROGRAM_RULES } from './demo-program-rules.ts';
import { evaluate, explain, formatExplanation } from './evaluate-rule.ts';

const catalogue = DEFAULT_CATALOGUE.map((input) => parseAttributeEntry(input));

function compile(source: string, opts: Omit<CheckRuleOptions, 'catalogue'>): CompiledRule {
  const result = checkRule(source, { ...opts, catalogue });
  if (!result.ok) assert.fail(`${source}: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.compiled;
}

const demo = (key: (typeof DEMO_PROGRAM_RULES)[number]['key']) => {
  const program = DEMO_PROGRAM_RULES.find((p) => p.key === key)!;
  return {
    eligibility: compile(program.eligibility, { sector: program.sector, unit: program.unit, kind: 'eligibility' }),
    quantity: compile(program.quantity, { sector: program.sector, unit: program.unit, kind: 'quantity' }),
  };
};

const member = (m: Partial<MemberRecord> & Pick<MemberRecord, 'relationship'>): MemberRecord => ({ sex: null, birthDate: null, attributes: {}, ...m });
const born = (value: string) => ({ value, precision: 'day' as const });

/** A household of seven: a mother of two small children, her husband without an income record, his father, three more children. */
const household: MemberRecord[] = [
  member({ relationship: 'head', sex: 'F', birthDate: born('1990-04-10'), attributes: { monthly_income: '700000.00', formal_employment: false, chronic_condition_diabetes: true } }),
  member({ relationship: 'spouse', sex: 'M', birthDate: born('1988-08-21'), attributes: { owns_vehicle: true } }),
  member({ relationship: 'parent', sex: 'M', birthDate: born('1958-02-14'), attributes: { monthly_income: '1300000.00', disability: true } }),
  member({ relationship: 'child', sex: 'F', birthDate: born('2023-05-01') }),
  member({ relationship: 'child', sex: 'M', birthDate: born('2024-11-30') }),
  member({ relationship: 'child', sex: 'M', birthDate: born('2012-01-09') }),
  member({ relationship: 'child', sex: 'F', birthDate: born('2015-06-15') }),
];
const referenceDate = '2026-12-01';
const factsFor = (compiled: CompiledRule, person?: number) => buildRuleFacts(compiled, { regionCode: 'AN-01-02', members: household, referenceDate, ...(person === undefined ? {} : { person }) });
const decide = (rules: ReturnType<typeof demo>, person?: number) => {
  const eligible = evaluate(rules.eligibility, factsFor(rules.eligibility, person));
  return eligible ? evaluate(rules.quantity, factsFor(rules.quantity, person)) : 0;
};

describe('the five demo programs decide for one household', () => {
  test('food box: 2,000,000 for seven members is under 500,000 each; one box per five members gives 2', () => {
    assert.equal(decide(demo('food_box')), 2);
  });

  test('chronic medicine: a recorded diabetes is enough, the other condition need not be recorded', () => {
    const rules = demo('chronic_medicine');
    assert.deepEqual(household.map((_, i) => decide(rules, i)), [1, 0, 0, 0, 0, 0, 0]);
  });

  test('pension: the grandfather is 68 but his employment is not recorded, so he is not found eligible', () => {
    const rules = demo('pension');
    assert.deepEqual(household.map((_, i) => decide(rules, i)), [0, 0, 0, 0, 0, 0, 0]);
    const lines = formatExplanation(explain(rules.eligibility, factsFor(rules.eligibility, 2)));
    assert.deepEqual(lines, [
      'person.age >= 60 → true (person.age = 68)',
      '!person.formal_employment → false — not recorded: person.formal_employment (person.formal_employment = not recorded)',
      'result → false (all clauses must hold)',
    ]);
  });

  test('fuel quota: 40 litres for the vehicle owner only', () => {
    const rules = demo('fuel_quota');
    assert.deepEqual(household.map((_, i) => decide(rules, i)), [0, 40, 0, 0, 0, 0, 0]);
  });

  test("mothers' bonus: the mother of the two children under 5, nobody else", () => {
    const rules = demo('mothers_bonus');
    assert.deepEqual(household.map((_, i) => decide(rules, i)), [1, 0, 0, 0, 0, 0, 0]);
  });
});

describe('explanations', () => {
  test('a household decision, clause by clause, with the values read', () => {
    const compiled = compile(
      'household.sum.monthly_income / double(household.size) < 300000.0 &&\n  (household.children_under_5 > 0 || household.members_with.disability > 0) &&\n  household.members_60_plus == 0',
      { sector: 'food', unit: 'household' },
    );
    const explanation = explain(compiled, factsFor(compiled));
    assert.equal(explanation.result, false);
    assert.equal(explanation.join, 'and');
    assert.deepEqual(
      explanation.clauses.map((c) => [c.text, c.value]),
      [
        ['household.sum.monthly_income / double(household.size) < 300000.0', true],
        ['household.children_under_5 > 0 || household.members_with.disability > 0', true],
        ['household.members_60_plus == 0', false],
      ],
    );
    assert.deepEqual(formatExplanation(explanation), [
      'household.sum.monthly_income / double(household.size) < 300000.0 → true (household.sum.monthly_income = 2000000, household.size = 7)',
      'household.children_under_5 > 0 || household.members_with.disability > 0 → true (household.children_under_5 = 2, household.members_with.disability = 1)',
      'household.members_60_plus == 0 → false (household.members_60_plus = 1)',
      'result → false (all clauses must hold)',
    ]);
  });

  test('a quantity is one clause; a negative result is explained as 0', () => {
    const compiled = compile('household.size - 10', { sector: 'food', unit: 'household', kind: 'quantity' });
    const explanation = explain(compiled, factsFor(compiled));
    assert.equal(explanation.result, 0);
    assert.deepEqual(explanation.clauses.map((c) => [c.text, c.value]), [['household.size - 10', -3]]);
    assert.match(explanation.note ?? '', /computed -3; a quantity below 0 counts as 0/);
  });
});

describe('missing values never throw and never make anyone eligible', () => {
  const pensions = { sector: 'pensions', unit: 'person' } as const;
  const noIncome: RuleFacts = { person: { age: 70n }, household: { members_with: {}, sum: {} }, cycle: { reference_date: new Date('2026-12-01T00:00:00Z') } };

  test('a clause that needs a value not recorded is false, and says so', () => {
    const compiled = compile('person.age >= 60 && person.monthly_income < 1300000.0', pensions);
    assert.equal(evaluate(compiled, noIncome), false);
    const explanation = explain(compiled, noIncome);
    assert.deepEqual(explanation.clauses[1], {
      text: 'person.monthly_income < 1300000.0',
      value: false,
      facts: [{ path: 'person.monthly_income', value: null }],
      notRecorded: ['person.monthly_income'],
      problem: 'not recorded: person.monthly_income',
    });
  });

  test('a negation of a value not recorded is not true', () => {
    assert.equal(evaluate(compile('!person.formal_employment', pensions), noIncome), false);
    assert.equal(evaluate(compile('!(person.monthly_income > 100.0)', pensions), noIncome), false);
  });

  test('a value not recorded does not matter when the other side decides', () => {
    assert.equal(evaluate(compile('person.monthly_income < 1.0 || person.age >= 60', pensions), noIncome), true);
    assert.equal(evaluate(compile('person.age < 60 && person.monthly_income < 1.0', pensions), noIncome), false);
    assert.equal(evaluate(compile('person.age >= 60 ? true : person.disability', pensions), noIncome), true);
  });

  test('a rule may decide what "not recorded" means with has()', () => {
    const lenient = compile('person.age >= 60 && !(has(person.formal_employment) && person.formal_employment)', pensions);
    assert.equal(evaluate(lenient, noIncome), true);
    assert.equal(evaluate(lenient, { ...noIncome, person: { age: 70n, formal_employment: true } }), false);
  });

  test('a quantity that needs a value not recorded is 0, and the explanation says why', () => {
    const compiled = compile('person.age >= 60 ? int(person.monthly_income / 1000.0) : 1', { ...pensions, kind: 'quantity' });
    assert.equal(evaluate(compiled, noIncome), 0);
    assert.match(explain(compiled, noIncome).note ?? '', /could not be computed \(not recorded: person\.monthly_income\): nothing is due/);
  });

  test('nothing throws: division by zero, overflow, facts of the wrong shape, no facts at all', () => {
    const food = { sector: 'food', unit: 'household' } as const;
    const facts = factsFor(compile('household.size > 0', food));
    assert.equal(evaluate(compile('household.size / (household.size - household.size) > 1', food), facts), false);
    assert.equal(evaluate(compile('household.size * 9223372036854775807', { ...food, kind: 'quantity' }), { ...facts, household: { ...facts.household, size: 7n } }), 0);
    const rule = compile('household.size > 1 && household.members_with.disability > 0', food);
    for (const bad of [{}, { household: null }, { household: { size: 'seven' } }, { household: { size: 7 } }, null, undefined] as unknown as RuleFacts[]) {
      assert.equal(evaluate(rule, bad), false);
      assert.doesNotThrow(() => explain(rule, bad));
      assert.doesNotThrow(() => formatExplanation(explain(rule, bad)));
    }
  });
});

describe('properties', () => {
  const householdRules = [
    'household.sum.monthly_income < 900000.0 && household.members_with.disability > 0 || household.children_under_5 >= 2',
    'household.head_sex == "F" && (household.sum.monthly_income < 700000.0 || household.sum.property_value < 1.0) && household.size > 2',
    '!(household.sum.monthly_income > 100.0) || household.members_60_plus > 0 || household.size / (household.size - 3) > 1',
    'household.size >= 1 && in_region(household.region, "AN-01") && !(household.head_sex in ["M"])',
  ].map((source) => compile(source, { sector: 'food', unit: 'household' }));
  const personRules = [
    'person.age >= 60 && !person.formal_employment && person.monthly_income < 1300000.0',
    'person.disability || person.age >= 65 || person.sex == "F" && person.children_under_5 > 0',
  ].map((source) => compile(source, { sector: 'pensions', unit: 'person' }));

  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const drop = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const count = fc.bigInt({ min: 0n, max: 9n });
  const money = fc.double({ min: 0, max: 3_000_000, noNaN: true });
  const factsArb: fc.Arbitrary<RuleFacts> = fc.record({
    person: fc.record({
      age: optional(fc.bigInt({ min: 0n, max: 100n })),
      sex: optional(fc.constantFrom('F', 'M', 'X')),
      children_under_5: count,
      formal_employment: optional(fc.boolean()),
      disability: optional(fc.boolean()),
      monthly_income: optional(money),
    }).map(drop) as fc.Arbitrary<NonNullable<RuleFacts['person']>>,
    household: fc.record({
      size: fc.bigInt({ min: 1n, max: 12n }),
      children_under_5: count,
      members_60_plus: count,
      head_sex: optional(fc.constantFrom('F', 'M', 'X')),
      region: fc.constantFrom('AN', 'AN-01', 'AN-01-02', 'BO-01'),
      members_with: fc.record({ disability: count }),
      sum: fc.record({ monthly_income: optional(money), property_value: optional(money) }).map(drop),
    }).map(drop) as unknown as fc.Arbitrary<RuleFacts['household']>,
    cycle: fc.constant({ reference_date: new Date('2026-12-01T00:00:00Z') }),
  });

  test('the explanation agrees with the decision, and the clauses combine into it, whatever is missing', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        for (const rule of [...householdRules, ...personRules]) {
          const result = evaluate(rule, facts);
          const explanation = explain(rule, facts);
          assert.equal(explanation.result, result);
          const values = explanation.clauses.map((c) => c.value === true);
          assert.equal(rule.join === 'and' ? values.every(Boolean) : values.some(Boolean), result, rule.source);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('a rule that passed the check runs without a type error on complete facts', () => {
    const complete: RuleFacts = {
      person: { age: 61n, sex: 'F', relationship: 'head', children_under_5: 1n, formal_employment: false, disability: true, monthly_income: 10.5, property_value: 2.25 },
      household: { size: 4n, children_under_5: 1n, children_under_18: 2n, members_60_plus: 1n, head_sex: 'F', region: 'AN-01', members_with: { disability: 1n, formal_employment: 0n }, sum: { monthly_income: 10.5, property_value: 3.0 } },
      cycle: { reference_date: new Date('2026-12-01T00:00:00Z') },
    };
    for (const [source, kind] of [
      ['person.age == 61.0 && person.monthly_income > 10 && person.age < 61.5', 'eligibility'],
      ['min(person.monthly_income, 2.0) + max(household.sum.property_value, 1.5) > 0.0', 'eligibility'],
      ['double(household.size) * 1.5 - household.sum.monthly_income / 2.0 <= 10.0', 'eligibility'],
      ['int(person.property_value) % 2 == 0 && -person.age < 0', 'eligibility'],
      ['years_between(date("1960-01-01"), cycle.reference_date) == 66 && days_between(cycle.reference_date, date("2026-12-31")) == 30', 'eligibility'],
      ['person.sex == household.head_sex && person.relationship in ["head", "spouse"]', 'eligibility'],
      ['in_region(household.region, "AN") && household.region != "BO"', 'eligibility'],
      ['(household.size + 4) / 5 + household.members_with.disability', 'quantity'],
      ['person.age >= 60 ? household.sum.monthly_income * 0.5 : 1.0', 'quantity'],
    ] as const) {
      const compiled = compile(source, { sector: 'pensions', unit: 'person', kind });
      assert.doesNotThrow(() => compiled.run(complete), source);
      const value = evaluate(compiled, complete);
      assert.ok(kind === 'quantity' ? typeof value === 'number' && value > 0 : value === true, `${source} → ${value}`);
    }
  });

  test('many evaluations of one compiled rule agree with the same rule written in TypeScript (no timing asserted)', () => {
    const rule = householdRules[0]!;
    const random = fc.sample(factsArb, { numRuns: 2_000, seed: 42 });
    const byHand = (f: RuleFacts) => {
      const income = f.household.sum.monthly_income as number | undefined;
      const disabled = f.household.members_with.disability as bigint;
      return (income !== undefined && income < 900000 && disabled > 0n) || (f.household.children_under_5 as bigint) >= 2n;
    };
    let agreed = 0;
    for (let i = 0; i < 100_000; i++) {
      const facts = random[i % random.length]!;
      if (evaluate(rule, facts) === byHand(facts)) agreed++;
    }
    assert.equal(agreed, 100_000);
  });
});
