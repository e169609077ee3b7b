import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../shared/domain-error.ts';
import { parseAttributeEntry, sameEntry, type AttributeEntry, type AttributeEntryInput } from './attribute-definition.ts';
import { checkEntryRules } from './check-entry-rules.ts';
import { DEFAULT_CATALOGUE } from './default-catalogue.ts';
import { findHealthTerm } from './health-terms.ts';
import { mayReadAttribute } from './may-read-attribute.ts';
import { validateAttributeValue } from './validate-attribute-value.ts';

const def = (type: AttributeEntry['type'], values: string[] = []) => ({ key: `test_${type}`, type, values });

function refused(fn: () => unknown, code: string, pattern: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
}

describe('validateAttributeValue', () => {
  it('booleans: true/false and the usual words in es, en, pt', () => {
    const d = def('boolean');
    for (const v of [true, 'true', 'TRUE', 'yes', 'sí', 'si', 'sim', '1', ' true ']) assert.equal(validateAttributeValue(d, v), true, String(v));
    for (const v of [false, 'false', 'no', 'não', 'nao', '0']) assert.equal(validateAttributeValue(d, v), false, String(v));
    for (const v of ['maybe', 2, 1, 0, {}, []]) refused(() => validateAttributeValue(d, v), 'VALIDATION_FAILED', /attribute test_boolean: expected true or false/);
  });

  it('integers: safe whole numbers, as numbers or digits', () => {
    const d = def('integer');
    assert.equal(validateAttributeValue(d, 4), 4);
    assert.equal(validateAttributeValue(d, '-12'), -12);
    assert.equal(validateAttributeValue(d, ' 007 '), 7);
    assert.ok(Object.is(validateAttributeValue(d, '-0'), 0));
    for (const v of [1.5, '1.5', '1e3', 'seven', Number.MAX_SAFE_INTEGER + 2, Infinity, true, '9'.repeat(16)]) {
      refused(() => validateAttributeValue(d, v), 'VALIDATION_FAILED', /attribute test_integer: expected a whole number/);
    }
  });

  it('decimals: exact canonical strings, dot only, bounded', () => {
    const d = def('decimal');
    const cases: [unknown, string][] = [
      ['1250.50', '1250.5'], ['0012.500', '12.5'], ['-0.00', '0'], ['+3', '3'], [1234.5, '1234.5'], [0, '0'],
      ['999999999999999.999999', '999999999999999.999999'], ['0.000001', '0.000001'], ['-7.10', '-7.1'], ['100', '100'],
    ];
    for (const [input, normalised] of cases) assert.equal(validateAttributeValue(d, input), normalised, String(input));
    refused(() => validateAttributeValue(d, '1250,50'), 'VALIDATION_FAILED', /with a dot, not a comma/);
    for (const v of ['1e5', '1.2.3', '.5', '5.', 'abc', '1234567890123456', '0.1234567', NaN, 1e21, 0.1 + 0.2, false]) {
      refused(() => validateAttributeValue(d, v), 'VALIDATION_FAILED', /attribute test_decimal/);
    }
  });

  it('dates: ISO calendar dates that exist', () => {
    const d = def('date');
    assert.equal(validateAttributeValue(d, '2024-02-29'), '2024-02-29');
    assert.equal(validateAttributeValue(d, ' 1950-12-31 '), '1950-12-31');
    for (const v of ['2023-02-29', '2024-13-01', '2024-04-31', '31/12/2024', '2024-1-5', '1700-01-01', 20240101, '2024-01-01T00:00:00Z']) {
      refused(() => validateAttributeValue(d, v), 'VALIDATION_FAILED', /attribute test_date: expected a date as YYYY-MM-DD/);
    }
  });

  it('enums: membership, case and spaces ignored', () => {
    const d = def('enum', ['zinc', 'concrete', 'thatch']);
    assert.equal(validateAttributeValue(d, 'Concrete '), 'concrete');
    refused(() => validateAttributeValue(d, 'wood'), 'VALIDATION_FAILED', /attribute test_enum: expected one of zinc, concrete, thatch, got "wood"/);
    refused(() => validateAttributeValue(d, 1), 'VALIDATION_FAILED', /expected one of/);
  });

  it('refuses a missing value for every type, naming the attribute', () => {
    for (const type of ['boolean', 'integer', 'decimal', 'date', 'enum'] as const) {
      for (const v of [null, undefined, '', '  ']) refused(() => validateAttributeValue(def(type, ['a', 'b']), v), 'VALIDATION_FAILED', new RegExp(`attribute test_${type}: a value is required`));
    }
  });

  it('says which attribute and type in the details', () => {
    try {
      validateAttributeValue({ key: 'monthly_income', type: 'decimal', values: [] }, 'mucho');
      assert.fail('accepted');
    } catch (e) {
      assert.deepEqual((e as DomainError).details, { attribute: 'monthly_income', type: 'decimal' });
    }
  });
});

