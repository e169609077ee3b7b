import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_THRESHOLDS, scorePair } from './score.ts';
import type { DedupPerson } from './types.ts';

let nextId = 0;
function person(p: Partial<DedupPerson> & Pick<DedupPerson, 'givenNames' | 'familyNames'>): DedupPerson {
  return {
    id: `t${++nextId}`,
    sex: null,
    birthDate: null,
    documents: [],
    householdId: null,
    addressKey: null,
    regionCode: null,
    ...p,
  };
}
const day = (value: string) => ({ value, precision: 'day' as const });
const year = (y: number) => ({ value: `${y}-01-01`, precision: 'year' as const });

const base = {
  givenNames: 'María José',
  familyNames: 'Pérez Rodríguez',
  sex: 'F' as const,
  birthDate: day('1985-03-12'),
  documents: [{ type: 'cedula', number: 'V-12345678' }],
  householdId: 'h1',
  addressKey: 'AN-01-02|calle 5|casa 3',
  regionCode: 'AN-01-02',
};

/** The same person enrolled twice, the second time with the slips registrars make; moved, or without a document. */
const duplicates: [string, DedupPerson, DedupPerson][] = [
  ['accents and case', person(base), person({ ...base, givenNames: 'MARIA JOSE', familyNames: 'PEREZ RODRIGUEZ' })],
  ['b/v', person({ ...base, familyNames: 'Valencia Bravo' }), person({ ...base, familyNames: 'Balencia Brabo', documents: [] })],
  ['c/s/z', person({ ...base, familyNames: 'Zambrano Sánchez' }), person({ ...base, familyNames: 'Sambrano Sanches', householdId: 'h9' })],
  ['ll/y', person({ ...base, familyNames: 'Yépez Llovera' }), person({ ...base, familyNames: 'Llepez Yovera', documents: [] })],
  ['silent h', person({ ...base, familyNames: 'Hernández Herrera' }), person({ ...base, familyNames: 'Ernandez Errera', documents: [] })],
  ['g/j', person({ ...base, familyNames: 'Jiménez Gil' }), person({ ...base, familyNames: 'Giménez Gil', householdId: null, addressKey: null })],
  ['qu/k', person({ ...base, familyNames: 'Quintero Quiñones' }), person({ ...base, familyNames: 'Kintero Kiñones', documents: [] })],
  ['transposed letters', person(base), person({ ...base, familyNames: 'Pérez Rodirguez', documents: [] })],
  ['neighbouring key', person(base), person({ ...base, givenNames: 'Marua José', documents: [] })],
  ['dropped letter', person({ ...base, givenNames: 'Fernando' , sex: 'M' }), person({ ...base, givenNames: 'Fernndo', sex: 'M', documents: [] })],
  ['second family name dropped', person(base), person({ ...base, familyNames: 'Pérez', documents: [], householdId: 'h2', addressKey: null })],
  ['second given name dropped', person(base), person({ ...base, givenNames: 'María', documents: [] })],
  ['given names reordered', person(base), person({ ...base, givenNames: 'José María', documents: [] })],
  ['the example of the brief', person(base), person({ ...base, givenNames: 'Jose Maria', familyNames: 'Perez', documents: [] })],
  ['names in each other\'s fields', person(base), person({ ...base, givenNames: 'Pérez Rodríguez', familyNames: 'María José', documents: [] })],
  ['particles', person({ ...base, familyNames: 'de la Cruz del Valle' }), person({ ...base, familyNames: 'Cruz Valle', documents: [] })],
  ['abbreviation', person({ ...base, givenNames: 'María del Carmen' }), person({ ...base, givenNames: 'Ma. del Carmen', documents: [] })],
  ['day and month swapped', person(base), person({ ...base, birthDate: day('1985-12-03'), documents: [] })],
  ['year only', person(base), person({ ...base, birthDate: year(1985), documents: [], householdId: null, addressKey: null })],
  ['one digit of the date', person(base), person({ ...base, birthDate: day('1985-03-13'), documents: [] })],
  ['year digits exchanged', person(base), person({ ...base, birthDate: day('1958-03-12'), documents: [] })],
  ['approximate year', person({ ...base, birthDate: year(1960) }), person({ ...base, birthDate: year(1961), documents: [] })],
  ['sex mistyped', person(base), person({ ...base, sex: 'M', documents: [] })],
  ['moved, no document', person(base), person({ ...base, householdId: 'h7', addressKey: 'ZU-03-01|x', regionCode: 'ZU-03-01', documents: [] })],
  ['document number mistyped', person(base), person({ ...base, documents: [{ type: 'cedula', number: 'V-12345679' }] })],
  ['typo and dropped family name', person(base), person({ ...base, givenNames: 'Maria Jsoe', familyNames: 'Perez', documents: [] })],
  ['typo and year only', person(base), person({ ...base, familyNames: 'Peréz Rodrgiuez', birthDate: year(1985), documents: [] })],
  ['a name written as one word', person(base), person({ ...base, givenNames: 'Mariajosé', documents: [] })],
  ['same document, name typed badly', person(base), person({ ...base, givenNames: 'Mjose', householdId: null })],
];

