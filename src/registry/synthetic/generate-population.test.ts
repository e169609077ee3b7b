import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../shared/domain-error.ts';
import { ageOn, parseIsoDate } from './calendar.ts';
import { generatePopulation, type GeneratePopulationOptions } from './generate-population.ts';
import type { SyntheticHousehold, SyntheticPerson } from './synthetic-household.ts';

const PARISHES = (parse(readFileSync(new URL('../../regions/demo-regions.csv', import.meta.url), 'utf8'), { columns: true }) as Record<string, string>[])
  .filter((r) => r.level === 'parish')
  .map((r) => ({ code: r.code!, name: r.name! }));
const TODAY = '2026-12-01';
const TODAY_DAY = parseIsoDate(TODAY)!;

const options = (o: Partial<GeneratePopulationOptions> = {}): GeneratePopulationOptions => ({ seed: 'test', households: 1000, parishes: PARISHES, today: TODAY, ...o });
const jsonLines = (o: GeneratePopulationOptions) => [...generatePopulation(o)].map((h) => JSON.stringify(h)).join('\n');

describe('generatePopulation: reproducibility', () => {
  it('gives the same population for the same seed, byte for byte, and another for another seed or day', () => {
    const a = jsonLines(options({ households: 2000, duplicates: 100 }));
    assert.equal(jsonLines(options({ households: 2000, duplicates: 100 })), a);
    assert.notEqual(jsonLines(options({ households: 2000, duplicates: 100, seed: 'test2' })), a);
    assert.notEqual(jsonLines(options({ households: 2000, duplicates: 100, today: '2026-12-02' })), a);
    assert.equal(jsonLines(options({ seed: 7 })), jsonLines(options({ seed: '7' })));
  });

  it('is pinned: a fixed seed gives this exact population (update only on purpose, and say so)', () => {
    // Benchmarks and saved ground truths depend on a seed meaning the same population.
    // If a change to the lists or distributions is intended, update the hash in the same change.
    const parishes = [
      { code: 'AA-01-01', name: 'Los Teques' },
      { code: 'AA-01-02', name: 'El Valle' },
      { code: 'BB-02-01', name: 'Santa Ana' },
    ];
    const text = jsonLines({ seed: 'golden', households: 300, duplicates: 30, parishes, today: '2026-12-01' });
    assert.equal(createHash('sha256').update(text).digest('hex'), GOLDEN_SHA256);
  });

  it('works with for await, the same as with for of', async () => {
    const viaAwait: string[] = [];
    for await (const h of generatePopulation(options({ households: 50, duplicates: 5 }))) viaAwait.push(JSON.stringify(h));
    assert.equal(viaAwait.join('\n'), jsonLines(options({ households: 50, duplicates: 5 })));
  });

  it('refuses bad options when called, with VALIDATION_FAILED', () => {
    const bad: Partial<GeneratePopulationOptions>[] = [
      { seed: '' },
      { seed: Number.NaN },
      { households: -1 },
      { households: 1.5 },
      { households: 10_000_001 },
      { duplicates: 1001 },
      { duplicates: -1 },
      { parishes: [] },
      { parishes: [{ code: 'AN-01-01', name: 'A' }, { code: 'AN-01-01', name: 'B' }] },
      { parishes: [{ code: '', name: 'A' }] },
      { today: '2026-02-30' },
      { today: 'yesterday' },
      { today: new Date(Number.NaN) },
    ];
    for (const o of bad) {
      assert.throws(() => generatePopulation(options(o)), (e: unknown) => e instanceof DomainError && e.code === 'VALIDATION_FAILED', JSON.stringify(o));
    }
    assert.deepEqual([...generatePopulation(options({ households: 0 }))], []);
    assert.equal(jsonLines(options({ today: new Date(Date.UTC(2026, 11, 1, 23, 59)) })), jsonLines(options()));
  });
});

/** Originals only: planted duplicates are copies with typos and follow none of these rules. */
function originalsOf(h: SyntheticHousehold): SyntheticPerson[] {
  const duplicates = new Set(h.plantedDuplicates.map((d) => d.externalId));
  return h.members.filter((m) => !duplicates.has(m.externalId));
}

