import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockingKeys, searchKeys } from './blocking-keys.ts';
import { syntheticPopulation } from './synthetic-population.ts';
import type { DedupPerson } from './types.ts';

const day = (value: string) => ({ value, precision: 'day' as const });
const year = (y: number) => ({ value: `${y}-01-01`, precision: 'year' as const });

const base: DedupPerson = {
  id: 'a',
  givenNames: 'María José',
  familyNames: 'Pérez Rodríguez',
  sex: 'F',
  birthDate: day('1985-03-12'),
  documents: [],
  householdId: null,
  addressKey: null,
  regionCode: null,
};
const variant = (p: Partial<DedupPerson>): DedupPerson => ({ ...base, id: 'b', ...p });

/** Would a search for `searcher` fetch `stored` from the index? */
const finds = (searcher: DedupPerson, stored: DedupPerson) => {
  const stored_ = new Set(blockingKeys(stored));
  return searchKeys(searcher).some((k) => stored_.has(k));
};

describe('blockingKeys and searchKeys', () => {
  const slips: [string, DedupPerson][] = [
    ['accents, b/v, c/s/z, ll/y, h', variant({ givenNames: 'Maria Jose', familyNames: 'Peres Rodrigues' })],
    ['swapped day and month', variant({ birthDate: day('1985-12-03') })],
    ['year-only date', variant({ birthDate: year(1985) })],
    ['declared year one off', variant({ birthDate: year(1986) })],
    ['dropped second family name', variant({ familyNames: 'Pérez' })],
    ['dropped second family name and year only', variant({ familyNames: 'Pérez', birthDate: year(1985) })],
    ['transposed letters in the first family name', variant({ familyNames: 'Pérze Rodríguez' })],
    ['transposed letters in the first family name, year only', variant({ familyNames: 'Pérze Rodríguez', birthDate: year(1985) })],
    ['transposed letters in the first given name', variant({ givenNames: 'Mraía José' })],
    ['transposed letters in the given name, year only', variant({ givenNames: 'Mraía José', birthDate: year(1985) })],
    ['typos in a given and a family name', variant({ givenNames: 'Maróa José', familyNames: 'Pérez Rodrígeuz' })],
    ['given names in the other order', variant({ givenNames: 'José María' })],
    ['given names in the other order, year only', variant({ givenNames: 'José María', birthDate: year(1985) })],
    ['family names in the other order', variant({ familyNames: 'Rodríguez Pérez' })],
    ['family names in the other order, year only', variant({ familyNames: 'Rodríguez Pérez', birthDate: year(1985) })],
    ['names typed in each other\'s fields', variant({ givenNames: 'Pérez Rodríguez', familyNames: 'María José' })],
    ['names in each other\'s fields, year only', variant({ givenNames: 'Pérez Rodríguez', familyNames: 'María José', birthDate: year(1985) })],
    ['one digit of the year', variant({ birthDate: day('1986-03-12') })],
    ['year digits exchanged', variant({ birthDate: day('1958-03-12') })],
    ['tens of the year', variant({ birthDate: day('1995-03-12') })],
    ['one digit of the day', variant({ birthDate: day('1985-03-13') })],
    ['one digit of the day and the first family name', variant({ birthDate: day('1985-03-13'), familyNames: 'Péres Rodríguez' })],
  ];
  for (const [name, other] of slips) {
    it(`finds a duplicate with: ${name}`, () => {
      assert.ok(finds(other, base), 'the new record finds the stored one');
      assert.ok(finds(base, other), 'and the other way round');
    });
  }

  it('finds a duplicate by document alone', () => {
    const a = variant({ documents: [{ type: 'Cédula', number: 'V-12.345.678' }] });
    const b = { ...a, givenNames: 'Xxx', familyNames: 'Yyy', birthDate: null, documents: [{ type: 'cedula', number: 'v12345678' }] };
    assert.ok(finds(b, a));
  });

  it('does not bring together people who share only a name or only a date', () => {
    assert.equal(finds(variant({ birthDate: day('1962-07-30') }), base), false);
    assert.equal(finds(variant({ givenNames: 'Luis', familyNames: 'Mora Díaz', sex: 'M' }), base), false);
    assert.equal(finds(variant({ givenNames: 'Ana Karina', birthDate: day('1988-07-21') }), base), false, 'a sister');
  });

  it('stores a few keys per person, more only for year-only dates', () => {
    assert.ok(blockingKeys(base).length <= 6, blockingKeys(base).join(' '));
    assert.ok(blockingKeys(variant({ birthDate: year(1985) })).length <= 9);
    assert.ok(searchKeys(base).length <= 20, searchKeys(base).join(' '));
    assert.deepEqual(blockingKeys(base), blockingKeys({ ...base, id: 'other' }), 'keys do not depend on the id');
  });

  it('keeps persons without a birth date findable by name among themselves', () => {
    const a = variant({ birthDate: null });
    assert.ok(finds(variant({ birthDate: null, id: 'c' }), a));
    assert.ok(finds(base, a));
  });

  it('returns a few dozen candidates per search in a registry of one million', () => {
    // Bucket sizes grow linearly with the registry: count on a sample, scale to 1,000,000.
    const { persons } = syntheticPopulation({ households: 30_000, duplicates: 0, seed: 20261129 });
    const searchers = persons.slice(0, 3_000);
    const stored = persons.slice(3_000);
    const index = new Map<string, number[]>();
    stored.forEach((p, i) => {
      for (const k of blockingKeys(p)) {
        const list = index.get(k);
        if (list) list.push(i);
        else index.set(k, [i]);
      }
    });
    const scale = 1_000_000 / stored.length;
    const counts = searchers
      .map((p) => {
        const found = new Set<number>();
        for (const k of searchKeys(p)) for (const i of index.get(k) ?? []) found.add(i);
        return found.size * scale;
      })
      .sort((x, y) => x - y);
    const mean = counts.reduce((s, n) => s + n, 0) / counts.length;
    const at = (q: number) => counts[Math.floor(q * (counts.length - 1))]!;
    const rows = stored.reduce((s, p) => s + blockingKeys(p).length, 0) / stored.length;
    console.log(`blocking at 1,000,000 persons (scaled from ${stored.length}): candidates per search mean ${mean.toFixed(1)}, median ${at(0.5).toFixed(0)}, p90 ${at(0.9).toFixed(0)}, p99 ${at(0.99).toFixed(0)}, max ${at(1).toFixed(0)}; ${rows.toFixed(2)} index rows per person`);
    assert.ok(mean <= 25, `mean ${mean}`);
    assert.ok(at(0.99) <= 100, `p99 ${at(0.99)}`);
    assert.ok(rows <= 8, `rows ${rows}`);
  });
});
