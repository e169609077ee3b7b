import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TYPO_KINDS } from './apply-typo.ts';
import { parseIsoDate } from './calendar.ts';
import { generatePopulation } from './generate-population.ts';
import { HouseholdFactory } from './household-factory.ts';
import { Identifiers } from './identifiers.ts';
import { DEFAULT_DUPLICATE_WINDOW, plantDuplicates } from './plant-duplicates.ts';
import { Random } from './random.ts';
import type { PlantedDuplicate, SyntheticHousehold, SyntheticPerson, TypoKind } from './synthetic-household.ts';

const PARISHES = [
  { code: 'AN-01-01', name: 'La Pastora' },
  { code: 'AN-01-02', name: 'La Esperanza' },
  { code: 'CO-01-01', name: 'El Cerrito' },
  { code: 'CO-01-02', name: 'Río Chico' },
  { code: 'SE-02-03', name: 'Los Samanes' },
];
const TODAY = '2026-12-01';

interface Observed {
  households: SyntheticHousehold[];
  truths: { truth: PlantedDuplicate; household: SyntheticHousehold; originalIndex: number }[];
  /** Every original person, where it was emitted (household, index among original households). */
  originals: Map<string, { person: SyntheticPerson; household: SyntheticHousehold; originalIndex: number }>;
  duplicates: Map<string, SyntheticPerson>;
}

/** Runs the generator and indexes what came out; checks on the fly that every source was emitted before (or with) its copy. */
function observe(households: number, duplicates: number, seed = 'plant'): Observed {
  const out: Observed = { households: [], truths: [], originals: new Map(), duplicates: new Map() };
  let originalIndex = -1;
  for (const h of generatePopulation({ seed, households, duplicates, parishes: PARISHES, today: TODAY })) {
    out.households.push(h);
    const lone = h.plantedDuplicates.length === 1 && h.plantedDuplicates[0]!.placement === 'lone_household';
    if (!lone) originalIndex++;
    const dupIds = new Set(h.plantedDuplicates.map((d) => d.externalId));
    for (const m of h.members) {
      if (dupIds.has(m.externalId)) out.duplicates.set(m.externalId, m);
      else out.originals.set(m.externalId, { person: m, household: h, originalIndex });
    }
    for (const truth of h.plantedDuplicates) {
      assert.ok(out.originals.has(truth.duplicateOf), `${truth.duplicateOf} was emitted before its duplicate ${truth.externalId}`);
      out.truths.push({ truth, household: h, originalIndex: Math.max(originalIndex, 0) });
    }
  }
  return out;
}

