/**
 * Duplicate-detection quality at national scale, in memory, without a database. By
 * default: the population of `registry.import` (bench/registry.bench.ts: the same
 * generator, seed, size, parishes and day, ~938,000 persons with 5,600 planted
 * duplicates), enrolled one person after another as the import does — each searched
 * with `searchKeys` against the `blockingKeys` of those before it, in a Map, every
 * candidate scored with `scorePair`. Prints recall and precision at the default
 * thresholds and at others, the false positives grouped by the pattern of their
 * reasons, by place and relationship and by documents, the duplicates missed by typo,
 * examples of each, and the candidates one search fetches (as `registry.dedup_p99_ms`
 * probes it).
 *
 *   npx tsx scripts/dedup-quality.ts                          # ~1,000,000 persons, as the benchmark (some minutes, ~3 GB)
 *   npx tsx scripts/dedup-quality.ts --households 30000       # quicker
 *   npx tsx scripts/dedup-quality.ts --examples 20            # false positives and misses to read
 *   npx tsx scripts/dedup-quality.ts --frequencies registry   # name shares counted from the population, not the built-in estimate
 *   npx tsx scripts/dedup-quality.ts --generator dedup --households 30000 --duplicates 3000 --seed 7   # dedup/synthetic-population.ts
 *   npx tsx scripts/dedup-quality.ts --save-pairs /tmp/p.bin  # then --pairs /tmp/p.bin re-scores only the pairs blocking found (fast, for trying weights)
 *   npx tsx scripts/dedup-quality.ts --batch 2000             # households stored in batches, then searched (the import before find-batch-pairs.ts)
 *
 * Figures, not assertions: the tests of src/registry/dedup assert what must hold.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { blockingKeys, searchKeys } from '../src/registry/dedup/blocking-keys.ts';
import { countNames, nameFrequenciesFromCounts } from '../src/registry/dedup/name-frequency.ts';
import { DEFAULT_THRESHOLDS, scorePair, type ScoreOptions } from '../src/registry/dedup/score.ts';
import { syntheticPopulation } from '../src/registry/dedup/synthetic-population.ts';
import type { DedupPerson, PairScore } from '../src/registry/dedup/types.ts';
import { addressKey } from '../src/registry/find-duplicates.ts';
import { generatePopulation } from '../src/registry/synthetic/generate-population.ts';

const { values: args } = parseArgs({
  options: {
    households: { type: 'string', default: '280000' },
    duplicates: { type: 'string' },
    seed: { type: 'string', default: 'bench' },
    /** Households per batch, searched together after they are stored (the import before find-batch-pairs.ts); 0: one person after another, each searching those before them. */
    batch: { type: 'string', default: '0' },
    generator: { type: 'string', default: 'bench' },
    examples: { type: 'string', default: '0' },
    probes: { type: 'string', default: '1000' },
    /** `builtin` (the engine's default estimate) or `registry` (counted from the whole population, as a registry could). */
    frequencies: { type: 'string', default: 'builtin' },
    /** Write the candidate pairs that blocking found and that scored above 2^-16 odds, to re-score quickly with --pairs. */
    'save-pairs': { type: 'string' },
    /** Score these saved pairs instead of blocking again (same population options!): for trying weights. */
    pairs: { type: 'string' },
  },
});

interface Subject {
  person: DedupPerson;
  /** Relationship to the head of the household, as generated. */
  relationship: string;
  /** The batch it is imported in. */
  batch: number;
}

interface Loaded {
  subjects: Subject[];
  /** duplicate index → original index */
  truth: Map<string, string[]>;
  typos: Map<string, string[]>;
}

const households = Number(args.households);
const duplicates = args.duplicates !== undefined ? Number(args.duplicates) : Math.round(households * 0.02);
const batchSize = Number(args.batch);
const examples = Number(args.examples);

const pairKey = (a: number, b: number) => (a < b ? a * 4_194_304 + b : b * 4_194_304 + a);

