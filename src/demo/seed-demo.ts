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
 * role, the default attribute catalogue, a synthetic population and the five demo
 * programs with their published rules. Idempotent: existing accounts, already seeded
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
  const population =
    options.households && options.households > 0
      ? await seedPopulation(ctx, { households: options.households, duplicates: options.duplicates ?? 0, ...(options.seed ? { seed: options.seed } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
      : undefined;
  // Every demo resident gets a card, so that the terminal and the verifier have something to scan.
  const cards = population ? await issueFirstCards(ctx, { ...SYSTEM_ACTOR, regionScopes: ['*'] }) : 0;
  // The five programs of issue 5, their published rules, active (existing ones are left as they are).
  const programs = await seedDemoPrograms(ctx);
  await writeAudit(ctx.db, {
    actor: SYSTEM_ACTOR,
    purpose: 'system',
    action: 'system.seeded',
    summary: { regions, officials: created, households: population?.households ?? 0, persons: population?.persons ?? 0, duplicatePairs: population?.duplicatePairs ?? 0, cards, programs },
  });
  return { regions, officials: created, population, cards, programs };
}
