import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTypo, applyTypos, TYPO_KINDS, TYPO_WEIGHTS, type TypoContext } from './apply-typo.ts';
import { dayNumber } from './calendar.ts';
import { Random } from './random.ts';
import type { SyntheticPerson, TypoKind } from './synthetic-household.ts';

const TODAY = dayNumber(2026, 12, 1);

function person(overrides: Partial<SyntheticPerson> = {}): SyntheticPerson {
  return {
    externalId: 'P000000001',
    relationship: 'head',
    givenNames: 'María José',
    firstFamilyName: 'Hernández',
    secondFamilyName: 'Castillo',
    sex: 'female',
    birthDate: '1990-03-07',
    birthDatePrecision: 'day',
    birthDateApproximate: false,
    placeOfBirth: { regionCode: 'AN-01-01', place: 'La Pastora' },
    phone: '0401-1234567',
    evidence: { kind: 'document', type: 'national_id', number: '12345678' },
    attributes: {
      monthly_income: '850000.00',
      formal_employment: false,
      disability: false,
      chronic_condition_diabetes: false,
      chronic_condition_hypertension: false,
      owns_vehicle: false,
    },
    ...overrides,
  };
}

const context = (overrides: Partial<TypoContext> = {}): TypoContext => ({ newPhone: () => '0402-7654321', headCanVouch: true, today: TODAY, ...overrides });

/** Every result one typo can give on this person, over many seeds. */
function outcomes(kind: TypoKind, overrides: Partial<SyntheticPerson>, pick: (p: SyntheticPerson) => unknown, ctx = context()): Set<string> {
  const out = new Set<string>();
  for (let seed = 0; seed < 300; seed++) {
    const p = person(overrides);
    assert.equal(applyTypo(p, kind, Random.from(seed), ctx), true, `${kind} should apply`);
    out.add(JSON.stringify(pick(p)));
  }
  return out;
}

const names = (p: SyntheticPerson) => [p.givenNames, p.firstFamilyName, p.secondFamilyName];

