/**
 * The cycle of the `programs.cycle` benchmark, in a process of its own so that its peak
 * memory is the cycle's alone: opens the database, runs one cycle as the CLI would, and
 * prints {"ms", "created", "peakRssMb", "households"} on stdout.
 *
 *   node --import tsx bench/programs-cycle-worker.ts DATABASE_URL PROGRAM PERIOD
 */
import { openContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { runCycle } from '../src/cycles/run-cycle.ts';

const [databaseUrl, code, period, masterKey] = process.argv.slice(2);
if (!databaseUrl || !code || !period || !masterKey) throw new Error('usage: programs-cycle-worker.ts DATABASE_URL PROGRAM PERIOD MASTER_KEY');
const opened = await openContext(loadConfig({ AMPARO_MODE: 'test', DATABASE_URL: databaseUrl, AMPARO_MASTER_KEY: masterKey, LOG_LEVEL: 'silent' }), { migrate: false });
try {
  const started = performance.now();
  const result = await runCycle(opened.ctx, { id: null, name: 'amparo bench', role: 'system', programScopes: ['*'], regionScopes: ['*'] }, code, period);
  const ms = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({ ms, created: result.created, households: result.cycle.progress.householdsDone, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
} finally {
  await opened.close();
}
