import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { periodContaining, parsePeriod } from '../../src/cycles/period.ts';
import { ApiError } from '../../web/src/api/client.ts';
import { nextPeriod, isoWeekOf } from '../../web/src/programs/cycles/next-period.ts';
import { quantityText } from '../../web/src/programs/cycles/quantity-text.ts';
import { definitionChanges, definitionProblems, draftOf, EMPTY_DRAFT, pointsOf, refusedField } from '../../web/src/programs/definition/definition-draft.ts';
import { problemExcerpt, ruleProblemsOf } from '../../web/src/programs/rules/rule-problems.ts';

/**
 * Small tests of the pure pieces of the program manager's console (web/src/programs):
 * the period it proposes must be one the server reads the same way, quantities are
 * shown as text, the definition form refuses what the server would, and a refused
 * rule's problems are read from the API's error and pointed at in the source.
 */
const DAY = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('the period the console proposes', () => {
  it('names the ISO week of every day of ten years exactly as the server does', () => {
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2031, 0, 1); ms += DAY) {
      assert.equal(isoWeekOf(new Date(ms)), periodContaining(utcDay(ms), 'weekly'), utcDay(ms));
    }
  });

  it('is the next month for monthly and one-off programs, the next ISO week for weekly ones, and always a period the server accepts', () => {
    assert.equal(nextPeriod('monthly', '2026-11-30'), '2026-12');
    assert.equal(nextPeriod('monthly', '2026-12-15'), '2027-01');
    assert.equal(nextPeriod('one_off', '2026-01-31'), '2026-02');
    assert.equal(nextPeriod('weekly', '2026-12-28'), '2027-W01');
    assert.equal(nextPeriod('weekly', '2020-12-28'), '2021-W01', '2020 has 53 weeks: its last Monday opens week 53, the next is 2021-W01');
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2028, 0, 1); ms += DAY) {
      const today = utcDay(ms);
      for (const frequency of ['monthly', 'weekly', 'one_off'] as const) {
        const period = parsePeriod(nextPeriod(frequency, today), frequency);
        assert.ok(period.validFrom > today, `${frequency} ${today}: ${period.period} starts after today`);
        assert.ok(period.validFrom <= utcDay(ms + (frequency === 'weekly' ? 7 : 31) * DAY), `${frequency} ${today}: ${period.period} is the next one`);
      }
    }
  });
});

describe('quantities as text', () => {
  it('drops the zeros of the scale and groups digits without turning the text into a number', () => {
    assert.equal(quantityText('1250.000', 'en'), '1,250');
    assert.equal(quantityText('40.500', 'en'), '40.5');
    assert.equal(quantityText('0.000', 'en'), '0');
    assert.equal(quantityText('12345678901234567.125', 'es'), '12.345.678.901.234.567,125', 'beyond a double, digit for digit');
    assert.equal(quantityText('420', 'es'), '420');
  });
});

describe('the definition form', () => {
  const complete = {
    ...EMPTY_DRAFT,
    code: 'canasta-norte',
    nameEs: 'Canasta',
    nameEn: 'Basket',
    descriptionEs: 'Una caja.',
    descriptionEn: 'A box.',
    itemEs: 'caja',
    itemEn: 'box',
    measure: 'box',
    currency: 'XAM',
    distributionPoints: 'PD-1, PD-2\nPD-1',
  };

  it('refuses, field by field, what the server would refuse', () => {
    assert.deepEqual([...definitionProblems(complete, { creating: true })], []);
    const bad = definitionProblems({ ...complete, code: 'Canasta Norte', currency: 'xa', measure: 'Box', distributionPoints: 'PD 1 ok/no' }, { creating: true, reason: 'x' });
    assert.deepEqual(Object.fromEntries(bad), { code: 'code', currency: 'currency', measure: 'measure', distributionPoints: 'point', reason: 'reason' });
    assert.equal(definitionProblems({ ...complete, benefitKind: 'cash', measure: '' }, { creating: true }).has('measure'), false, 'a cash benefit is counted in its currency');
    assert.equal(definitionProblems({ ...complete, nameEn: '  ' }, { creating: false }).get('nameEn'), 'required');
  });

  it('lists each distribution point once, and sends only what changed', () => {
    assert.deepEqual(pointsOf(complete.distributionPoints), ['PD-1', 'PD-2']);
    const program = {
      code: 'canasta-norte',
      name: { es: 'Canasta', en: 'Basket' },
      description: { es: 'Una caja.', en: 'A box.' },
      sector: 'food',
      unit: 'household',
      benefitKind: 'in_kind',
      item: { es: 'caja', en: 'box' },
      measure: 'box',
      currency: 'XAM',
      frequency: 'monthly',
      distributionPoints: ['PD-1', 'PD-2'],
      partialPickups: false,
    } as Parameters<typeof draftOf>[0];
    assert.deepEqual(definitionChanges(program, draftOf(program)), {});
    assert.deepEqual(definitionChanges(program, { ...draftOf(program), nameEn: 'Food basket', distributionPoints: 'PD-2' }), {
      name: { es: 'Canasta', en: 'Food basket' },
      distributionPoints: ['PD-2'],
    });
    assert.deepEqual(definitionChanges(program, { ...draftOf(program), partialPickups: true }), { partialPickups: true });
  });

  it('finds the field a server refusal names, in a domain error or a schema issue', () => {
    assert.equal(refusedField({ field: 'currency' }), 'currency');
    assert.equal(refusedField({ issues: [{ where: 'body', path: '/changes/name/en', message: 'too long' }] }), 'nameEn');
    assert.equal(refusedField({ field: 'something-else' }), undefined);
    assert.equal(refusedField(undefined), undefined);
  });
});

describe('a refused rule', () => {
  const source = 'household.size >= 1 &&\nhousehold.members_with.religion > 0';
  const term = 'household.members_with.religion';
  const problem = { rule: 'eligibility' as const, code: 'prohibited_attribute' as const, term, message: '…', at: { offset: source.indexOf(term), line: 2, column: 1 } };

  it('reads the problems of a 422 RULE_VIOLATION, and nothing from any other error', () => {
    assert.deepEqual(ruleProblemsOf(new ApiError(422, 'RULE_VIOLATION', 'refused', { problems: [problem, { rule: 'nonsense' }] })), [problem]);
    assert.equal(ruleProblemsOf(new ApiError(422, 'RULE_VIOLATION', 'validFrom is in the past', { field: 'validFrom' })), undefined);
    assert.equal(ruleProblemsOf(new ApiError(409, 'CONFLICT', 'conflict', { problems: [problem] })), undefined);
    assert.equal(ruleProblemsOf(new Error('no')), undefined);
  });

  it('marks the offending term in its line, and only where the text still holds it', () => {
    assert.deepEqual(problemExcerpt(source, problem), { before: '', term, after: ' > 0' });
    assert.deepEqual(problemExcerpt(`x${source}`, problem), undefined, 'a stale offset marks nothing');
    assert.deepEqual(problemExcerpt('person.age >= 60 && household.members_with.religion > 0', { ...problem, at: { offset: 20, line: 1, column: 21 } }), { before: 'person.age >= 60 && ', term, after: ' > 0' });
    assert.equal(problemExcerpt(source, { ...problem, at: undefined }), undefined);
  });
});
