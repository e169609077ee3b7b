import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/audit/write-audit.ts';
import { openContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { changeProgramStatus } from '../src/programs/change-program-status.ts';
import { createProgram } from '../src/programs/create-program.ts';
import { todayUtc } from '../src/programs/program-definition.ts';
import { publishRule } from '../src/programs/publish-rule.ts';
import { addDays } from '../src/programs/rule-timeline.ts';
import { DEMO_PROGRAM_RULES } from '../src/programs/rules/demo-program-rules.ts';
import { installDefaultCatalogue } from '../src/registry/catalogue/default-catalogue.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../src/regions/load-regions.ts';
import type { Benchmark } from './lib/types.ts';

const WORKER = fileURLToPath(new URL('./programs-cycle-worker.ts', import.meta.url));
const MASTER_KEY = Buffer.alloc(32, 6).toString('base64');

/**
 * programs.cycle — the food-box cycle (a household rule over the members' incomes) for
 * 1,000,000 households (`--quick`: 20,000) on native PostgreSQL, in a process of its own
 * whose peak memory is printed; against a raw `INSERT … SELECT` that writes the same
 * number of rows into a table shaped like `entitlement` (same columns, key and index),
 * measured before and after the cycle and averaged. The population is written straight
 * in SQL (not measured): ~2.5 members per household, incomes spread so that about half
 * the households are eligible.
 */
export const programsBench: Benchmark = {
  name: 'programs.cycle',
  description: 'a household program cycle over 1 M households vs a raw INSERT … SELECT of as many rows; peak memory',
  async run(env) {
    const households = env.quick ? 20_000 : 1_000_000;
    const url = await env.freshPostgresDatabase();
    const config = loadConfig({ AMPARO_MODE: 'test', DATABASE_URL: url, AMPARO_MASTER_KEY: MASTER_KEY, LOG_LEVEL: 'silent' });
    const opened = await openContext(config);
    const { ctx } = opened;
    try {
      await loadRegions(ctx.db, DEMO_REGIONS_CSV);
      await installDefaultCatalogue(ctx);
      await writePopulation(ctx.db, households);
      const actor = { ...SYSTEM_ACTOR, programScopes: ['*'], regionScopes: ['*'] };
      const food = DEMO_PROGRAM_RULES.find((r) => r.key === 'food_box')!;
      await createProgram(ctx, actor, {
        code: 'food-box',
        name: { es: 'Caja de alimentos', en: 'Food box' },
        description: { es: 'Banco de pruebas', en: 'Benchmark' },
        sector: 'food',
        unit: 'household',
        benefitKind: 'in_kind',
        item: { es: 'caja', en: 'box' },
        measure: 'box',
        currency: 'XAM',
        frequency: 'monthly',
        distributionPoints: [],
        reason: 'benchmark',
      });
      await publishRule(ctx, actor, 'food-box', { expectedRuleVersion: 0, eligibility: food.eligibility, quantity: food.quantity, pricePerUnit: '25000.00', costPerUnit: '400000.00', budgetPerCycle: '99999999999999.99', reason: 'benchmark' });
      await changeProgramStatus(ctx, actor, 'food-box', 'activate', { expectedVersion: 1, reason: 'benchmark' });
      await sql`ANALYZE`.execute(ctx.db);

      await sql`CREATE TABLE bare_entitlement (LIKE entitlement INCLUDING DEFAULTS INCLUDING INDEXES)`.execute(ctx.db);
      const period = addDays(`${todayUtc().slice(0, 7)}-01`, 40).slice(0, 7);
      // An expected count for the baseline before the cycle: the cycle's own count after.
      const expectedRows = Math.round(households / 2);
      const before = await rawInsertSelect(ctx.db, expectedRows);
      // AMPARO_BENCH_CPU_PROFILE=<dir>: the cycle process's V8 CPU profile, written there.
      const profile = process.env.AMPARO_BENCH_CPU_PROFILE;
      const output = execFileSync(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), '--import', 'tsx', WORKER, url, 'food-box', period, MASTER_KEY], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
      const cycle = JSON.parse(output.trim().split('\n').at(-1)!) as { ms: number; created: number; households: number; peakRssMb: number };
      const after = await rawInsertSelect(ctx.db, cycle.created);
      const beforeScaled = (before.ms / before.rows) * cycle.created;
      const baselineMs = (beforeScaled + after.ms) / 2;
      const perSecond = (cycle.created / cycle.ms) * 1000;
      const basePerSecond = (cycle.created / baselineMs) * 1000;
      return [
        {
          name: 'programs.cycle',
          value: Math.round(perSecond),
          unit: 'entitlements/s',
          baseline: Math.round(basePerSecond),
          ratio: perSecond / basePerSecond,
          target: '≥ 30 %',
          notes: `${cycle.households.toLocaleString('en')} households → ${cycle.created.toLocaleString('en')} entitlements in ${(cycle.ms / 1000).toFixed(1)} s (raw ${(baselineMs / 1000).toFixed(1)} s); peak RSS of the cycle process ${cycle.peakRssMb.toFixed(0)} MB (target < 300 MB)`,
        },
      ];
    } finally {
      await opened.close();
    }
  },
};

