import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAttributeEntry, type AttributeEntry } from '../../registry/catalogue/attribute-definition.ts';
import { DEFAULT_CATALOGUE } from '../../registry/catalogue/default-catalogue.ts';
import { checkRule, type CheckRuleOptions, type RuleProblem } from './check-rule.ts';
import { DEMO_PROGRAM_RULES } from './demo-program-rules.ts';
import { RULE_SOURCE_MAX } from './rule-environment.ts';
import { ruleVocabulary } from './rule-vocabulary.ts';

const entry = (e: Partial<AttributeEntry> & Pick<AttributeEntry, 'key' | 'type' | 'purposes'>): AttributeEntry => ({
  labels: { es: e.key, en: e.key },
  values: [],
  sensitivity: 'normal',
  legalBasis: 'test-local entry of the rule tests',
  status: 'active',
  ...e,
});

/** The default catalogue and what it lacks for the tests: a count of vehicles, an enum, a date, a retired entry, a card question. */
const catalogue: AttributeEntry[] = [
  ...DEFAULT_CATALOGUE.map((input) => parseAttributeEntry(input)),
  entry({ key: 'registered_vehicles', type: 'integer', purposes: ['fuel'] }),
  entry({ key: 'housing_tenure', type: 'enum', values: ['owner', 'tenant', 'informal'], purposes: ['food', 'cash'] }),
  entry({ key: 'disability_certified_on', type: 'date', purposes: ['pensions', 'health'] }),
  entry({ key: 'old_income_band', type: 'integer', purposes: ['food'], status: 'retired' }),
  entry({ key: 'holds_social_card', type: 'boolean', purposes: ['food', 'cash'] }),
  entry({ key: 'id_status', type: 'enum', values: ['has_card', 'no_card'], purposes: ['food'] }),
  entry({ key: 'age', type: 'integer', purposes: ['food'] }),
];

const options = (sector: CheckRuleOptions['sector'], unit: CheckRuleOptions['unit'], kind: CheckRuleOptions['kind'] = 'eligibility'): CheckRuleOptions => ({
  sector,
  unit,
  kind,
  catalogue,
});

function refused(source: string, opts: CheckRuleOptions): RuleProblem[] {
  const result = checkRule(source, opts);
  assert.equal(result.ok, false, `expected "${source}" to be refused`);
  return result.ok ? [] : result.problems;
}

function accepted(source: string, opts: CheckRuleOptions) {
  const result = checkRule(source, opts);
  if (!result.ok) assert.fail(`expected "${source}" to pass, got ${result.problems.map((p) => p.message).join('; ')}`);
  return result;
}

/** Problems about a name: their message names it as written in the rule. */
const NAME_CODES = new Set(['unknown_name', 'out_of_purpose', 'retired', 'name_taken', 'card_or_enrolment', 'prohibited_attribute', 'unit', 'function_not_allowed']);

/** The single problem of a refused rule; a problem about a name is checked to name it in the message. */
function onlyProblem(source: string, opts: CheckRuleOptions): RuleProblem {
  const problems = refused(source, opts);
  assert.equal(problems.length, 1, problems.map((p) => p.message).join('\n'));
  const [problem] = problems as [RuleProblem];
  assert.ok(source.includes(problem.term), `the term "${problem.term}" is part of the rule`);
  if (NAME_CODES.has(problem.code)) assert.ok(problem.message.includes(problem.term), `"${problem.message}" should name "${problem.term}"`);
  return problem;
}