/** Different people who look alike: relatives in one household, namesakes. */
const relatives: [string, DedupPerson, DedupPerson][] = [
  ['sisters', person(base), person({ ...base, givenNames: 'Ana Karina', birthDate: day('1988-07-21'), documents: [] })],
  ['sisters who share María', person(base), person({ ...base, givenNames: 'María Fernanda', birthDate: day('1990-01-05'), documents: [] })],
  ['brother and sister', person(base), person({ ...base, givenNames: 'Luis Alberto', sex: 'M', birthDate: day('1983-11-30'), documents: [] })],
  ['sister with year-only date', person(base), person({ ...base, givenNames: 'Yesenia', birthDate: year(1987), documents: [] })],
  ['twins', person(base), person({ ...base, givenNames: 'Ana Gabriela', documents: [] })],
  ['twins who share María', person(base), person({ ...base, givenNames: 'María Fernanda', documents: [] })],
  ['twins who share José', person({ ...base, givenNames: 'José Luis', sex: 'M' }), person({ ...base, givenNames: 'José Gregorio', sex: 'M', documents: [] })],
  ['twins Daniel and Daniela', person({ ...base, givenNames: 'Daniel', sex: 'M' }), person({ ...base, givenNames: 'Daniela', documents: [] })],
  ['twins Mario and María', person({ ...base, givenNames: 'Mario', sex: 'M' }), person({ ...base, givenNames: 'María', documents: [] })],
  ['twins, one known by the second name', person({ ...base, givenNames: 'Isabel' }), person({ ...base, givenNames: 'Camila Isabel', documents: [] })],
  ['father and son of the same name', person({ ...base, givenNames: 'Juan Carlos', sex: 'M', birthDate: day('1962-05-14') }), person({ ...base, givenNames: 'Juan Carlos', sex: 'M', birthDate: day('1990-08-02'), documents: [] })],
  ['Junior with a year-only father', person({ ...base, givenNames: 'José Gregorio', sex: 'M', birthDate: year(1958), documents: [] }), person({ ...base, givenNames: 'José Gregorio', sex: 'M', birthDate: day('1984-02-11'), documents: [] })],
  ['Junior written out', person({ ...base, givenNames: 'Pedro', sex: 'M', birthDate: day('1955-01-20') }), person({ ...base, givenNames: 'Pedro Junior', sex: 'M', birthDate: day('1979-10-10'), documents: [] })],
  ['mother and daughter', person({ ...base, familyNames: 'Rodríguez Gómez', birthDate: day('1961-09-09') }), person({ ...base, documents: [] })],
  ['cousins', person(base), person({ ...base, familyNames: 'Pérez Martínez', givenNames: 'María Alejandra', birthDate: day('1985-06-01'), householdId: 'h3', documents: [] })],
  ['namesakes with different cédulas', person(base), person({ ...base, householdId: 'h5', addressKey: null, regionCode: 'ZU-01-01', documents: [{ type: 'cedula', number: 'V-20111222' }] })],
];