describe('applyTypo', () => {
  it('drops accents in every name or in one (ñ included)', () => {
    const seen = outcomes('accent_dropped', { givenNames: 'José Ángel', firstFamilyName: 'Pérez', secondFamilyName: 'Muñoz' }, names);
    assert.ok(seen.has(JSON.stringify(['Jose Angel', 'Perez', 'Munoz'])), 'seen.has(JSON.stringify([\'Jose Angel\', \'Perez\', \'Munoz\']))');
    assert.ok(seen.has(JSON.stringify(['José Ángel', 'Pérez', 'Munoz'])), 'seen.has(JSON.stringify([\'José Ángel\', \'Pérez\', \'Munoz\']))');
    assert.ok([...seen].every((s) => !s.includes('Jose Ángel')), 'all of one name or none');
  });

  it('swaps the letters Spanish pronounces alike, keeping capitals', () => {
    assert.deepEqual(outcomes('b_v', { givenNames: 'Verónica', firstFamilyName: 'Bravo', secondFamilyName: null }, names), new Set([
      JSON.stringify(['Berónica', 'Bravo', null]), JSON.stringify(['Verónica', 'Vravo', null]), JSON.stringify(['Verónica', 'Brabo', null]),
    ]));
    const csz = outcomes('c_s_z', { givenNames: 'Cecilia', firstFamilyName: 'González', secondFamilyName: 'Vásquez' }, names);
    for (const expected of [['Secilia', 'González', 'Vásquez'], ['Cecilia', 'Gonsález', 'Vásquez'], ['Cecilia', 'González', 'Vázquez'], ['Cezilia', 'González', 'Vásquez']]) {
      assert.ok(csz.has(JSON.stringify(expected)), expected.join(' '));
    }
    assert.deepEqual(outcomes('ll_y', { givenNames: 'Ana', firstFamilyName: 'Castillo', secondFamilyName: 'Yépez' }, names), new Set([
      JSON.stringify(['Ana', 'Castiyo', 'Yépez']), JSON.stringify(['Ana', 'Castillo', 'Llépez']),
    ]));
    assert.deepEqual(outcomes('g_j', { givenNames: 'Gerardo', firstFamilyName: 'Jiménez', secondFamilyName: 'Rojas' }, names), new Set([
      JSON.stringify(['Jerardo', 'Jiménez', 'Rojas']), JSON.stringify(['Gerardo', 'Giménez', 'Rojas']),
    ]));
  });

  it('drops a silent h, never the h of "ch"', () => {
    assert.deepEqual(outcomes('h_dropped', { givenNames: 'Yohana', firstFamilyName: 'Hernández', secondFamilyName: 'Chacón' }, names), new Set([
      JSON.stringify(['Yoana', 'Hernández', 'Chacón']), JSON.stringify(['Yohana', 'Ernández', 'Chacón']),
    ]));
    const p = person({ givenNames: 'Ana', firstFamilyName: 'Chacón', secondFamilyName: 'Rojas' });
    assert.equal(applyTypo(p, 'h_dropped', Random.from(1), context()), false);
    assert.deepEqual(names(p), ['Ana', 'Chacón', 'Rojas']);
  });

  it('transposes, doubles and drops letters, never the capital', () => {
    const pick = (p: SyntheticPerson) => p.firstFamilyName;
    const base = { givenNames: 'X', firstFamilyName: 'Rosa', secondFamilyName: null };
    assert.deepEqual(outcomes('letters_transposed', base, pick), new Set(['"Rsoa"', '"Roas"']));
    assert.deepEqual(outcomes('letter_doubled', base, pick), new Set(['"Rossa"', '"Roosa"', '"Rosaa"']));
    assert.deepEqual(outcomes('letter_dropped', base, pick), new Set(['"Rsa"', '"Roa"', '"Ros"']));
  });

  it('reorders, drops and abbreviates given names', () => {
    const given = (p: SyntheticPerson) => p.givenNames;
    assert.deepEqual(outcomes('given_names_reordered', {}, given), new Set(['"José María"']));
    assert.deepEqual(outcomes('given_name_dropped', {}, given), new Set(['"María"', '"José"']));
    assert.deepEqual(outcomes('given_name_dropped', { givenNames: 'María del Carmen' }, given), new Set(['"María"']));
    assert.deepEqual(outcomes('given_name_abbreviated', {}, given), new Set(['"Ma. José"', '"María J."']));
    assert.deepEqual(outcomes('given_name_abbreviated', { givenNames: 'Maria' }, given), new Set(['"Ma."']));
    for (const kind of ['given_names_reordered', 'given_name_dropped', 'given_name_abbreviated'] as const) {
      const p = person({ givenNames: 'Valentina' });
      assert.equal(applyTypo(p, kind, Random.from(1), context()), false, kind);
      assert.equal(p.givenNames, 'Valentina');
    }
  });

  it('drops the second family name', () => {
    const p = person();
    assert.equal(applyTypo(p, 'second_family_name_missing', Random.from(1), context()), true);
    assert.equal(p.secondFamilyName, null);
    assert.equal(applyTypo(p, 'second_family_name_missing', Random.from(1), context()), false);
  });

  it('swaps day and month only when the result is a different, past date', () => {
    const p = person({ birthDate: '1990-03-07' });
    assert.equal(applyTypo(p, 'day_month_swapped', Random.from(1), context()), true);
    assert.equal(p.birthDate, '1990-07-03');
    for (const birthDate of ['1990-03-15', '1990-04-04', '2026-11-12']) {
      const q = person({ birthDate });
      assert.equal(applyTypo(q, 'day_month_swapped', Random.from(1), context()), false, birthDate);
      assert.equal(q.birthDate, birthDate);
    }
  });

  it('keeps only the year, or moves the year by one (29 February made valid, never in the future)', () => {
    const p = person();
    assert.equal(applyTypo(p, 'year_only', Random.from(1), context()), true);
    assert.deepEqual([p.birthDate, p.birthDatePrecision, p.birthDateApproximate], ['1990', 'year', true]);
    assert.equal(applyTypo(p, 'year_only', Random.from(1), context()), false);
    assert.deepEqual(outcomes('birth_year_off_by_one', { birthDate: '2000-02-29' }, (q) => q.birthDate), new Set(['"1999-02-28"', '"2001-02-28"']));
    assert.deepEqual(outcomes('birth_year_off_by_one', { birthDate: '2026-05-01' }, (q) => q.birthDate), new Set(['"2025-05-01"']));
    assert.deepEqual(outcomes('birth_year_off_by_one', { birthDate: '1950', birthDatePrecision: 'year' }, (q) => q.birthDate), new Set(['"1949"', '"1951"']));
  });

  it('loses the document, or mistypes one digit of it', () => {
    const missing = outcomes('document_missing', {}, (q) => q.evidence.kind);
    assert.deepEqual(missing, new Set(['"household_head"', '"sworn_declaration"']));
    assert.deepEqual(outcomes('document_missing', {}, (q) => q.evidence.kind, context({ headCanVouch: false })), new Set(['"sworn_declaration"']));
    for (let seed = 0; seed < 200; seed++) {
      const p = person();
      applyTypo(p, 'document_digit_wrong', Random.from(seed), context());
      assert.ok(p.evidence.kind === 'document', p.evidence.kind);
      const diff = [...p.evidence.number].filter((c, i) => c !== '12345678'[i]).length;
      assert.equal(diff, 1);
      assert.match(p.evidence.number, /^[1-9]\d{7}$/);
      const c = person({ evidence: { kind: 'document', type: 'birth_certificate', number: 'AN-01-02-2015-000123' } });
      applyTypo(c, 'document_digit_wrong', Random.from(seed), context());
      assert.ok(c.evidence.kind === 'document', c.evidence.kind);
      assert.match(c.evidence.number, /^AN-01-02-2015-\d{6}$/);
      assert.notEqual(c.evidence.number, 'AN-01-02-2015-000123');
    }
    const undocumented = person({ evidence: { kind: 'sworn_declaration' } });
    assert.equal(applyTypo(undocumented, 'document_missing', Random.from(1), context()), false);
    assert.equal(applyTypo(undocumented, 'document_digit_wrong', Random.from(1), context()), false);
  });

  it('changes the phone, or loses it', () => {
    assert.deepEqual(outcomes('phone_changed', {}, (q) => q.phone), new Set(['"0402-7654321"', 'null']));
    assert.deepEqual(outcomes('phone_changed', { phone: null }, (q) => q.phone), new Set(['"0402-7654321"']));
  });
});