describe('the five demo programs of issue 5', () => {
  for (const program of DEMO_PROGRAM_RULES) {
    test(`${program.key}: eligibility and quantity pass against the default catalogue`, () => {
      const eligibility = accepted(program.eligibility, options(program.sector, program.unit, 'eligibility'));
      assert.equal(eligibility.compiled.resultType, 'bool');
      const quantity = accepted(program.quantity, options(program.sector, program.unit, 'quantity'));
      assert.ok(['int', 'decimal'].includes(quantity.compiled.resultType));
    });
  }

  test('references list the facts each rule reads, so a cycle loads and records those and no others', () => {
    const paths = (key: string) => {
      const p = DEMO_PROGRAM_RULES.find((r) => r.key === key)!;
      return accepted(p.eligibility, options(p.sector, p.unit)).references.map((r) => r.path);
    };
    assert.deepEqual(paths('food_box'), ['household.sum.monthly_income', 'household.size']);
    assert.deepEqual(paths('chronic_medicine'), ['person.chronic_condition_diabetes', 'person.chronic_condition_hypertension']);
    assert.deepEqual(paths('pension'), ['person.age', 'person.formal_employment']);
    assert.deepEqual(paths('fuel_quota'), ['person.owns_vehicle']);
    assert.deepEqual(paths('mothers_bonus'), ['person.sex', 'person.children_under_5']);
  });

  test('a fuel quota per registered vehicle, capped at two, uses a test-local count of vehicles and min()', () => {
    const result = accepted('min(person.registered_vehicles, 2) * 40', options('fuel', 'person', 'quantity'));
    assert.equal(result.compiled.resultType, 'int');
    assert.deepEqual(result.references, [{ path: 'person.registered_vehicles', type: 'int', origin: 'attribute', attribute: 'registered_vehicles', mayBeMissing: true }]);
  });
});

describe('the vocabulary', () => {
  test('a person program sees person, household and cycle facts; a household program no person', () => {
    const person = ruleVocabulary({ sector: 'pensions', unit: 'person', catalogue });
    assert.deepEqual(person.roots, ['person', 'household', 'cycle']);
    for (const path of ['person.age', 'person.sex', 'person.relationship', 'person.children_under_5', 'household.size', 'household.region', 'cycle.reference_date']) {
      assert.ok(person.facts.has(path), path);
    }
    const household = ruleVocabulary({ sector: 'food', unit: 'household', catalogue });
    assert.deepEqual(household.roots, ['household', 'cycle']);
    assert.equal([...household.facts.keys()].filter((p) => p.startsWith('person.')).length, 0);
  });

  test('boolean attributes are counted over members, numeric ones summed, and only for the sectors they are published for', () => {
    const food = ruleVocabulary({ sector: 'food', unit: 'household', catalogue });
    assert.equal(food.facts.get('household.members_with.disability')?.type, 'int');
    assert.equal(food.facts.get('household.sum.monthly_income')?.type, 'decimal');
    assert.equal(food.facts.has('household.members_with.chronic_condition_diabetes'), false);
    assert.equal(food.withheld.get('chronic_condition_diabetes')?.reason, 'out_of_purpose');
    assert.equal(food.facts.has('household.sum.housing_tenure'), false, 'an enum is neither counted nor summed');
  });

  test('derived facts carry a meaning in Spanish and English', () => {
    for (const fact of ruleVocabulary({ sector: 'cash', unit: 'person', catalogue }).facts.values()) {
      assert.ok(fact.meaning.en.length > 10 && fact.meaning.es.length > 10, fact.path);
    }
  });

  test('retired, card-asking and name-clashing catalogue entries are withheld with their reason', () => {
    const v = ruleVocabulary({ sector: 'food', unit: 'person', catalogue });
    assert.equal(v.withheld.get('old_income_band')?.reason, 'retired');
    assert.equal(v.withheld.get('holds_social_card')?.reason, 'card_or_enrolment');
    assert.equal(v.withheld.get('id_status')?.reason, 'card_or_enrolment', 'an enum value "has_card" asks the same question');
    assert.equal(v.withheld.get('age')?.reason, 'name_taken');
    assert.equal(v.facts.get('person.age')?.origin, 'derived');
  });
});

