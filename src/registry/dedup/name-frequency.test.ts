import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countNames, DEFAULT_NAME_FREQUENCIES, nameFrequenciesFromCounts, UNLISTED_FAMILY, UNLISTED_GIVEN } from './name-frequency.ts';
import { normaliseName } from './normalise.ts';
import { spanishPhonetic } from './spanish-phonetic.ts';

const key = (name: string) => spanishPhonetic(normaliseName(name)[0]!);

describe('DEFAULT_NAME_FREQUENCIES', () => {
  it('knows the commonest names, whatever their spelling', () => {
    const f = DEFAULT_NAME_FREQUENCIES;
    assert.ok(f.family(key('González')) > 0.02);
    assert.equal(f.family(key('Gonzales')), f.family(key('González')), 'sounds the same, same share');
    assert.ok(f.given(key('María')) > f.given(key('Carmen')));
    assert.ok(f.family(key('García')) > f.family(key('Herrera')));
  });

  it('takes any other name for an uncommon one, less common than every listed name', () => {
    const f = DEFAULT_NAME_FREQUENCIES;
    assert.equal(f.family(key('Uzcátegui')), UNLISTED_FAMILY);
    assert.equal(f.given(key('Auxiliadora')), UNLISTED_GIVEN);
    assert.ok(f.family(key('Guzmán')) > UNLISTED_FAMILY);
    for (const name of ['Mateo', 'Gregorio', 'Isabella']) assert.ok(f.given(key(name)) >= UNLISTED_GIVEN, name);
  });
});

describe('nameFrequenciesFromCounts', () => {
  it('gives the share of persons for given names and of family-name positions for family names', () => {
    const counts = countNames([
      { givenNames: 'María José', familyNames: 'Pérez Pérez' },
      { givenNames: 'Maria', familyNames: 'Pérez Gómez' },
      { givenNames: 'Ana María', familyNames: 'Gómez de la Cruz' },
      { givenNames: 'J. Luis', familyNames: 'Cruz' },
    ]);
    assert.equal(counts.persons, 4);
    assert.equal(counts.given.get(key('María')), 3, 'one count per person, accents aside');
    assert.equal(counts.given.get('j'), undefined, 'initials are not names');
    assert.equal(counts.family.get(key('Pérez')), 3, 'each position counts');
    assert.equal(counts.family.get(key('Cruz')), 2, 'particles aside');
    const f = nameFrequenciesFromCounts(counts, 1);
    assert.equal(f.given(key('María')), 3 / 4);
    assert.equal(f.family(key('Pérez')), 3 / 8);
  });

  it('never calls a name rarer than the floor, so that a young registry does not find every name rare', () => {
    const f = nameFrequenciesFromCounts(countNames([{ givenNames: 'Ana', familyNames: 'Mora Díaz' }]), 5);
    assert.equal(f.given(key('Ana')), 5);
    assert.equal(f.given(key('Zoila')), 5);
    const empty = nameFrequenciesFromCounts({ persons: 0, given: new Map(), family: new Map() });
    assert.ok(Number.isFinite(empty.family(key('Mora'))));
  });
});
