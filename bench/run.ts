/**
 * Runs the benchmarks and prints, for each, its figure, the raw baseline measured
 * in the same run and the ratio between them (an absolute time on a shared 2-core
 * machine means little; a ratio does).
 *
 *   npm run bench                    all, full size
 *   npm run bench -- --quick         all, small sizes (under two minutes)
 *   npm run bench -- http.health     one
 *   npm run bench -- --json          JSON lines { name, value, unit, baseline, ratio }
 *
 * Uses the PostgreSQL in DATABASE_URL, or starts a throwaway durable one.
 */
import { createDatabaseOn, startThrowawayPostgres, type ThrowawayPostgres } from '../test/support/postgres-server.ts';
import { httpHealth } from './http-health.bench.ts';
import { programsBench } from './programs.bench.ts';
import { distributionBench } from './distribution.bench.ts';
import { registryBench } from './registry.bench.ts';
import { credentialsQrBench } from './credentials-qr.bench.ts';
import { credentialsIssueBench, credentialsVerifyBench } from './credentials.bench.ts';
import type { BenchEnv, BenchResult, Benchmark } from './lib/types.ts';

export const BENCHMARKS: Benchmark[] = [httpHealth, registryBench, credentialsVerifyBench, credentialsIssueBench, credentialsQrBench, programsBench, distributionBench];

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n || b.name.startsWith(`${n}.`)));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = BENCHMARKS.filter((b) => names.length === 0 || names.some((n) => b.name === n || b.name.startsWith(`${n}.`)));

let throwaway: ThrowawayPostgres | undefined;
let serverUrl: string | undefined;
const env: BenchEnv = {
  quick,
  async postgresUrl() {
    if (serverUrl) return serverUrl;
    if (process.env.DATABASE_URL) return (serverUrl = process.env.DATABASE_URL);
    throwaway = await startThrowawayPostgres({ durable: true });
    return (serverUrl = throwaway.adminUrl);
  },
  async freshPostgresDatabase() {
    return createDatabaseOn(await env.postgresUrl(), 'amparo_bench');
  },
};

const results: BenchResult[] = [];
let failed = false;
try {
  for (const bench of selected) {
    if (!json) process.stderr.write(`running ${bench.name}: ${bench.description}\n`);
    try {
      for (const r of await bench.run(env)) {
        results.push(r);
        if (json) console.log(JSON.stringify({ name: r.name, value: r.value, unit: r.unit, baseline: r.baseline, ratio: Number(r.ratio.toFixed(4)) }));
      }
    } catch (error) {
      failed = true;
      console.error(`${bench.name} failed: ${(error as Error).stack}`);
    }
  }
} finally {
  throwaway?.stop();
}

if (!json) {
  const rows = results.map((r) => [r.name, `${r.value} ${r.unit}`, `${r.baseline} ${r.unit}`, `${(r.ratio * 100).toFixed(1)} %`, r.notes ?? '']);
  const header = ['benchmark', 'value', 'raw baseline', 'ratio', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}
process.exit(failed ? 1 : 0);