describe('refusals name the offending term', () => {
  test('an attribute outside the program sector names the attribute and the sector', () => {
    const problem = onlyProblem('person.owns_vehicle && person.chronic_condition_diabetes', options('fuel', 'person'));
    assert.equal(problem.code, 'out_of_purpose');
    assert.equal(problem.term, 'person.chronic_condition_diabetes');
    assert.match(problem.message, /chronic_condition_diabetes is not published for the fuel sector/);
    assert.deepEqual(problem.at, { offset: 23, line: 1, column: 24 });
  });

  test('out-of-purpose attributes are refused in household counts and sums too', () => {
    const problem = onlyProblem('household.members_with.pregnant > 0', options('food', 'household'));
    assert.equal(problem.code, 'out_of_purpose');
    assert.match(problem.message, /pregnant is not published for the food sector/);
  });

  test('prohibited categories (commitment 1) are refused as such, whatever the root', () => {
    for (const [source, term, category] of [
      ['person.religion == "catholic"', 'person.religion', 'religion'],
      ['household.members_with.partido > 0', 'household.members_with.partido', 'political'],
      ['voted_2024', 'voted_2024', 'voting'],
      ['person.ethnicity == "x"', 'person.ethnicity', 'ethnicity'],
    ] as const) {
      const problems = refused(source, options('food', 'person'));
      const problem = problems.find((p) => p.code === 'prohibited_attribute');
      assert.ok(problem, `${source}: ${problems.map((p) => p.message).join('; ')}`);
      assert.equal(problem.term, term);
      assert.match(problem.message, new RegExp(category));
      assert.match(problem.message, /commitment 1/);
    }
  });

  test('card ownership, documents and enrolment in other programs are refused with commitment 2', () => {
    for (const [source, term] of [
      ['person.has_card', 'person.has_card'],
      ['has_card', 'has_card'],
      ['tarjeta', 'tarjeta'],
      ['person.carnet_patria', 'person.carnet_patria'],
      ['person.enrolled_in_food_box', 'person.enrolled_in_food_box'],
      ['program.food_box.enrolled', 'program.food_box.enrolled'],
      ['other_programs > 0', 'other_programs'],
      ['household.members_with.hasCard > 0', 'household.members_with.hasCard'],
      ['person.undocumented', 'person.undocumented'],
      ['has_card(person)', 'has_card'],
      ['person.holds_social_card', 'person.holds_social_card'],
      ['person.id_status == "no_card"', 'person.id_status'],
    ] as const) {
      const problems = refused(source, options('cash', 'person'));
      const problem = problems.find((p) => p.code === 'card_or_enrolment');
      assert.ok(problem, `${source}: ${problems.map((p) => `${p.code} ${p.message}`).join('; ')}`);
      assert.equal(problem.term, term);
      assert.ok(problem.message.includes(term));
      assert.match(problem.message, /commitment 2/);
    }
  });

  test('the card words are whole words: cardiac is not a card', () => {
    const problem = onlyProblem('person.cardiac_condition', options('health', 'person'));
    assert.equal(problem.code, 'unknown_name');
  });

  test('an identity program may speak of cards (it is still bound to its vocabulary)', () => {
    const problem = onlyProblem('person.has_card', options('identity', 'person'));
    assert.equal(problem.code, 'unknown_name');
  });

  test('unknown names are refused, with the spelling when a fact of that name exists', () => {
    assert.equal(onlyProblem('person.shoe_size > 40', options('food', 'person')).code, 'unknown_name');
    const bare = onlyProblem('monthly_income < 100.0', options('food', 'person'));
    assert.equal(bare.term, 'monthly_income');
    assert.match(bare.message, /write person\.monthly_income/);
    const household = onlyProblem('household.monthly_income < 100.0', options('food', 'household'));
    assert.match(household.message, /use household\.sum\.monthly_income/);
    assert.equal(onlyProblem('income < 3', options('food', 'person')).term, 'income');
    assert.equal(onlyProblem('person', options('food', 'person')).code, 'type');
  });

  test('a household program cannot single out a person', () => {
    const problem = onlyProblem('person.age > 60', options('food', 'household'));
    assert.equal(problem.code, 'unit');
    assert.equal(problem.term, 'person.age');
  });

  test('retired attributes and catalogue keys that clash with a derived fact are explained', () => {
    const retired = onlyProblem('household.sum.old_income_band < 3', options('food', 'household'));
    assert.equal(retired.code, 'retired');
    assert.match(retired.message, /old_income_band was retired/);
  });

  test('functions and methods outside the allow-list are refused by name', () => {
    for (const [source, term] of [
      ['size([1, 2]) > 1', 'size'],
      ['timestamp("2026-01-01T00:00:00Z") < cycle.reference_date', 'timestamp'],
      ['string(household.size) == "3"', 'string'],
      ['household.region.matches("^AN")', 'matches'],
      ['household.region.startsWith("AN")', 'startsWith'],
      ['[1, 2].exists(x, x > household.size)', 'exists'],
      ['cel.bind(x, household.size, x > 1)', 'bind'],
    ] as const) {
      const problems = refused(source, options('food', 'household'));
      const problem = problems.find((p) => p.code === 'function_not_allowed');
      assert.ok(problem, `${source}: ${problems.map((p) => `${p.code} ${p.message}`).join('; ')}`);
      assert.equal(problem.term, term);
      assert.ok(problem.message.includes(term));
    }
  });

  test('constructs outside the subset are refused: maps, indexes, null, optional fields', () => {
    assert.equal(onlyProblem('household["size"] > 1', options('food', 'household')).code, 'not_allowed');
    assert.equal(onlyProblem('{"a": 1}["a"] > 0', options('food', 'household')).code, 'not_allowed');
    assert.equal(refused('household.head_sex == null', options('food', 'household'))[0]!.code, 'not_allowed');
    assert.equal(refused('[1, 2] == [1, 2]', options('food', 'household'))[0]!.code, 'not_allowed');
  });

  test('types are checked: flags are not numbers, enum values exist, numbers of one type', () => {
    const flag = onlyProblem('person.disability == 1', options('food', 'person'));
    assert.equal(flag.code, 'type');
    assert.match(flag.message, /person\.disability \(true\/false\) with 1/);

    const value = onlyProblem('person.sex == "female"', options('cash', 'person'));
    assert.equal(value.term, '"female"');
    assert.match(value.message, /not a value of person\.sex: its values are F, M, X/);
    assert.match(onlyProblem('person.housing_tenure in ["owner", "squatter"]', options('cash', 'person')).message, /"squatter" is not a value of person\.housing_tenure/);

    assert.match(onlyProblem('household.sum.monthly_income < 60 * household.size + 0.5', options('food', 'household')).message, /write whole numbers as decimals/);
    assert.match(onlyProblem('person.sex < "M"', options('cash', 'person')).message, /listed values have no order/);
    assert.equal(onlyProblem('!household.size', options('food', 'household')).code, 'type');
    assert.equal(onlyProblem('household.size > 1 && household.size', options('food', 'household')).code, 'type');
    assert.equal(onlyProblem('date("2026-02-30") < cycle.reference_date', options('food', 'household')).code, 'type');
    assert.equal(onlyProblem('in_region(household.size, "AN")', options('food', 'household')).code, 'type');
    assert.equal(onlyProblem('min(household.size, 2.5) > 1', options('food', 'household')).code, 'type');
  });

  test('an eligibility rule must be true or false, a quantity a number that is not always negative', () => {
    assert.equal(onlyProblem('household.size', options('food', 'household')).code, 'result_type');
    assert.equal(onlyProblem('household.size > 1', options('food', 'household', 'quantity')).code, 'result_type');
    assert.equal(onlyProblem('household.region', options('food', 'household', 'quantity')).code, 'result_type');
    assert.equal(onlyProblem('2 - 5', options('food', 'household', 'quantity')).code, 'negative_quantity');
    accepted('household.size * 2 - 1', options('food', 'household', 'quantity'));
    accepted('2.5', options('cash', 'household', 'quantity'));
  });

  test('a syntax error gives its line and column', () => {
    const problem = onlyProblem('household.size > 1 &&\n  (household.children_under_5 > 0', options('food', 'household'));
    assert.equal(problem.code, 'syntax');
    assert.equal(problem.at?.line, 2);
    assert.match(problem.message, /syntax error at line 2, column \d+/);
    assert.equal(onlyProblem('household.size >', options('food', 'household')).code, 'syntax');
  });

  test('empty, overlong and deeply nested rules are refused', () => {
    assert.equal(refused('   ', options('food', 'household'))[0]!.code, 'too_long');
    assert.equal(refused(`household.size > 1 ${'&& household.size > 1 '.repeat(RULE_SOURCE_MAX / 20)}`, options('food', 'household'))[0]!.code, 'too_long');
    assert.equal(refused(`${'('.repeat(60)}true${')'.repeat(60)}`, options('food', 'household'))[0]!.code, 'too_long');
  });

  test('every problem of a rule is reported at once, in source order', () => {
    const problems = refused('person.religion == "x" || has_card || person.chronic_condition_diabetes || person.disability == 2', options('fuel', 'person'));
    assert.deepEqual(
      problems.map((p) => p.code),
      ['prohibited_attribute', 'card_or_enrolment', 'out_of_purpose', 'out_of_purpose'],
    );
    assert.deepEqual(
      problems.map((p) => p.term),
      ['person.religion', 'has_card', 'person.chronic_condition_diabetes', 'person.disability'],
    );
  });
});

