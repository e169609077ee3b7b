import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAttributeEntry } from '../registry/catalogue/attribute-definition.ts';
import { DEFAULT_CATALOGUE } from '../registry/catalogue/default-catalogue.ts';
import { DomainError } from '../shared/domain-error.ts';
import { compileProgramRules } from './compile-program-rules.ts';
import { DEMO_PROGRAMS } from './demo-programs.ts';
import { BUDGET_DIGITS, parseMoney, PRICE_DIGITS } from './money.ts';
import { checkDefinition } from './program-definition.ts';
import { PROGRAM_ACTIONS_BY_STATUS, PROGRAM_SECTORS } from './program-kinds.ts';
import { ruleTimeline, versionInForce } from './rule-timeline.ts';

const catalogue = DEFAULT_CATALOGUE.map((e) => ({ ...parseAttributeEntry(e), version: 1 }));

describe('money', () => {
  it('keeps amounts as exact decimal strings with two decimals', () => {
    assert.equal(parseMoney('12.5', 'price', PRICE_DIGITS), '12.50');
    assert.equal(parseMoney('0', 'price', PRICE_DIGITS), '0.00');
    assert.equal(parseMoney('0.10', 'price', PRICE_DIGITS), '0.10');
    assert.equal(parseMoney('99999999999999.99', 'budget', BUDGET_DIGITS), '99999999999999.99');
  });

  it('refuses numbers, negatives, exponents, more than two decimals and too many digits, naming the field', () => {
    for (const bad of [12.5, '-1', '1e3', '1.234', '01', '.5', '5.', ' 5', '1,00', '1000000000000.00']) {
      assert.throws(() => parseMoney(bad, 'pricePerUnit', PRICE_DIGITS), (e: DomainError) => e.code === 'VALIDATION_FAILED' && e.details?.field === 'pricePerUnit', String(bad));
    }
  });
});

describe('rule timeline', () => {
  const versions = [
    { version: 1, validFrom: '2026-01-01' },
    { version: 2, validFrom: '2026-06-01' },
    { version: 3, validFrom: '2026-12-01' },
  ];

  it('puts in force the highest version that has taken effect', () => {
    assert.deepEqual(ruleTimeline(versions, '2026-07-15'), [
      { version: 1, validFrom: '2026-01-01', validUntil: '2026-05-31', state: 'ended' },
      { version: 2, validFrom: '2026-06-01', validUntil: '2026-11-30', state: 'in_force' },
      { version: 3, validFrom: '2026-12-01', validUntil: null, state: 'scheduled' },
    ]);
    assert.equal(versionInForce(versions, '2026-05-31')?.version, 1);
    assert.equal(versionInForce(versions, '2026-06-01')?.version, 2);
    assert.equal(versionInForce(versions, '2025-12-31'), undefined);
  });

  it('never puts in force a version superseded before its date, nor anything after closing', () => {
    const withdrawn = [...versions, { version: 4, validFrom: '2026-09-01' }];
    const timeline = ruleTimeline(withdrawn, '2026-10-01');
    assert.deepEqual(timeline[2], { version: 3, validFrom: '2026-12-01', validUntil: null, state: 'never_in_force' });
    assert.deepEqual(timeline[3], { version: 4, validFrom: '2026-09-01', validUntil: null, state: 'in_force' });
    assert.equal(versionInForce(withdrawn, '2027-01-01')?.version, 4);

    const closed = ruleTimeline(versions, '2026-10-01', '2026-08-31');
    assert.deepEqual(closed.map((v) => [v.state, v.validUntil]), [
      ['ended', '2026-05-31'],
      ['ended', '2026-08-31'],
      ['never_in_force', null],
    ]);
  });
});

describe('program definition', () => {
  const food = DEMO_PROGRAMS[0]!.definition;

  it('counts cash in its currency and in-kind benefits in a lowercase measure', () => {
    assert.throws(() => checkDefinition({ ...food, benefitKind: 'cash' }), /measure must be XAM/);
    assert.throws(() => checkDefinition({ ...food, measure: 'Box' }), /lowercase/);
    assert.throws(() => checkDefinition({ ...food, code: 'Food_Box' }), /kebab-case/);
    assert.deepEqual(checkDefinition({ ...food, distributionPoints: ['P1', 'P2', 'P1'] }).distributionPoints, ['P1', 'P2']);
  });

  it('has no identity-sector program, and closing is final', () => {
    assert.ok(!(PROGRAM_SECTORS as readonly string[]).includes('identity'));
    assert.deepEqual(PROGRAM_ACTIONS_BY_STATUS.closed, []);
    assert.ok(!(PROGRAM_ACTIONS_BY_STATUS.draft as readonly string[]).includes('close'));
  });
});

describe('compiling a program rule', () => {
  it('reports the problems of both expressions, each with its expression', () => {
    const r = compileProgramRules({ sector: 'fuel', unit: 'person' }, { eligibility: 'person.chronic_condition_diabetes', quantity: 'person.owns_vehicle' }, catalogue);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.problems.map((p) => [p.rule, p.code, p.term]), [
      ['eligibility', 'out_of_purpose', 'person.chronic_condition_diabetes'],
      ['quantity', 'result_type', 'person.owns_vehicle'],
    ]);
  });

  it('stores what each expression reads, with the catalogue version', () => {
    const r = compileProgramRules({ sector: 'pensions', unit: 'person' }, { eligibility: 'person.age >= 60 && !person.formal_employment', quantity: 'person.age >= 80 ? 2 : 1' }, catalogue);
    assert.ok(r.ok);
    assert.deepEqual(
      r.references.map((x) => [x.path, x.usedBy, x.catalogueVersion]),
      [
        ['person.age', ['eligibility', 'quantity'], undefined],
        ['person.formal_employment', ['eligibility'], 1],
      ],
    );
  });

  it('accepts every demo program against the default catalogue', () => {
    for (const demo of DEMO_PROGRAMS) {
      const r = compileProgramRules(demo.definition, demo, catalogue);
      assert.ok(r.ok, `${demo.definition.code}: ${JSON.stringify(!r.ok && r.problems)}`);
      assert.doesNotThrow(() => checkDefinition(demo.definition));
      assert.equal(demo.definition.benefitKind === 'cash', demo.pricePerUnit === '0.00', `${demo.definition.code}: cash pays no price`);
    }
  });
});
