import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAttributeEntry } from '../../registry/catalogue/attribute-definition.ts';
import { DEFAULT_CATALOGUE } from '../../registry/catalogue/default-catalogue.ts';
import { buildRuleFacts, type MemberRecord } from './build-rule-facts.ts';
import { checkRule, type CheckRuleOptions } from './check-rule.ts';

const catalogue = [
  ...DEFAULT_CATALOGUE.map((input) => parseAttributeEntry(input)),
  parseAttributeEntry({ key: 'registered_vehicles', labels: { es: 'Vehículos', en: 'Vehicles' }, type: 'integer', purposes: ['fuel'], legalBasis: 'test-local entry of the rule tests' }),
  parseAttributeEntry({ key: 'vehicle_registered_on', labels: { es: 'Fecha', en: 'Date' }, type: 'date', purposes: ['fuel'], legalBasis: 'test-local entry of the rule tests' }),
];

function compile(source: string, opts: Omit<CheckRuleOptions, 'catalogue'>) {
  const result = checkRule(source, { ...opts, catalogue });
  if (!result.ok) assert.fail(result.problems.map((p) => p.message).join('; '));
  return result.compiled;
}

const member = (m: Partial<MemberRecord> & Pick<MemberRecord, 'relationship'>): MemberRecord => ({ sex: null, birthDate: null, attributes: {}, ...m });
const born = (value: string, precision: 'day' | 'year' = 'day') => ({ value, precision });

const family: MemberRecord[] = [
  member({ relationship: 'head', sex: 'F', birthDate: born('1960-12-02'), attributes: { monthly_income: '1300000.50', disability: true, formal_employment: false } }),
  member({ relationship: 'spouse', sex: 'M', birthDate: born('1966-01-01', 'year'), attributes: { monthly_income: '700000', disability: false } }),
  member({ relationship: 'child', sex: 'M', birthDate: born('2022-12-01'), attributes: { disability: true } }),
  member({ relationship: 'child', sex: 'F', birthDate: born('2021-12-02') }),
  member({ relationship: 'other', sex: 'X', birthDate: null, attributes: { monthly_income: 'not a number' } }),
];

test('household facts: size, age bands at the reference date, head, region', () => {
  const compiled = compile(
    'household.size > 0 && household.children_under_5 >= 0 && household.children_under_18 >= 0 && household.members_60_plus >= 0 && household.head_sex == "F" && household.region == "AN"',
    { sector: 'food', unit: 'household' },
  );
  const facts = buildRuleFacts(compiled, { regionCode: 'AN-01-02', members: family, referenceDate: '2026-12-01' });
  assert.deepEqual(facts.household, {
    members_with: {},
    sum: {},
    size: 5n,
    // 2022-12-01 is exactly 4 on the reference date; 2021-12-02 turns 5 the day after: both under 5.
    children_under_5: 2n,
    children_under_18: 2n,
    // 1960-12-02 is 65 (66 the day after); the year-only 1966 counts from 1 July: 60.
    members_60_plus: 2n,
    head_sex: 'F',
    region: 'AN-01-02',
  });
  assert.deepEqual(facts.cycle.reference_date, new Date('2026-12-01T00:00:00Z'));
});

test('ages: a birthday on the reference date counts, the day after does not; year-only dates count from 1 July', () => {
  const compiled = compile('person.age >= 0', { sector: 'pensions', unit: 'person' });
  const age = (birthDate: MemberRecord['birthDate'], referenceDate = '2026-12-01') =>
    buildRuleFacts(compiled, { regionCode: 'AN', members: [member({ relationship: 'head', birthDate })], person: 0, referenceDate }).person?.age;
  assert.equal(age(born('1966-12-01')), 60n);
  assert.equal(age(born('1966-12-02')), 59n);
  assert.equal(age(born('1966-01-01', 'year'), '2026-06-30'), 59n);
  assert.equal(age(born('1966-01-01', 'year'), '2026-07-01'), 60n);
  assert.equal(age(born('2027-01-01')), 0n, 'born after the reference date: 0, never negative');
  assert.equal(age(null), undefined, 'no birth date: not recorded');
});

test('counts and sums over members: sums of recorded values only, absent when nobody has one; malformed values are not recorded', () => {
  const compiled = compile('household.members_with.disability > 0 && household.sum.monthly_income < 1.0 && household.sum.property_value < 1.0', {
    sector: 'food',
    unit: 'household',
  });
  const facts = buildRuleFacts(compiled, { regionCode: 'AN', members: family, referenceDate: '2026-12-01' });
  assert.deepEqual(facts.household.members_with, { disability: 2n });
  assert.deepEqual(facts.household.sum, { monthly_income: 2000000.5 }, 'property_value is recorded for nobody, and "not a number" counts as not recorded');
});

test('only the facts a rule references are built: an attribute it does not name never enters the facts', () => {
  const compiled = compile('person.age >= 60 && !person.formal_employment', { sector: 'pensions', unit: 'person' });
  const facts = buildRuleFacts(compiled, { regionCode: 'AN', members: family, person: 0, referenceDate: '2026-12-01' });
  assert.deepEqual(facts.person, { age: 65n, formal_employment: false });
  assert.deepEqual(facts.household, { members_with: {}, sum: {} });
});

test('person facts: children under 5 belong to the head and the spouse; attribute types are converted', () => {
  const compiled = compile(
    'person.children_under_5 >= 0 && person.relationship == "head" && person.sex == "F" && person.registered_vehicles > 0 && person.vehicle_registered_on < cycle.reference_date',
    { sector: 'fuel', unit: 'person' },
  );
  const members = family.map((m, i) => (i === 0 ? { ...m, attributes: { ...m.attributes, registered_vehicles: 2, vehicle_registered_on: '2020-05-06' } } : m));
  const at = (person: number) => buildRuleFacts(compiled, { regionCode: 'AN', members, person, referenceDate: '2026-12-01' }).person;
  assert.deepEqual(at(0), { children_under_5: 2n, relationship: 'head', sex: 'F', registered_vehicles: 2n, vehicle_registered_on: new Date('2020-05-06T00:00:00Z') });
  assert.deepEqual(at(1), { children_under_5: 2n, relationship: 'spouse', sex: 'M' });
  assert.deepEqual(at(2), { children_under_5: 0n, relationship: 'child', sex: 'M' });
  assert.deepEqual(at(4), { children_under_5: 0n, relationship: 'other', sex: 'X' });
});

test("a caller's mistake throws: no person for a person rule, a reference date that is not a date", () => {
  const compiled = compile('person.age >= 60', { sector: 'pensions', unit: 'person' });
  assert.throws(() => buildRuleFacts(compiled, { regionCode: 'AN', members: family, referenceDate: '2026-12-01' }), /index of the person/);
  assert.throws(() => buildRuleFacts(compiled, { regionCode: 'AN', members: family, person: 9, referenceDate: '2026-12-01' }), /index of the person/);
  assert.throws(() => buildRuleFacts(compiled, { regionCode: 'AN', members: family, person: 0, referenceDate: '2026-13-01' }), /YYYY-MM-DD/);
});