function loadBench(): Loaded {
  const parishes = (parse(readFileSync(new URL('../src/regions/demo-regions.csv', import.meta.url), 'utf8'), { columns: true }) as Record<string, string>[])
    .filter((r) => r.level === 'parish')
    .map((r) => ({ code: r.code!, name: r.name! }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const subjects: Subject[] = [];
  const truth = new Map<string, string[]>();
  const typos = new Map<string, string[]>();
  let h = 0;
  for (const household of generatePopulation({ seed: args.seed!, households, duplicates, parishes, today: '2026-11-29' })) {
    const householdId = household.externalId;
    const address = addressKey(household.regionCode, { street: household.address.street.trim(), number: household.address.number.trim() || undefined });
    for (const m of household.members) {
      subjects.push({
        relationship: m.relationship,
        batch: batchSize > 0 ? Math.floor(h / batchSize) : subjects.length,
        person: {
          id: m.externalId,
          givenNames: m.givenNames,
          familyNames: m.secondFamilyName ? `${m.firstFamilyName} ${m.secondFamilyName}` : m.firstFamilyName,
          sex: m.sex === 'female' ? 'F' : 'M',
          birthDate: m.birthDatePrecision === 'year' ? { value: `${m.birthDate}-01-01`, precision: 'year' } : { value: m.birthDate, precision: 'day' },
          documents: m.evidence.kind === 'document' ? [{ type: m.evidence.type, number: m.evidence.number }] : [],
          householdId,
          addressKey: address,
          regionCode: household.regionCode,
        },
      });
    }
    for (const d of household.plantedDuplicates) {
      truth.set(d.externalId, [d.duplicateOf]);
      typos.set(d.externalId, [d.placement, ...d.typos]);
    }
    h++;
  }
  return { subjects, truth, typos };
}

function loadDedup(): Loaded {
  const { persons, planted, relation } = syntheticPopulation({ households, duplicates, seed: Number(args.seed) || 1985 });
  const truth = new Map(planted.map((p) => [p.duplicateId, [p.originalId]]));
  const typos = new Map(planted.map((p) => [p.duplicateId, p.slips]));
  // Persons are already shuffled; batches of ~3.6 persons per household.
  const per = Math.round(batchSize * 3.6);
  return { subjects: persons.map((person, i) => ({ person, relationship: relation.get(person.id) ?? 'duplicate', batch: per > 0 ? Math.floor(i / per) : i })), truth, typos };
}

const started = performance.now();
const { subjects, truth: truthById, typos } = args.generator === 'dedup' ? loadDedup() : loadBench();
const indexOf = new Map(subjects.map((s, i) => [s.person.id, i]));
const truth = new Set<number>();
const duplicateOf = new Map<number, number>();
for (const [dup, [orig]] of truthById) {
  const a = indexOf.get(dup)!;
  const b = indexOf.get(orig!)!;
  truth.add(pairKey(a, b));
  duplicateOf.set(a, b);
}
const generatedIn = performance.now() - started;
const options: ScoreOptions = args.frequencies === 'registry' ? { frequencies: nameFrequenciesFromCounts(countNames(subjects.map((s) => s.person))) } : {};

// ——— blocking and scoring, batch by batch ———
const index = new Map<string, number[]>();
const flagged = new Map<number, { a: number; b: number; result: PairScore }>();
const fetchedTruth = new Set<number>();
const truthScores = new Map<number, PairScore>();
const kept: number[] = [];
let scoredPairs = 0;
const scoreStart = performance.now();
const score = (i: number, j: number) => {
  const key = pairKey(i, j);
  if (flagged.has(key)) return;
  const result = scorePair(subjects[i]!.person, subjects[j]!.person, DEFAULT_THRESHOLDS, options);
  scoredPairs++;
  if (truth.has(key)) {
    fetchedTruth.add(key);
    truthScores.set(key, result);
  }
  if (result.decision !== 'different') flagged.set(key, { a: i, b: j, result });
  if (args['save-pairs'] && (result.score > 2 ** -16 || truth.has(key))) kept.push(i, j);
};
const indexBatch = (start: number, end: number) => {
  for (let i = start; i < end; i++) {
    for (const k of blockingKeys(subjects[i]!.person)) {
      const list = index.get(k);
      if (list) list.push(i);
      else index.set(k, [i]);
    }
  }
};
if (args.pairs) {
  const saved = new Int32Array(Uint8Array.from(readFileSync(args.pairs)).buffer);
  for (let n = 0; n < saved.length; n += 2) score(saved[n]!, saved[n + 1]!);
  indexBatch(0, subjects.length);
} else {
  for (let start = 0; start < subjects.length; ) {
    const batch = subjects[start]!.batch;
    let end = start;
    while (end < subjects.length && subjects[end]!.batch === batch) end++;
    // Stored first, then searched: within a batch, persons find each other both ways (a batch of one: only those before).
    indexBatch(start, end);
    for (let i = start; i < end; i++) {
      const seen = new Set<number>([i]);
      for (const k of searchKeys(subjects[i]!.person)) {
        for (const j of index.get(k) ?? []) {
          if (seen.has(j)) continue;
          seen.add(j);
          score(i, j);
        }
      }
    }
    start = end;
    if (Math.floor(end / 50_000) > Math.floor((end - 1) / 50_000) || end === subjects.length) process.stderr.write(`  ${end.toLocaleString('en')} persons scored\r`);
  }
  if (args['save-pairs']) writeFileSync(args['save-pairs'], new Int32Array(kept));
}
const scoredIn = performance.now() - scoreStart;

// ——— figures ———
const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(2)} %`);
const review = [...flagged.values()];
const hits = review.filter((f) => truth.has(pairKey(f.a, f.b))).length;
const same = review.filter((f) => f.result.decision === 'same');
const sameHits = same.filter((f) => truth.has(pairKey(f.a, f.b))).length;
console.log(`frequencies: ${args.frequencies}`);
console.log(`persons ${subjects.length.toLocaleString('en')}, planted duplicates ${truth.size.toLocaleString('en')} (generator ${args.generator}, seed ${args.seed}, ${households.toLocaleString('en')} households)`);
console.log(`generated in ${(generatedIn / 1000).toFixed(0)} s; blocked and scored ${scoredPairs.toLocaleString('en')} pairs in ${(scoredIn / 1000).toFixed(0)} s; ${(index.size / 1e6).toFixed(2)} M distinct keys`);
console.log(`blocking fetched${args.pairs ? ' (saved pairs)' : ''} ${pct(fetchedTruth.size, truth.size)} of planted duplicates`);
console.log(`review ≥ ${DEFAULT_THRESHOLDS.review}: flagged ${review.length.toLocaleString('en')}, recall ${pct(hits, truth.size)}, precision ${pct(hits, review.length)} (${review.length - hits} false positives)`);
console.log(`same   ≥ ${DEFAULT_THRESHOLDS.same}: flagged ${same.length.toLocaleString('en')}, recall ${pct(sameHits, truth.size)}, precision ${pct(sameHits, same.length)}`);

// Recall and precision at other thresholds, from the pairs flagged (scores under `review` were not kept).
const truthAll = [...truthScores.values()].map((r) => r.score);
const falseScores = review.filter((f) => !truth.has(pairKey(f.a, f.b))).map((f) => f.result.score);
for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
  if (t < DEFAULT_THRESHOLDS.review) continue;
  const tp = truthAll.filter((s) => s >= t).length;
  const fp = falseScores.filter((s) => s >= t).length;
  console.log(`  at ${t.toFixed(1)}: recall ${pct(tp, truth.size)}, precision ${pct(tp, tp + fp)}, false positives ${fp}`);
}

const pattern = (r: PairScore) =>
  r.reasons
    .map((x) => x.code)
    .filter((c) => !/^(sex_equal|same_region|nearby_region)$/.test(c))
    .sort()
    .join(' ');
const relationOf = (a: number, b: number) => {
  const x = subjects[a]!;
  const y = subjects[b]!;
  const place = x.person.householdId === y.person.householdId ? 'same household' : x.person.addressKey === y.person.addressKey ? 'same address' : x.person.regionCode === y.person.regionCode ? 'same parish' : 'elsewhere';
  const dupA = duplicateOf.has(a) ? '*' : '';
  const dupB = duplicateOf.has(b) ? '*' : '';
  return `${place}: ${[`${x.relationship}${dupA}`, `${y.relationship}${dupB}`].sort().join('/')}`;
};
const top = (counts: Map<string, number>, n: number) =>
  [...counts.entries()]
    .sort((x, y) => y[1] - x[1])
    .slice(0, n)
    .map(([k, v]) => `  ${String(v).padStart(6)}  ${k}`)
    .join('\n');
const count = <T>(items: T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
};
const falsePositives = review.filter((f) => !truth.has(pairKey(f.a, f.b)));
console.log(`\nfalse positives by reason pattern (sex, region left out):\n${top(count(falsePositives, (f) => pattern(f.result)), 25)}`);
console.log(`\nfalse positives by place and relationship (* = a planted duplicate, i.e. a relative's or namesake's copy):\n${top(count(falsePositives, (f) => relationOf(f.a, f.b)), 15)}`);
const documents = (a: number, b: number) => {
  const x = subjects[a]!.person.documents[0]?.type;
  const y = subjects[b]!.person.documents[0]?.type;
  const same = x && subjects[a]!.person.documents[0]!.number === subjects[b]!.person.documents[0]?.number;
  return !x || !y ? (x || y ? 'one has a document' : 'neither has a document') : x !== y ? 'both, of different types' : same ? 'the same document' : 'same type, other number';
};
console.log(`\nfalse positives by documents:\n${top(count(falsePositives, (f) => documents(f.a, f.b)), 5)}`);
console.log(`true duplicates flagged, by documents:\n${top(count(review.filter((f) => truth.has(pairKey(f.a, f.b))), (f) => documents(f.a, f.b)), 5)}`);
const missed = [...truth].filter((k) => !flagged.has(k));
const missedInfo = missed.map((k) => {
  const a = Math.floor(k / 4_194_304);
  const b = k % 4_194_304;
  const dup = duplicateOf.has(a) ? a : b;
  return { k, a, b, dup, fetched: fetchedTruth.has(k) };
});
console.log(`\nmissed duplicates: ${missed.length} (${missedInfo.filter((m) => !m.fetched).length} never fetched by blocking)`);
console.log(top(count(missedInfo, (m) => `${m.fetched ? 'scored low' : 'not fetched'}: ${(typos.get(subjects[m.dup]!.person.id) ?? []).slice().sort().join(', ')}`), 20));

const show = (p: DedupPerson) =>
  `${p.givenNames} | ${p.familyNames} | ${p.sex} | ${p.birthDate?.precision === 'year' ? p.birthDate.value.slice(0, 4) : p.birthDate?.value} | ${p.documents.map((d) => `${d.type}:${d.number}`).join(',') || '—'} | ${p.householdId}`;
if (examples > 0) {
  console.log('\nfalse positives, highest scores first:');
  for (const f of falsePositives.sort((x, y) => y.result.score - x.result.score).slice(0, examples)) {
    console.log(`  ${f.result.score.toFixed(3)} ${relationOf(f.a, f.b)}\n    ${show(subjects[f.a]!.person)}\n    ${show(subjects[f.b]!.person)}\n    ${f.result.reasons.map((r) => `${r.code}:${r.weight}`).join(' ')}`);
  }
  const patterns = count(falsePositives, (f) => pattern(f.result));
  for (const [p] of [...patterns.entries()].sort((x, y) => y[1] - x[1]).slice(0, 6)) {
    console.log(`\nfalse positives with ${p}:`);
    for (const f of falsePositives.filter((x) => pattern(x.result) === p).slice(0, 4)) {
      console.log(`  ${f.result.score.toFixed(3)} ${relationOf(f.a, f.b)}\n    ${show(subjects[f.a]!.person)}\n    ${show(subjects[f.b]!.person)}\n    ${f.result.reasons.map((r) => `${r.code}:${r.weight}`).join(' ')}`);
    }
  }
  console.log('\nmissed duplicates that blocking never fetched:');
  for (const m of missedInfo.filter((x) => !x.fetched).slice(0, examples)) {
    console.log(`  ${(typos.get(subjects[m.dup]!.person.id) ?? []).join(', ')}\n    ${show(subjects[m.a]!.person)}\n    ${show(subjects[m.b]!.person)}`);
  }
  console.log('\nmissed duplicates that were scored:');
  for (const m of missedInfo.filter((x) => x.fetched).slice(0, examples)) {
    const r = truthScores.get(m.k)!;
    console.log(`  ${r.score.toFixed(3)} ${(typos.get(subjects[m.dup]!.person.id) ?? []).join(', ')}\n    ${show(subjects[m.a]!.person)}\n    ${show(subjects[m.b]!.person)}\n    ${r.reasons.map((x) => `${x.code}:${x.weight}`).join(' ')}`);
  }
}

// ——— one search against the whole registry, as registry.dedup_p99_ms probes it ———
const probes = Number(args.probes);
const candidates: number[] = [];
const times: number[] = [];
for (let n = 0; n < probes; n++) {
  const s = subjects[Math.floor(((n * 2_654_435_761) % 4_294_967_296) / 4_294_967_296 * subjects.length)]!.person;
  const probe: DedupPerson = {
    ...s,
    id: 'probe',
    givenNames: n % 2 ? s.givenNames : s.givenNames.split(' ')[0]!,
    familyNames: n % 3 ? s.familyNames.replace(/v/g, 'b') : s.familyNames,
    documents: [],
    householdId: null,
    addressKey: null,
  };
  const t = performance.now();
  const found = new Set<number>();
  for (const k of searchKeys(probe)) for (const j of index.get(k) ?? []) found.add(j);
  for (const j of found) scorePair(probe, subjects[j]!.person, DEFAULT_THRESHOLDS, options);
  times.push(performance.now() - t);
  candidates.push(found.size);
}
const q = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
console.log(
  `\none search (${probes} probes as in registry.dedup_p99_ms): candidates mean ${(candidates.reduce((s, x) => s + x, 0) / probes).toFixed(1)}, ` +
    `p50 ${q(candidates, 0.5)}, p99 ${q(candidates, 0.99)}, max ${q(candidates, 1)}; in-memory blocking + scoring p99 ${q(times, 0.99).toFixed(2)} ms`,
);