describe('mayReadAttribute', () => {
  it('reads a special attribute only for a sector it lists', () => {
    const disability = { sensitivity: 'special' as const, purposes: ['health', 'pensions', 'food'] as const };
    assert.equal(mayReadAttribute({ ...disability, purposes: [...disability.purposes] }, 'health'), true);
    assert.equal(mayReadAttribute({ ...disability, purposes: [...disability.purposes] }, 'pensions'), true);
    assert.equal(mayReadAttribute({ ...disability, purposes: [...disability.purposes] }, 'fuel'), false);
    assert.equal(mayReadAttribute({ ...disability, purposes: [...disability.purposes] }, 'cash'), false);
    assert.equal(mayReadAttribute({ sensitivity: 'special', purposes: ['health'] }, 'identity'), false);
    assert.equal(mayReadAttribute({ sensitivity: 'special', purposes: ['health'] }, 'unknown-sector'), false);
  });
  it('reads a normal attribute for any sector', () => {
    assert.equal(mayReadAttribute({ sensitivity: 'normal', purposes: ['fuel'] }, 'food'), true);
  });
});

const valid: AttributeEntryInput = {
  key: 'household_size',
  labels: { es: 'Tamaño del hogar', en: 'Household size' },
  type: 'integer',
  purposes: ['food'],
  legalBasis: 'Ley de Protección Social, tamaño del hogar para la caja de alimentos',
};