describe('plantDuplicates: ground truth', () => {
  it('plants exactly K duplicates, for any K from 0 to N', () => {
    for (const [n, k] of [[1, 0], [1, 1], [10, 10], [1000, 0], [1000, 1], [1000, 37], [3000, 3000]] as const) {
      const o = observe(n, k);
      assert.equal(o.truths.length, k, `${n}/${k}`);
      assert.equal(o.duplicates.size, k);
      const lone = o.households.filter((h) => h.plantedDuplicates.some((d) => d.placement === 'lone_household')).length;
      assert.equal(o.households.length, n + lone, 'N original households plus one per lone duplicate');
    }
  });

  it('points each duplicate at a real original person, with at least one typo and a changed record', () => {
    const o = observe(5000, 1500);
    const ids = new Set<string>();
    for (const { truth, household } of o.truths) {
      assert.ok(household.members.some((m) => m.externalId === truth.externalId), 'the duplicate is a member of the household carrying its truth');
      assert.ok(!o.duplicates.has(truth.duplicateOf), 'a duplicate never copies a duplicate');
      assert.ok(truth.typos.length >= 1 && truth.typos.length <= 4, truth.typos.join());
      assert.ok(!ids.has(truth.externalId), truth.externalId);
      ids.add(truth.externalId);
      const original = o.originals.get(truth.duplicateOf)!.person;
      const copy = o.duplicates.get(truth.externalId)!;
      const identity = (p: SyntheticPerson) => JSON.stringify([p.givenNames, p.firstFamilyName, p.secondFamilyName, p.birthDate, p.evidence, p.phone]);
      assert.notEqual(identity(copy), identity(original));
      assert.equal(copy.sex, original.sex);
      assert.deepEqual(copy.placeOfBirth, original.placeOfBirth);
      assertTyposShow(truth.typos, original, copy);
    }
  });

  it('places duplicates in the same household, in another one, or alone — with one head everywhere', () => {
    const o = observe(5000, 1500);
    const placements = new Map<string, number>();
    for (const { truth, household } of o.truths) {
      placements.set(truth.placement, (placements.get(truth.placement) ?? 0) + 1);
      const originalHousehold = o.originals.get(truth.duplicateOf)!.household;
      const copy = o.duplicates.get(truth.externalId)!;
      if (truth.placement === 'same_household') assert.equal(household, originalHousehold);
      if (truth.placement === 'other_household') {
        assert.notEqual(household, originalHousehold);
        assert.equal(copy.relationship, 'other');
      }
      if (truth.placement === 'lone_household') {
        assert.deepEqual(household.members, [copy]);
        assert.equal(copy.relationship, 'head');
        assert.ok(PARISHES.some((p) => p.code === household.regionCode), 'PARISHES.some((p) => p.code === household.regionCode)');
      }
    }
    for (const h of o.households) assert.equal(h.members.filter((m) => m.relationship === 'head').length, 1);
    for (const [placement, share] of [['other_household', 0.45], ['lone_household', 0.35], ['same_household', 0.2]] as const) {
      assert.ok(Math.abs(placements.get(placement)! / 1500 - share) < 0.05, `${placement}: ${placements.get(placement)}`);
    }
  });

  it('spreads duplicates through the stream and emits each soon after its original', () => {
    const o = observe(4000, 400);
    const quarters = [0, 0, 0, 0];
    for (const { truth, originalIndex } of o.truths) {
      quarters[Math.min(3, Math.floor(originalIndex / 1000))]!++;
      const source = o.originals.get(truth.duplicateOf)!;
      assert.ok(originalIndex - source.originalIndex <= DEFAULT_DUPLICATE_WINDOW, `${originalIndex - source.originalIndex} households apart`);
    }
    for (const q of quarters) assert.ok(q >= 60 && q <= 140, `per quarter: ${quarters.join(', ')}`);
  });

  it('makes every kind of typo over a large sample, one typo most often', () => {
    const o = observe(20_000, 8000, 'typo-kinds');
    const kinds = new Map<TypoKind, number>();
    const perDuplicate = new Map<number, number>();
    for (const { truth } of o.truths) {
      for (const t of truth.typos) kinds.set(t, (kinds.get(t) ?? 0) + 1);
      perDuplicate.set(truth.typos.length, (perDuplicate.get(truth.typos.length) ?? 0) + 1);
    }
    assert.deepEqual(TYPO_KINDS.filter((k) => !kinds.has(k)), []);
    for (const k of TYPO_KINDS) assert.ok(kinds.get(k)! >= 20, `${k}: ${kinds.get(k)}`);
    assert.ok(perDuplicate.get(1)! / 8000 > 0.5, 'perDuplicate.get(1)! / 8000 > 0.5');
    assert.ok(perDuplicate.get(3)! > 0 && perDuplicate.get(4)! > 0, 'several typos per duplicate sometimes');
  });

  it('leaves the original population exactly as it is without duplicates', () => {
    const strip = (households: SyntheticHousehold[]) =>
      households
        .filter((h) => !h.plantedDuplicates.some((d) => d.placement === 'lone_household'))
        .map((h) => {
          const dupIds = new Set(h.plantedDuplicates.map((d) => d.externalId));
          return JSON.stringify({ ...h, members: h.members.filter((m) => !dupIds.has(m.externalId)), plantedDuplicates: [] });
        })
        .join('\n');
    assert.equal(strip(observe(3000, 300).households), strip(observe(3000, 0).households));
  });
});

