import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockingKeys, searchKeys } from './blocking-keys.ts';
import { countNames, nameFrequenciesFromCounts } from './name-frequency.ts';
import { DEFAULT_THRESHOLDS, scorePair } from './score.ts';
import { syntheticPopulation } from './synthetic-population.ts';
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

/** The same record with names few people carry. */
const uncommon = { ...base, givenNames: 'Auxiliadora', familyNames: 'Villalobos Uzcátegui' };

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
  // Only a year, moved away, no document: with names as common as "María José Pérez Rodríguez" that is a namesake as often as not (see below).
  ['year only', person(uncommon), person({ ...uncommon, birthDate: year(1985), documents: [], householdId: null, addressKey: null })],
  ['year only, same household', person(base), person({ ...base, birthDate: year(1985), documents: [] })],
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
  ['cousins named alike, the shared family name from the other parent', person(base), person({ ...base, familyNames: 'Rodríguez Gómez', householdId: 'h6', addressKey: null, documents: [] })],
  ['twins, one with a second name', person({ ...base, givenNames: 'María', documents: [] }), person({ ...base, givenNames: 'María Fernanda', documents: [] })],
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

  it('is symmetric on every candidate pair of a synthetic registry, names in each other\'s fields included', () => {
    const { persons } = syntheticPopulation({ households: 1_500, duplicates: 300, seed: 42 });
    const index = new Map<string, DedupPerson[]>();
    for (const p of persons) for (const k of blockingKeys(p)) index.set(k, [...(index.get(k) ?? []), p]);
    let pairs = 0;
    for (const p of persons) {
      for (const k of searchKeys(p)) {
        for (const q of index.get(k) ?? []) {
          if (q === p) continue;
          const [x, y] = [scorePair(p, q), scorePair(q, p)];
          assert.equal(x.score, y.score, `${p.givenNames} ${p.familyNames} / ${q.givenNames} ${q.familyNames}`);
          assert.deepEqual(x.reasons.map((r) => r.code).sort(), y.reasons.map((r) => r.code).sort());
          pairs++;
        }
      }
    }
    assert.ok(pairs > 1000, `${pairs} pairs`);
  });

  it('explains itself in English and Spanish, strongest reason first', () => {
    const { reasons } = scorePair(person(base), person({ ...base, birthDate: day('1985-12-03'), familyNames: 'Perez', householdId: 'h1' }));
    const codes = reasons.map((r) => r.code);
    for (const code of ['given_names_equal', 'family_names_subset', 'birth_date_day_month_swapped', 'document_equal', 'same_household_same_names', 'sex_equal', 'common_names'] as const) {
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
    assert.deepEqual(codes(person({ ...base, documents: [] })), ['same_household_same_names']);
    assert.deepEqual(codes(person({ ...base, documents: [], givenNames: 'María' })), ['same_household'], 'a name dropped: a sister may be called so');
    assert.deepEqual(codes(person({ ...base, documents: [], givenNames: 'Ana Karina' })), ['same_household']);
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

  it('counts agreeing on a common name for less than on an uncommon one, and names them as typed', () => {
    const slip = { birthDate: day('1985-03-13'), documents: [], householdId: 'h9', addressKey: null };
    const common = scorePair(person(base), person({ ...base, ...slip }));
    const rare = scorePair(person(uncommon), person({ ...uncommon, ...slip }));
    assert.ok(rare.score > common.score + 0.3, `${rare.score} / ${common.score}`);
    const c = common.reasons.find((r) => r.code === 'common_names');
    assert.ok(c && c.weight < 0, 'common names count against');
    assert.match(c.explanation.en, /agreeing on them counts for less: “María”, “José”, “Pérez”, “Rodríguez”\./);
    assert.match(c.explanation.es, /coincidir en ellos cuenta menos: “María”, “José”, “Pérez”, “Rodríguez”\./);
    assert.ok(!common.reasons.some((r) => r.code === 'uncommon_names'));
    const u = rare.reasons.find((r) => r.code === 'uncommon_names');
    assert.ok(u && u.weight > 0, 'uncommon names count for');
    assert.match(u.explanation.en, /“Auxiliadora”, “Villalobos”, “Uzcátegui”/);
    assert.ok(!rare.reasons.some((r) => r.code === 'common_names'));
    // Given names count as one choice: "María Auxiliadora" is as uncommon as Auxiliadora, and María is not called common.
    const mixed = scorePair(person({ ...uncommon, givenNames: 'María Auxiliadora' }), person({ ...uncommon, givenNames: 'María Auxiliadora', ...slip }));
    assert.match(mixed.reasons.find((r) => r.code === 'uncommon_names')!.explanation.en, /: “Auxiliadora”, “Villalobos”, “Uzcátegui”\./);
    assert.ok(!mixed.reasons.some((r) => r.code === 'common_names'));
  });

  it('does not take common names and a shared year for one person, but does with uncommon names', () => {
    const yearOnly = { birthDate: year(1985), documents: [], householdId: null, addressKey: null };
    // In a registry of millions several "María José Pérez Rodríguez" are born in 1985.
    assert.equal(scorePair(person(base), person({ ...base, ...yearOnly })).decision, 'different');
    assert.notEqual(scorePair(person(uncommon), person({ ...uncommon, ...yearOnly })).decision, 'different');
    // With the full date they are one person whatever the names.
    assert.notEqual(scorePair(person(base), person({ ...base, documents: [], householdId: null, addressKey: null })).decision, 'different');
  });

  it('uses a registry\'s own counts of names when given them', () => {
    const counts = countNames(Array.from({ length: 1000 }, (_, i) => ({ givenNames: i % 2 ? 'Auxiliadora' : 'Pedro', familyNames: 'Villalobos Uzcátegui' })));
    const frequencies = nameFrequenciesFromCounts(counts);
    const pair = [person(uncommon), person({ ...uncommon, birthDate: day('1985-03-13') })] as const;
    const counted = scorePair(...pair, DEFAULT_THRESHOLDS, { frequencies });
    assert.ok(counted.reasons.some((r) => r.code === 'common_names'), 'in this registry everybody is a Villalobos Uzcátegui');
    assert.ok(counted.score < scorePair(...pair).score);
  });

  it('tells a year mistyped from a day mistyped, and a family name in another place from a slip', () => {
    const codeOf = (b: Partial<DedupPerson>) => scorePair(person(uncommon), person({ ...uncommon, documents: [], ...b })).reasons;
    const yearTypo = codeOf({ birthDate: day('1986-03-12') }).find((r) => r.code === 'birth_date_year_typo')!;
    assert.match(yearTypo.explanation.es, /1985-03-12 y 1986-03-12 tienen el mismo día y mes/);
    const dayTypo = codeOf({ birthDate: day('1985-03-13') }).find((r) => r.code === 'birth_date_one_digit_typo')!;
    assert.ok(yearTypo.weight > dayTypo.weight, 'a day one digit off is shared by chance far more often than a day and month');
    // One family's father is the other's mother: cousins, or strangers, seldom one person.
    const moved = scorePair(person({ ...base, familyNames: 'Hernández Rojas' }), person({ ...base, familyNames: 'González Hernández', documents: [], householdId: 'h4', addressKey: null }));
    assert.deepEqual(moved.reasons.filter((r) => r.code.startsWith('family')).map((r) => r.code).sort(), ['family_names_partial', 'family_names_reordered']);
    assert.equal(moved.decision, 'different');
  });

  it('accepts other thresholds', () => {
    const pair = [person(base), person({ ...base, birthDate: year(1985), documents: [] })] as const;
    assert.equal(scorePair(...pair, { review: 0.01, same: 0.02 }).decision, 'same');
    assert.equal(scorePair(...pair, { review: 0.9999, same: 0.99999 }).decision, 'different');
  });
});
