import type { AppContext } from '../app-context.ts';
import { SYSTEM_ACTOR, writeAudit } from '../audit/write-audit.ts';
import { createOfficial } from '../auth/officials.ts';
import { findOfficialByUsername } from '../auth/store.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { ImportProgress } from '../registry/import/import-persons.ts';
import { DEMO_OFFICIALS, DEMO_PASSWORD } from './demo-officials.ts';
import { seedPopulation } from './seed-population.ts';
import { issueFirstCards } from '../credentials/issue-cards-in-bulk.ts';
import { seedDemoPrograms } from '../programs/demo-programs.ts';
import { seedDemoPoints } from '../distribution/points/demo-points.ts';
import { todayUtc } from '../programs/program-definition.ts';
import { runCycle } from '../cycles/run-cycle.ts';

export interface SeedOptions {
  regionsCsv?: string | URL;
  /** Synthetic households to add (0: none). */
  households?: number;
  /** How many of them get a planted duplicate with registrars' typos. */
  duplicates?: number;
  seed?: string;
  onProgress?: (p: ImportProgress) => void;
}

/**
 * Seeds a demo installation: the synthetic administrative divisions, one account per
 * role, the default attribute catalogue, a synthetic population, the five demo
 * programs with their published rules, and the current month's food-box and pension
 * cycles (`runCurrentDemoCycles`). Idempotent: existing accounts, already seeded
 * households and existing programs are left as they are. Refused outside
 * demo and test mode, because the demo accounts skip the second factor.
 */
export async function seedDemo(ctx: AppContext, options: SeedOptions = {}) {
  if (!ctx.config.demo) throw new DomainError('RULE_VIOLATION', 'seeding demo accounts needs AMPARO_MODE=demo (or test)');
  const regions = await loadRegions(ctx.db, options.regionsCsv ?? DEMO_REGIONS_CSV);
  const created: string[] = [];
  for (const o of DEMO_OFFICIALS) {
    if (await findOfficialByUsername(ctx.db, o.username)) continue;
    await createOfficial(ctx, SYSTEM_ACTOR, { ...o, password: DEMO_PASSWORD, demoSkipsSecondFactor: true });
    created.push(o.username);
  }
  // A food point per municipality, before the population, so that each household is assigned its municipality's.
  const points = await seedDemoPoints(ctx);
  const population =
    options.households && options.households > 0
      ? await seedPopulation(ctx, { households: options.households, duplicates: options.duplicates ?? 0, pointOf: points.pointOf, ...(options.seed ? { seed: options.seed } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
      : undefined;
  // Every demo resident gets a card, so that the terminal and the verifier have something to scan.
  const cards = population ? await issueFirstCards(ctx, { ...SYSTEM_ACTOR, regionScopes: ['*'] }) : 0;
  // The five programs of issue 5, their published rules, active (existing ones are left as they are).
  const programs = await seedDemoPrograms(ctx, { distributionPoints: points.codes });
  // Last, once households have their points: the current month's cycles, so that the
  // demo terminals have entitlements to hand out today.
  const cycles = await runCurrentDemoCycles(ctx);
  await writeAudit(ctx.db, {
    actor: SYSTEM_ACTOR,
    purpose: 'system',
    action: 'system.seeded',
    summary: { regions, officials: created, households: population?.households ?? 0, persons: population?.persons ?? 0, duplicatePairs: population?.duplicatePairs ?? 0, cards, programs, cycles },
  });
  return { regions, officials: created, population, cards, programs, cycles };
}

/** The demo programs whose current month's cycle every demo start runs (a run is idempotent: an evaluated cycle creates nothing). */
export const DEMO_CURRENT_CYCLES = ['food-box', 'pension'] as const;

export type DemoCycleRun = { program: string; period: string; status: string; created: number } | { program: string; period: string; skipped: string };

/**
 * Runs the current month's cycle of the demo's monthly programs. Their first rules take
 * effect on the first day of the month they were seeded in (demo-programs.ts
 * `demoRulesFrom`), so this month's cycle, and every later one, has a rule on its first
 * day. A demo seeded before that rule date (an older installation) has none for this
 * month: the cycle is reported as skipped with the reason, and the demo runs without it.
 */
export async function runCurrentDemoCycles(ctx: AppContext, now = new Date()): Promise<DemoCycleRun[]> {
  const period = todayUtc(now).slice(0, 7);
  const actor = { ...SYSTEM_ACTOR, programScopes: ['*'], regionScopes: ['*'] };
  const runs: DemoCycleRun[] = [];
  for (const program of DEMO_CURRENT_CYCLES) {
    try {
      const r = await runCycle(ctx, actor, program, period);
      runs.push({ program, period, status: r.cycle.status, created: r.created });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'RULE_VIOLATION') throw error;
      runs.push({ program, period, skipped: error.message });
    }
  }
  return runs;
}
