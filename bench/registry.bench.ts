import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../src/db/database.ts';
import { openContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { populationCsv } from '../src/demo/population-csv.ts';
import { installDefaultCatalogue } from '../src/registry/catalogue/default-catalogue.ts';
import { dedupPersonOf, findCandidates } from '../src/registry/find-duplicates.ts';
import { importPersons } from '../src/registry/import/import-persons.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../src/regions/load-regions.ts';
import { listParishes } from '../src/registry/store.ts';
import { generatePopulation } from '../src/registry/synthetic/generate-population.ts';
import type { PlantedDuplicate } from '../src/registry/synthetic/synthetic-household.ts';
import { findPostgresBindir } from '../test/support/postgres-server.ts';
import type { BenchResult, Benchmark } from './lib/types.ts';

/**
 * registry.import — a synthetic CSV of ~1,000,000 persons (households with planted
 * duplicates) through `importPersons` (validation, versions, audit entries, dedup
 * keys, batch duplicate search), against psql's `\copy` of the same file into a bare
 * table of text columns. registry.dedup_recall / _precision — the pairs the import put
 * in the review queue against the planted ground truth. registry.dedup_p99_ms — the
 * candidate search for one new person (a typo'd copy, or someone new) against the
 * whole registry, against a primary-key lookup measured the same way.
 */
export const registryBench: Benchmark = {
  name: 'registry',
  description: 'CSV import of ~1 M persons vs COPY; dedup recall, precision and p99 latency',
  async run(env) {
    const households = env.quick ? 6_000 : 280_000; // ≈ 3.6 persons per household
    const duplicates = Math.round(households * 0.02);
    const url = await env.freshPostgresDatabase();
    const config = loadConfig({ AMPARO_MODE: 'test', DATABASE_URL: url, AMPARO_MASTER_KEY: Buffer.alloc(32, 5).toString('base64'), LOG_LEVEL: 'silent' });
    const opened = await openContext(config);
    const { ctx } = opened;
    const work = mkdtempSync(join(tmpdir(), 'amparo-bench-'));
    try {
      await loadRegions(ctx.db, DEMO_REGIONS_CSV);
      await installDefaultCatalogue(ctx);
      const parishes = await listParishes(ctx.db);
      const planted: PlantedDuplicate[] = [];
      const file = join(work, 'persons.csv');
      const population = generatePopulation({ seed: 'bench', households, duplicates, parishes, today: '2026-11-29' });
      const tapped = (function* () {
        for (const h of population) {
          planted.push(...h.plantedDuplicates);
          yield h;
        }
      })();
      await pipeline(Readable.from(populationCsv(tapped)), createWriteStream(file));
      const rows = Number(execFileSync('wc', ['-l', file], { encoding: 'utf8' }).trim().split(' ')[0]) - 1;

      // Baseline: the same file, COPY'd by psql into a bare table of text columns.
      const header = execFileSync('head', ['-1', file], { encoding: 'utf8' }).trim().split(',');
      await sql.raw(`create table bare_import (${header.map((c) => `"${c}" text`).join(', ')})`).execute(ctx.db);
      const psql = join(findPostgresBindir() ?? '/usr/bin', 'psql');
      const copyStart = performance.now();
      execFileSync(psql, [url, '-q', '-c', `\\copy bare_import from '${file}' with (format csv, header true)`]);
      const copySeconds = (performance.now() - copyStart) / 1000;

      const importStart = performance.now();
      const cpuStart = process.cpuUsage();
      const result = await importPersons(ctx, createReadStream(file), { actor: { id: null, name: 'bench', role: 'system', regionScopes: ['*'] }, batchSize: 2000 });
      const importSeconds = (performance.now() - importStart) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      // The import's own CPU per row (parsing, validation, keys, scoring, audit hashing); the database's comes on top.
      const cpuPerRow = (cpu.user + cpu.system) / rows;
      if (result.rejectedRows) throw new Error(`${result.rejectedRows} rows rejected: ${result.rejected[0]?.reason}`);
      const ceiling = await writeOnlyCeiling(ctx.db);

      // Recall and precision of the queued pairs against the planted duplicates.
      const ids = new Map(
        (await ctx.db.selectFrom('person').select(['id', 'external_ref']).execute()).map((r) => [r.external_ref!.replace('import:p:', ''), r.id]),
      );
      const truth = new Set(planted.map((p) => key(ids.get(p.externalId)!, ids.get(p.duplicateOf)!)));
      const found = new Set((await ctx.db.selectFrom('dedup_pair').select(['person_a', 'person_b']).execute()).map((p) => key(p.person_a, p.person_b)));
      const hits = [...found].filter((k) => truth.has(k)).length;
      const recall = truth.size ? hits / truth.size : 1;
      const precision = found.size ? hits / found.size : 1;

      // Candidate search latency for single new persons against the whole registry.
      const sample = await ctx.db.selectFrom('person').innerJoin('household', 'household.id', 'person.household_id').selectAll('person').select('household.address').orderBy(sql`random()`).limit(env.quick ? 200 : 1000).execute();
      const latencies: number[] = [];
      const baseline: number[] = [];
      for (const [i, p] of sample.entries()) {
        const probe = dedupPersonOf(
          {
            givenNames: i % 2 ? p.given_names : `${p.given_names.split(' ')[0]}`,
            familyNames: i % 3 ? p.family_names.replace(/v/g, 'b') : p.family_names,
            sex: p.sex,
            birthDate: p.birth_date ? { value: p.birth_date, precision: p.birth_date_precision, declared: false } : null,
            evidence: [{ kind: 'sworn_declaration' }],
          },
          { regionCode: p.region_code, address: null },
        );
        let t = performance.now();
        await findCandidates(ctx.db, probe);
        latencies.push(performance.now() - t);
        t = performance.now();
        await ctx.db.selectFrom('person').select('id').where('id', '=', p.id).executeTakeFirst();
        baseline.push(performance.now() - t);
      }
      const p99 = percentile(latencies, 0.99);
      const p99Baseline = percentile(baseline, 0.99);
      const size = `${rows.toLocaleString('en')} persons, ${(statSync(file).size / 1e6).toFixed(0)} MB CSV`;
      const out: BenchResult[] = [
        {
          name: 'registry.import',
          value: Math.round(rows / importSeconds),
          unit: 'rows/s',
          baseline: Math.round(rows / copySeconds),
          ratio: copySeconds / importSeconds,
          notes: `${size}; ${result.duplicatePairs} pairs queued; ${Math.round(cpuPerRow)} µs process CPU per row; target ≥ 30 %`,
        },
        {
          name: 'registry.import_ceiling',
          value: Math.round(ceiling.persons / ceiling.seconds),
          unit: 'rows/s',
          baseline: Math.round(rows / copySeconds),
          ratio: copySeconds / ceiling.seconds,
          notes:
            `not an import: only writing the rows any import of persons with dedup keys must write, already computed — ${ceiling.persons.toLocaleString('en')} persons and ${ceiling.keys.toLocaleString('en')} dedup keys — ` +
            `by one INSERT … SELECT each into tables with the registry's own columns and indexes (no foreign keys, no versions, no audit, no duplicate search): ` +
            `the most the import could reach on this schema and machine (persons ${ceiling.personSeconds.toFixed(1)} s, keys ${ceiling.keySeconds.toFixed(1)} s)`,
        },
        { name: 'registry.dedup_recall', value: round(recall), unit: 'fraction', baseline: 0.95, ratio: recall / 0.95, notes: `${hits} of ${truth.size} planted duplicates found; target ≥ 0.95` },
        { name: 'registry.dedup_precision', value: round(precision), unit: 'fraction', baseline: 0.9, ratio: precision / 0.9, notes: `${hits} of ${found.size} queued pairs are planted duplicates; target ≥ 0.90` },
        {
          name: 'registry.dedup_p99_ms',
          value: round(p99),
          unit: 'ms',
          baseline: round(p99Baseline),
          ratio: p99Baseline / p99,
          notes: `candidates for one person against ${rows.toLocaleString('en')}; p50 ${round(percentile(latencies, 0.5))} ms; baseline: primary-key lookup p99; target p99 < 50 ms`,
        },
      ];
      return out;
    } finally {
      await opened.close();
      rmSync(work, { recursive: true, force: true });
    }
  },
};

/**
 * The ceiling of registry.import: the persons and their dedup keys the import wrote,
 * copied set-based into tables made `LIKE … INCLUDING ALL` (same columns, defaults,
 * checks and indexes; no foreign keys), after a checkpoint. Returns the seconds.
 */
async function writeOnlyCeiling(db: Db) {
  await sql`CHECKPOINT`.execute(db);
  await sql`CREATE TABLE ceiling_person (LIKE person INCLUDING ALL)`.execute(db);
  await sql`CREATE TABLE ceiling_person_dedup_key (LIKE person_dedup_key INCLUDING ALL)`.execute(db);
  const timed = async (statement: RawBuilder<unknown>) => {
    const t = performance.now();
    const r = await statement.execute(db);
    return { seconds: (performance.now() - t) / 1000, rows: Number(r.numAffectedRows ?? 0n) };
  };
  const persons = await timed(sql`INSERT INTO ceiling_person SELECT * FROM person`);
  const keys = await timed(sql`INSERT INTO ceiling_person_dedup_key SELECT * FROM person_dedup_key`);
  await sql`DROP TABLE ceiling_person, ceiling_person_dedup_key`.execute(db);
  return { persons: persons.rows, keys: keys.rows, personSeconds: persons.seconds, keySeconds: keys.seconds, seconds: persons.seconds + keys.seconds };
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const round = (n: number) => Math.round(n * 1000) / 1000;
function percentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