describe('parseAttributeEntry', () => {
  it('normalises a valid entry with defaults', () => {
    const e = parseAttributeEntry({ ...valid, labels: { es: '  Tamaño   del hogar ', en: 'Household size', pt: 'Tamanho do domicílio' }, purposes: ['food', 'food', 'cash'] });
    assert.deepEqual(e, {
      key: 'household_size',
      labels: { es: 'Tamaño del hogar', en: 'Household size', pt: 'Tamanho do domicílio' },
      type: 'integer',
      values: [],
      sensitivity: 'normal',
      purposes: ['food', 'cash'],
      legalBasis: 'Ley de Protección Social, tamaño del hogar para la caja de alimentos',
      status: 'active',
    });
  });

  it('refuses each malformed field with VALIDATION_FAILED naming it', () => {
    const cases: [Partial<AttributeEntryInput>, RegExp][] = [
      [{ key: 'HouseholdSize' }, /key "HouseholdSize" must be/],
      [{ key: 'household__size' }, /snake_case/],
      [{ key: '_size' }, /snake_case/],
      [{ key: 'x' }, /2-63 characters/],
      [{ key: 'a'.repeat(64) }, /2-63 characters/],
      [{ labels: { es: 'Tamaño' } }, /English \(en\) is required/],
      [{ labels: { en: 'Size' } }, /Spanish \(es\) is required/],
      [{ labels: { es: 'Tamaño', en: '  ' } }, /label en must be/],
      [{ labels: { es: 'x', en: 'y', portuguese: 'z' } }, /two-letter lowercase code/],
      [{ labels: 'size' }, /labels must be an object/],
      [{ type: 'float' }, /type must be one of boolean, integer, decimal, date, enum/],
      [{ type: 'enum' }, /enum attribute needs 2-100 values/],
      [{ type: 'enum', values: ['only'] }, /needs 2-100 values/],
      [{ type: 'enum', values: ['a', 'A'] }, /listed twice/],
      [{ type: 'enum', values: ['good value', 'bad'] }, /snake_case/],
      [{ values: ['a', 'b'] }, /values are only for enum attributes/],
      [{ sensitivity: 'secret' }, /sensitivity must be one of normal, special/],
      [{ purposes: [] }, /purposes must list at least one sector/],
      [{ purposes: ['police'] }, /purpose "police" is not a sector/],
      [{ purposes: 'food' }, /purposes must list/],
      [{ legalBasis: 'law' }, /legal basis is required/],
      [{ legalBasis: undefined }, /legal basis is required/],
      [{ status: 'deleted' }, /status must be one of active, retired/],
    ];
    for (const [patch, message] of cases) refused(() => parseAttributeEntry({ ...valid, ...patch }), 'VALIDATION_FAILED', message);
  });

  it('compares entries by content, whatever the order of labels and purposes', () => {
    const a = parseAttributeEntry({ ...valid, purposes: ['food', 'cash'] });
    const b = parseAttributeEntry({ ...valid, labels: { en: 'Household size', es: 'Tamaño del hogar' }, purposes: ['cash', 'food'] });
    assert.equal(sameEntry(a, b), true);
    assert.equal(sameEntry(a, { ...b, legalBasis: `${b.legalBasis}.` }), false);
  });
});

describe('health facts must be special', () => {
  it('finds health words in keys and labels', () => {
    for (const key of ['disability', 'discapacidad', 'chronic_condition_asthma', 'condicion_cronica', 'diabetes_type', 'pregnant', 'embarazada', 'gestante', 'hiv_status', 'mental_health', 'wheelchair_user', 'insulin_dependent', 'saude_da_familia', 'tratamiento_dialisis']) {
      assert.ok(findHealthTerm({ key }), key);
    }
    assert.deepEqual(findHealthTerm({ key: 'needs_support', labels: { es: 'Necesita apoyo', en: 'Chronic illness' } }), { term: 'Chronic', field: 'labels.en' });
    for (const key of ['monthly_income', 'formal_employment', 'owns_vehicle', 'property_value', 'household_size', 'dependent_children', 'additional_income', 'adicional']) {
      assert.equal(findHealthTerm({ key }), undefined, key);
    }
  });

  it('refuses a health fact declared normal and accepts it special', () => {
    const input = { ...valid, key: 'chronic_condition_asthma', labels: { es: 'Asma', en: 'Asthma' }, type: 'boolean', purposes: ['health'] };
    const error = checkEntryRules(input);
    assert.equal(error?.code, 'RULE_VIOLATION');
    assert.match(error!.message, /"chronic" makes chronic_condition_asthma a health fact: declare it special/);
    assert.equal(checkEntryRules({ ...input, sensitivity: 'special' }), undefined);
  });

  it('names a prohibited category before the health rule', () => {
    const error = checkEntryRules({ key: 'religious_illness', sensitivity: 'normal' });
    assert.equal(error?.details?.rule, 'prohibited_attribute');
    assert.equal(error?.details?.category, 'religion');
  });

  it('keeps the default catalogue within every rule', () => {
    for (const entry of DEFAULT_CATALOGUE) {
      assert.equal(checkEntryRules(entry), undefined, String(entry.key));
      parseAttributeEntry(entry);
    }
    const keys = DEFAULT_CATALOGUE.map((e) => e.key);
    assert.deepEqual(keys, [
      'monthly_income', 'formal_employment', 'disability', 'chronic_condition_diabetes', 'chronic_condition_hypertension',
      'owns_vehicle', 'pregnant', 'property_value',
    ]);
  });
});