describe('the language subset', () => {
  test('comparisons, arithmetic, in, ternary, has, min/max, dates and regions are allowed', () => {
    for (const source of [
      'household.size >= 3 && household.size != 7',
      'household.children_under_5 + household.members_60_plus > 2',
      'household.head_sex in ["F", "X"]',
      'household.size > 4 ? household.sum.monthly_income < 900000.0 : household.sum.monthly_income < 600000.0',
      'has(household.sum.monthly_income) && household.sum.monthly_income < 1.0',
      'max(household.children_under_5, household.members_60_plus) >= 1',
      'in_region(household.region, "AN-01") || household.region == "BO"',
      'cycle.reference_date >= date("2026-01-01")',
      'household.sum.property_value / double(household.size) < 1000000.0',
      'int(household.sum.monthly_income) % 2 == 0',
      '-household.size < 0',
      '// a comment explains the threshold\nhousehold.size > 1',
    ]) {
      accepted(source, options('food', 'household'));
    }
    accepted('years_between(person.disability_certified_on, cycle.reference_date) >= 1 && person.age >= 18', options('pensions', 'person'));
    accepted('person.age == 60.0 || person.age < 17.5', options('pensions', 'person'));
  });

  test('clauses are the operands of the top-level chain, with their source text', () => {
    const { compiled } = accepted(
      'household.size > 1 &&\n  (household.children_under_5 > 0 || !(household.members_60_plus == 0)) && // why\n  !(household.size > 9)',
      options('food', 'household'),
    );
    assert.equal(compiled.join, 'and');
    assert.deepEqual(
      compiled.clauses.map((c) => c.text),
      ['household.size > 1', 'household.children_under_5 > 0 || !(household.members_60_plus == 0)', '!(household.size > 9)'],
    );
    assert.deepEqual(compiled.clauses[1]!.references, ['household.children_under_5', 'household.members_60_plus']);

    for (const [source, texts] of [
      ['in_region(household.region, "AN") && (household.size + (2)) > 3', ['in_region(household.region, "AN")', '(household.size + (2)) > 3']],
      ['((household.size > 1)) || ((household.size < 0))', ['household.size > 1', 'household.size < 0']],
      ['(household.size > 1 && household.size < 9) && household.region == "a(b"', ['household.size > 1', 'household.size < 9', 'household.region == "a(b"']],
      ['household.size > 1 ||\n  // see (note\n  !(household.members_60_plus == 0)', ['household.size > 1', '!(household.members_60_plus == 0)']],
    ] as const) {
      assert.deepEqual(accepted(source, options('food', 'household')).compiled.clauses.map((c) => c.text), texts, source);
    }

    const single = accepted('(household.size + 4) / 5', options('food', 'household', 'quantity')).compiled;
    assert.equal(single.join, 'single');
    assert.deepEqual(single.clauses.map((c) => c.text), ['(household.size + 4) / 5']);
  });
});