describe('scorePair', () => {
  for (const [name, a, b] of duplicates) {
    it(`flags a duplicate for review at least: ${name}`, () => {
      const { score, decision, reasons } = scorePair(a, b);
      assert.ok(score >= DEFAULT_THRESHOLDS.review, `${name}: ${score.toFixed(3)} ${reasons.map((r) => `${r.code}:${r.weight}`).join(' ')}`);
      assert.notEqual(decision, 'different');
    });
  }

  it('does not call relatives the same person, and sends few of them to review', () => {
    let reviewed = 0;
    for (const [name, a, b] of relatives) {
      const { score, decision, reasons } = scorePair(a, b);
      assert.ok(score < DEFAULT_THRESHOLDS.same, `${name}: ${score.toFixed(3)} ${reasons.map((r) => `${r.code}:${r.weight}`).join(' ')}`);
      assert.notEqual(decision, 'same');
      if (score >= DEFAULT_THRESHOLDS.review) reviewed++;
    }
    assert.ok(reviewed <= 2, `${reviewed} of ${relatives.length} relatives sent to review`);
  });

  it('is symmetric', () => {
    for (const [, a, b] of [...duplicates, ...relatives]) {
      assert.equal(scorePair(a, b).score, scorePair(b, a).score);
    }
  });

  it('explains itself in English and Spanish, strongest reason first', () => {
    const { reasons } = scorePair(person(base), person({ ...base, birthDate: day('1985-12-03'), familyNames: 'Perez', householdId: 'h1' }));
    const codes = reasons.map((r) => r.code);
    for (const code of ['given_names_equal', 'family_names_subset', 'birth_date_day_month_swapped', 'document_equal', 'same_household', 'sex_equal'] as const) {
      assert.ok(codes.includes(code), code);
    }
    for (const r of reasons) {
      assert.ok(r.explanation.en.length > 10 && r.explanation.es.length > 10, r.code);
      assert.notEqual(r.explanation.en, r.explanation.es);
    }
    const sizes = reasons.map((r) => Math.abs(r.weight));
    assert.deepEqual(sizes, [...sizes].sort((x, y) => y - x));
    const swapped = reasons.find((r) => r.code === 'birth_date_day_month_swapped')!;
    assert.match(swapped.explanation.es, /1985-03-12 y 1985-12-03/);
  });

  it('treats documents as strong evidence both ways', () => {
    const a = person(base);
    const sameDocument = scorePair(a, person({ givenNames: 'Pedro', familyNames: 'Gómez', documents: [{ type: 'Cédula', number: 'v 12.345.678' }] }));
    assert.equal(sameDocument.decision, 'review', 'a shared document always needs a person to look');
    assert.ok(sameDocument.reasons.some((r) => r.code === 'document_equal'));
    const otherDocument = scorePair(a, person({ ...base, documents: [{ type: 'cedula', number: 'V-98765432' }] }));
    assert.ok(otherDocument.reasons.some((r) => r.code === 'document_conflict'));
    assert.ok(otherDocument.score < scorePair(a, person({ ...base, documents: [] })).score - 0.5);
    const otherType = scorePair(a, person({ ...base, documents: [{ type: 'passport', number: 'V12345678' }] }));
    assert.ok(otherType.reasons.some((r) => r.code === 'document_number_other_type'));
  });

  it('uses household, address and region as weak evidence, the closest only', () => {
    const a = person({ ...base, documents: [] });
    const codes = (b: DedupPerson) => scorePair(a, b).reasons.map((r) => r.code).filter((c) => /household|address|region/.test(c));
    assert.deepEqual(codes(person({ ...base, documents: [] })), ['same_household']);
    assert.deepEqual(codes(person({ ...base, documents: [], householdId: 'h2' })), ['same_address']);
    assert.deepEqual(codes(person({ ...base, documents: [], householdId: 'h2', addressKey: 'x' })), ['same_region']);
    assert.deepEqual(codes(person({ ...base, documents: [], householdId: 'h2', addressKey: 'x', regionCode: 'AN-01-07' })), ['nearby_region']);
    assert.deepEqual(codes(person({ ...base, documents: [], householdId: 'h2', addressKey: 'x', regionCode: 'ZU-01-07' })), []);
    const sameHousehold = scorePair(person({ givenNames: 'Ana', familyNames: 'Díaz', householdId: 'h1' }), person({ givenNames: 'Luis', familyNames: 'Mora', householdId: 'h1' }));
    assert.equal(sameHousehold.decision, 'different', 'sharing a household alone is not a duplicate');
  });

  it('scores a record against itself as the same person, and strangers as different', () => {
    assert.equal(scorePair(person(base), person(base)).decision, 'same');
    const stranger = scorePair(person(base), person({ givenNames: 'Luis', familyNames: 'Mora Díaz', sex: 'M', birthDate: day('1970-01-01') }));
    assert.equal(stranger.decision, 'different');
    assert.ok(stranger.score < 0.001);
  });

  it('accepts other thresholds', () => {
    const pair = [person(base), person({ ...base, birthDate: year(1985), documents: [] })] as const;
    assert.equal(scorePair(...pair, { review: 0.01, same: 0.02 }).decision, 'same');
    assert.equal(scorePair(...pair, { review: 0.9999, same: 0.99999 }).decision, 'different');
  });
});