describe('applyTypos', () => {
  it('applies one to four different typos and always changes the record', () => {
    const counts = new Map<number, number>();
    for (let seed = 0; seed < 2000; seed++) {
      const p = person({ givenNames: seed % 2 ? 'Ana' : 'María José', secondFamilyName: seed % 3 ? 'Castillo' : null, phone: seed % 5 ? '0401-1234567' : null });
      const before = JSON.stringify(p);
      const typos = applyTypos(p, Random.from(seed), context());
      assert.ok(typos.length >= 1 && typos.length <= 4, typos.join());
      assert.equal(new Set(typos).size, typos.length);
      assert.notEqual(JSON.stringify(p), before);
      counts.set(typos.length, (counts.get(typos.length) ?? 0) + 1);
    }
    assert.ok(counts.get(1)! > counts.get(2)! && counts.get(2)! > counts.get(3)! && counts.get(3)! > counts.get(4)!, 'counts.get(1)! > counts.get(2)! && counts.get(2)! > counts.get(3)! && counts....');
  });

  it('has a weight for every kind', () => {
    assert.equal(TYPO_KINDS.length, 19);
    for (const kind of TYPO_KINDS) assert.ok(TYPO_WEIGHTS[kind] > 0, 'TYPO_WEIGHTS[kind] > 0');
  });
});