const exact = (p: SyntheticPerson) => p.birthDatePrecision === 'day' && !p.birthDateApproximate;
const birthYear = (p: SyntheticPerson) => Number(p.birthDate.slice(0, 4));

/** Years from the older to the younger: exactly when both dates are exact, else within a year either way. */
function assertGap(older: SyntheticPerson, younger: SyntheticPerson, what: string) {
  if (exact(older) && exact(younger)) {
    const gap = ageOn(parseIsoDate(older.birthDate)!, parseIsoDate(younger.birthDate)!);
    assert.ok(gap >= 18 && gap <= 45, `${what}: ${older.birthDate} → ${younger.birthDate}`);
  } else {
    const gap = birthYear(younger) - birthYear(older);
    assert.ok(gap >= 17 && gap <= 46, `${what}: ${older.birthDate} → ${younger.birthDate}`);
  }
}

describe('generatePopulation: structure', () => {
  const households = [...generatePopulation(options({ seed: 'structure', households: 20_000, duplicates: 500 }))];
  const originals = households.flatMap((h) => originalsOf(h).map((p) => ({ h, p })));
  const persons = originals.map((o) => o.p);

  it('gives every household exactly one head, listed first, and known relationships', () => {
    for (const h of households) {
      assert.equal(h.members.filter((m) => m.relationship === 'head').length, 1, h.externalId);
      assert.equal(h.members[0]!.relationship, 'head');
      for (const m of h.members) assert.ok(['head', 'spouse', 'child', 'parent', 'other'].includes(m.relationship), m.relationship);
    }
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    assert.ok(unique(households.map((h) => h.externalId)), 'unique(households.map((h) => h.externalId))');
    assert.ok(unique(households.flatMap((h) => h.members.map((m) => m.externalId))), 'unique(households.flatMap((h) => h.members.map((m) => m.externalId)))');
  });

  it('places households and births only in the given parishes', () => {
    const codes = new Set(PARISHES.map((p) => p.code));
    const names = new Map(PARISHES.map((p) => [p.code, p.name]));
    for (const h of households) assert.ok(codes.has(h.regionCode), h.regionCode);
    for (const p of persons) {
      if (p.placeOfBirth.regionCode === null) assert.match(p.placeOfBirth.place, /^.+, .+$/);
      else assert.equal(p.placeOfBirth.place, names.get(p.placeOfBirth.regionCode));
    }
    // Every parish is lived in (they differ in size, none is empty at this scale).
    assert.equal(new Set(households.map((h) => h.regionCode)).size, PARISHES.length);
  });

  it('has realistic household structures', () => {
    const sizes = households.map((h) => originalsOf(h).length).filter((n) => n > 0);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    assert.ok(mean > 3.0 && mean < 3.7, `mean size ${mean}`);
    assert.ok(sizes.filter((n) => n === 1).length / sizes.length > 0.1, 'people living alone');
    assert.ok(sizes.some((n) => n >= 8), 'large families');
    const byRelationship = (r: string) => persons.filter((p) => p.relationship === r).length / persons.length;
    for (const r of ['spouse', 'child', 'parent', 'other']) assert.ok(byRelationship(r) > 0.02, r);
    // Single mothers: a female head with children and no spouse.
    assert.ok(households.some((h) => h.members[0]!.sex === 'female' && !h.members.some((m) => m.relationship === 'spouse') && h.members.some((m) => m.relationship === 'child')), 'households.some((h) => h.members[0]!.sex === \'female\' && !h.members.some((m...');
  });

  it('makes parents 18–45 years older than their children, and nobody older than 100 or born after today', () => {
    let checked = 0;
    for (const h of households) {
      const members = originalsOf(h);
      const head = members[0]!;
      const spouse = members.find((m) => m.relationship === 'spouse');
      for (const m of members) {
        const birth = m.birthDatePrecision === 'day' ? parseIsoDate(m.birthDate)! : parseIsoDate(`${m.birthDate}-01-01`)!;
        assert.ok(birth <= TODAY_DAY, m.birthDate);
        assert.ok(birthYear(m) >= 1926, m.birthDate);
        if (m.relationship === 'child') {
          assertGap(head, m, 'head → child');
          if (spouse) assertGap(spouse, m, 'spouse → child');
          checked++;
        }
        if (m.relationship === 'parent') assertGap(m, head, 'parent → head');
      }
    }
    assert.ok(checked > 10_000, 'checked > 10_000');
  });

  it('follows Spanish naming: father’s first family name, then mother’s; the mother’s two without a father', () => {
    let withFather = 0;
    let motherOnly = 0;
    for (const h of households) {
      const members = originalsOf(h);
      const head = members[0]!;
      const couple = [head, members.find((m) => m.relationship === 'spouse')].filter((m) => m !== undefined);
      const father = couple.find((m) => m.sex === 'male');
      const mother = couple.find((m) => m.sex === 'female');
      for (const c of members.filter((m) => m.relationship === 'child')) {
        if (father) assert.equal(c.firstFamilyName, father.firstFamilyName);
        if (father && mother) assert.equal(c.secondFamilyName, mother.firstFamilyName);
        if (!father && mother) {
          // Her two names, or only her first when the child was recorded with one family name.
          const mothersNames = c.firstFamilyName === mother.firstFamilyName && (c.secondFamilyName === mother.secondFamilyName || c.secondFamilyName === null);
          assert.ok(mothersNames || c.secondFamilyName === mother.firstFamilyName, `${c.firstFamilyName} ${c.secondFamilyName} of ${mother.firstFamilyName} ${mother.secondFamilyName}`);
          if (mothersNames) motherOnly++;
        } else withFather++;
      }
      for (const p of members.filter((m) => m.relationship === 'parent')) {
        if (p.sex === 'male') assert.equal(p.firstFamilyName, head.firstFamilyName);
        else assert.ok(p.firstFamilyName === head.secondFamilyName || p.firstFamilyName === head.firstFamilyName, `${p.firstFamilyName}, mother of ${head.firstFamilyName} ${head.secondFamilyName}`);
      }
    }
    assert.ok(withFather > 1000 && motherOnly > 100, `${withFather} with father, ${motherOnly} with the mother's names`);
    // Particles are kept as part of the name.
    assert.ok(persons.some((p) => /^de (la |los )?|^del /.test(p.firstFamilyName)), 'persons.some((p) => /^de (la |los )?|^del /.test(p.firstFamilyName))');
    // The namesakes deduplication must not merge: twins, and sons named after their fathers.
    assert.ok(households.some((h) => {
      const kids = originalsOf(h).filter((m) => m.relationship === 'child');
      return kids.some((a, i) => kids.some((b, j) => i < j && a.birthDate === b.birthDate));
    }), 'twins');
    assert.ok(households.some((h) => {
      const father = originalsOf(h).find((m) => (m.relationship === 'head' || m.relationship === 'spouse') && m.sex === 'male');
      return father && originalsOf(h).some((m) => m.relationship === 'child' && m.givenNames === father.givenNames);
    }), 'juniors');
  });

  it('gives unique, plausible document numbers and valid evidence', () => {
    const seen = new Set<string>();
    const earlier = new Set<string>();
    let undocumented = 0;
    for (const h of households) {
      const members = originalsOf(h);
      for (const p of members) {
        const e = p.evidence;
        if (e.kind === 'document') {
          const key = `${e.type}:${e.number}`;
          assert.ok(!seen.has(key), `${key} twice`);
          seen.add(key);
          if (e.type === 'national_id') assert.match(e.number, /^[1-9]\d{6,7}$/);
          if (e.type === 'passport') assert.match(e.number, /^[A-Z]\d{7}$/);
          if (e.type === 'birth_certificate') assert.equal(e.number.slice(0, -7), `${p.placeOfBirth.regionCode}-${birthYear(p)}`);
        } else undocumented++;
        if (e.kind === 'household_head') {
          assert.notEqual(p.relationship, 'head');
          assert.equal(members[0]!.evidence.kind, 'document');
        }
        if (e.kind === 'introducer') assert.ok(earlier.has(e.introducerExternalId), 'introduced by someone registered earlier');
      }
      for (const p of members) earlier.add(p.externalId);
    }
    const share = undocumented / persons.length;
    assert.ok(share > 0.02 && share < 0.08, `without documents: ${share}`);
    const kinds = new Set(persons.map((p) => (p.evidence.kind === 'document' ? p.evidence.type : p.evidence.kind)));
    assert.deepEqual([...kinds].sort(), ['birth_certificate', 'household_head', 'introducer', 'national_id', 'passport', 'sworn_declaration']);
  });

  it('gives year-only and approximate birth dates to about 3 % of people, mostly elders', () => {
    const yearOnly = persons.filter((p) => p.birthDatePrecision === 'year');
    const share = yearOnly.length / persons.length;
    assert.ok(share > 0.02 && share < 0.045, `year only: ${share}`);
    for (const p of yearOnly) assert.match(p.birthDate, /^\d{4}$/);
    assert.ok(yearOnly.filter((p) => 2026 - birthYear(p) >= 60 || p.evidence.kind !== 'document').length / yearOnly.length > 0.8, 'yearOnly.filter((p) => 2026 - birthYear(p) >= 60 || p.evidence.kind !== \'doc...');
    for (const p of persons) if (p.birthDatePrecision === 'day') assert.match(p.birthDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(persons.some((p) => p.birthDatePrecision === 'day' && p.birthDateApproximate), 'persons.some((p) => p.birthDatePrecision === \'day\' && p.birthDateApproximate)');
  });

  it('gives phones to most adults, none to young children, and shares some', () => {
    for (const p of persons) {
      if (p.phone !== null) assert.match(p.phone, /^040[1257]-\d{7}$/);
      if (2026 - birthYear(p) < 13) assert.equal(p.phone, null);
    }
    const adults = persons.filter((p) => 2026 - birthYear(p) >= 25 && 2026 - birthYear(p) < 60);
    const share = adults.filter((p) => p.phone).length / adults.length;
    assert.ok(share > 0.8 && share < 0.95, `adults with a phone: ${share}`);
    const phones = persons.map((p) => p.phone).filter((x) => x !== null);
    assert.ok(new Set(phones).size < phones.length, 'elders sometimes give a relative’s phone');
  });

  it('gives needs-based attributes of the declared types, age-appropriate', () => {
    const allowed = ['monthly_income', 'formal_employment', 'disability', 'chronic_condition_diabetes', 'chronic_condition_hypertension', 'owns_vehicle', 'pregnant'];
    const rate = (ps: SyntheticPerson[], f: (p: SyntheticPerson) => boolean) => ps.filter(f).length / ps.length;
    for (const p of persons) {
      const a = p.attributes;
      for (const key of Object.keys(a)) assert.ok(allowed.includes(key), key);
      assert.match(a.monthly_income, /^\d+\.\d{2}$/);
      for (const key of allowed.slice(1, 6)) assert.equal(typeof a[key as keyof typeof a], 'boolean');
      const age = 2026 - birthYear(p);
      if (a.pregnant !== undefined) assert.ok(p.sex === 'female' && age >= 15 && age <= 45, `pregnant key at ${age}`);
      if (age < 14) assert.deepEqual([a.monthly_income, a.formal_employment, a.owns_vehicle], ['0.00', false, false]);
    }
    const young = persons.filter((p) => 2026 - birthYear(p) < 20);
    const old = persons.filter((p) => 2026 - birthYear(p) >= 62);
    const working = persons.filter((p) => 2026 - birthYear(p) >= 25 && 2026 - birthYear(p) < 60);
    assert.ok(rate(young, (p) => p.attributes.chronic_condition_diabetes) < 0.01, 'rate(young, (p) => p.attributes.chronic_condition_diabetes) < 0.01');
    assert.ok(rate(old, (p) => p.attributes.chronic_condition_diabetes) > 0.1, 'rate(old, (p) => p.attributes.chronic_condition_diabetes) > 0.1');
    assert.ok(rate(old, (p) => p.attributes.chronic_condition_hypertension) > 0.3, 'rate(old, (p) => p.attributes.chronic_condition_hypertension) > 0.3');
    const formal = rate(working, (p) => p.attributes.formal_employment);
    assert.ok(formal > 0.2 && formal < 0.45, `formal employment ${formal}`);
    const women = persons.filter((p) => p.attributes.pregnant !== undefined);
    const pregnant = rate(women, (p) => p.attributes.pregnant === true);
    assert.ok(pregnant > 0.02 && pregnant < 0.08, `pregnant ${pregnant}`);
    const incomes = working.map((p) => Number(p.attributes.monthly_income)).filter((x) => x > 0).sort((x, y) => x - y);
    const median = incomes[incomes.length >> 1]!;
    assert.ok(median > 500_000 && median < 3_000_000, `median income ${median}: inflation-level amounts`);
  });
});

/**
 * Word stems that would record what DESIGN.md commitment 1 forbids, in English, Spanish
 * and Portuguese. A key is split into words (snake_case or camelCase) and each word is
 * compared by its beginning, so "attributes" does not trip "tribu" but "tribu_x" does.
 * Deliberately broad: a false alarm here costs a rename, a miss costs trust.
 */
const PROHIBITED_STEMS = [
  // political opinion, party
  'politi', 'polític', 'partid', 'party', 'ideolog', 'militan',
  // voting, elections
  'vot', 'elect', 'elecc', 'elei', 'sufrag', 'ballot', 'padrón', 'padron',
  // religion and belief
  'relig', 'church', 'iglesia', 'igreja', 'faith', 'creencia', 'crença', 'belief', 'culto', 'denominaci',
  // ethnicity, race
  'ethnic', 'etni', 'étni', 'race', 'racial', 'raza', 'raça', 'indigen', 'indígen', 'afro', 'tribe', 'tribu',
  // union membership
  'union', 'sindica', 'gremi', 'trade_union',
  // sexual life
  'sexual', 'orientation', 'orientaci', 'orientaç', 'lgbt', 'gender_identity',
  // social media
  'social_media', 'socialmedia', 'red_social', 'redes_sociales', 'rede_social', 'redes_sociais',
  'facebook', 'twitter', 'instagram', 'tiktok', 'whatsapp', 'telegram', 'youtube', 'linkedin', 'handle',
];

function looksProhibited(key: string): boolean {
  const words = key.replace(/(\p{Ll})(\p{Lu})/gu, '$1_$2').toLowerCase();
  return PROHIBITED_STEMS.some((stem) => words === stem || words.startsWith(stem) || words.includes(`_${stem}`));
}

function allKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) allKeys(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allKeys(v, out);
    }
  }
  return out;
}