describe('plantDuplicates: contract', () => {
  const setup = (households: number) => {
    const random = Random.from('contract');
    const ids = new Identifiers(random.fork('ids'));
    const today = parseIsoDate(TODAY)!;
    const factory = new HouseholdFactory({ random: random.fork('pop'), ids, parishes: PARISHES, today });
    const base = Array.from({ length: households }, () => factory.next());
    return { base, options: { baseHouseholds: households, random: random.fork('dup'), ids, today, pickParish: (r: Random) => r.pick(PARISHES) } };
  };

  it('refuses more duplicates than households, and a base that does not yield what it announced', () => {
    const { base, options } = setup(5);
    assert.throws(() => [...plantDuplicates(base, { ...options, count: 6 })], RangeError);
    assert.throws(() => [...plantDuplicates(base.slice(0, 4), { ...options, count: 1 })], /yielded 4 households, not the announced 5/);
    assert.throws(() => [...plantDuplicates([...base, base[0]!], { ...options, count: 1 })], /more than the announced 5/);
  });

  it('keeps the delay within the window it is given', () => {
    const { base, options } = setup(300);
    const seen = new Map<string, number>();
    let index = 0;
    for (const h of plantDuplicates(base, { ...options, count: 150, window: 3 })) {
      const lone = h.plantedDuplicates[0]?.placement === 'lone_household';
      for (const m of h.members) if (!h.plantedDuplicates.some((d) => d.externalId === m.externalId)) seen.set(m.externalId, index);
      // A lone household is emitted just before the original household it is due at, a guest joins it.
      for (const d of h.plantedDuplicates) assert.ok(index - seen.get(d.duplicateOf)! <= 3, `${index - seen.get(d.duplicateOf)!} households apart`);
      if (!lone) index++;
    }
  });
});

/** What each typo kind leaves visible in the copy, whatever other typos were applied after it. */
function assertTyposShow(typos: TypoKind[], original: SyntheticPerson, copy: SyntheticPerson) {
  const words = (s: string) => s.split(' ').length;
  for (const t of typos) {
    switch (t) {
      case 'second_family_name_missing':
        assert.equal(copy.secondFamilyName, null);
        assert.notEqual(original.secondFamilyName, null);
        break;
      case 'given_name_dropped':
        assert.ok(words(copy.givenNames) < words(original.givenNames), `${original.givenNames} → ${copy.givenNames}`);
        break;
      case 'year_only':
        assert.equal(copy.birthDatePrecision, 'year');
        assert.equal(original.birthDatePrecision, 'day');
        break;
      case 'document_missing':
        assert.equal(original.evidence.kind, 'document');
        assert.notEqual(copy.evidence.kind, 'document');
        break;
      case 'document_digit_wrong':
        assert.equal(original.evidence.kind, 'document');
        if (copy.evidence.kind === 'document' && original.evidence.kind === 'document') {
          const a = original.evidence.number;
          const b = copy.evidence.number;
          assert.equal(b.length, a.length);
          assert.equal([...b].filter((c, i) => c !== a[i]).length, 1);
        }
        break;
      case 'phone_changed':
        assert.notEqual(copy.phone, original.phone);
        break;
      case 'accent_dropped':
        assert.match(`${original.givenNames} ${original.firstFamilyName} ${original.secondFamilyName ?? ''}`, /[áéíóúÁÉÍÓÚñÑü]/);
        break;
      case 'day_month_swapped':
      case 'birth_year_off_by_one':
        assert.notEqual(copy.birthDate, original.birthDate, t);
        break;
      default:
        break;
    }
  }
}