/** Households in the demo parishes with 1–4 members and incomes drawn so that about half are under the threshold. */
async function writePopulation(db: Parameters<typeof loadRegions>[0], households: number) {
  await sql`
    CREATE TEMP TABLE bench_parish AS SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM region WHERE level = 'parish'`.execute(db);
  const chunk = 200_000;
  for (let from = 1; from <= households; from += chunk) {
    const to = Math.min(households, from + chunk - 1);
    await sql`
      INSERT INTO household (id, region_code, address, distribution_point, version)
      SELECT md5('household' || g)::uuid, p.code, '{"street": "Calle 1"}'::jsonb, 'P-' || (g % 500), 1
      FROM generate_series(${from}::int, ${to}::int) g
      JOIN bench_parish p ON p.i = g % (SELECT count(*) FROM bench_parish)`.execute(db);
    await sql`
      INSERT INTO person (id, household_id, relationship, region_code, given_names, family_names, sex, birth_date, evidence, attributes, version)
      SELECT md5('person' || g || '-' || m)::uuid, md5('household' || g)::uuid, CASE WHEN m = 1 THEN 'head' ELSE 'child' END, p.code,
             'Nombre', 'Apellido', CASE WHEN m % 2 = 0 THEN 'F' ELSE 'M' END, make_date(1950 + (g + m) % 70, 1 + m, 1 + g % 28),
             '[{"kind": "declaration"}]'::jsonb,
             jsonb_build_object('monthly_income', ((g::bigint * 7919 + m * 104729) % 1000000)::text || '.00', 'formal_employment', (g + m) % 3 = 0),
             1
      FROM generate_series(${from}::int, ${to}::int) g
      JOIN bench_parish p ON p.i = g % (SELECT count(*) FROM bench_parish)
      CROSS JOIN LATERAL generate_series(1, 1 + (g % 4)) m`.execute(db);
  }
}

/** The raw limit: one INSERT … SELECT of `rows` rows shaped like entitlements, committed. */
async function rawInsertSelect(db: Parameters<typeof loadRegions>[0], rows: number): Promise<{ ms: number; rows: number }> {
  await sql`TRUNCATE bare_entitlement`.execute(db);
  const cycleId = '00000000-0000-4000-8000-000000000001';
  const started = performance.now();
  await sql`
    INSERT INTO bare_entitlement (cycle_id, subject, region_code, distribution_point, quantity, facts)
    SELECT ${cycleId}::uuid, md5(h.id::text), h.region_code, h.distribution_point, 1, jsonb_build_object('household.size', 3, 'household.sum.monthly_income', 900000)
    FROM household h ORDER BY h.id LIMIT ${rows}`.execute(db);
  return { ms: performance.now() - started, rows };
}