describe('generatePopulation: only needs, never opinions', () => {
  it('the check itself recognises prohibited keys in several languages', () => {
    for (const key of ['politicalParty', 'attributes_tribu', 'voter',  'partido_politico', 'voted_2024', 'votó', 'eleitor', 'religion', 'religião', 'iglesia', 'etnia', 'race', 'raça', 'union_member', 'sindicato', 'sexual_orientation', 'orientação_sexual', 'facebook_url', 'redes_sociales', 'instagram_handle']) {
      assert.ok(looksProhibited(key), key);
    }
    for (const key of ['attributes', 'relationship', 'sex', 'reference', 'disability', 'monthly_income', 'placeOfBirth']) assert.ok(!looksProhibited(key), key);
  });

  it('no key anywhere in the generated records looks like a prohibited category', () => {
    const keys = new Set<string>();
    for (const h of generatePopulation(options({ seed: 'keys', households: 5000, duplicates: 500 }))) allKeys(h, keys);
    assert.ok(keys.has('monthly_income') && keys.has('pregnant'), 'the sample reaches the attributes');
    assert.deepEqual([...keys].filter(looksProhibited), []);
  });
});

const GOLDEN_SHA256 = 'e532403b6fa9be6626c651c23623ced95452872e0ff314c2bd28a4ec012d8aaa';
