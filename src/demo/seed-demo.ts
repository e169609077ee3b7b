import type { AppContext } from '../app-context.ts';
import { SYSTEM_ACTOR, writeAudit } from '../audit/write-audit.ts';
import { createOfficial } from '../auth/officials.ts';
import { findOfficialByUsername } from '../auth/store.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';
import { DomainError } from '../shared/domain-error.ts';
import { DEMO_OFFICIALS, DEMO_PASSWORD } from './demo-officials.ts';

export interface SeedOptions {
  regionsCsv?: string | URL;
}

/**
 * Seeds a demo installation: the synthetic administrative divisions and one account
 * per role. Idempotent: existing accounts are left as they are. Refused outside
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
  await writeAudit(ctx.db, { actor: SYSTEM_ACTOR, purpose: 'system', action: 'system.seeded', summary: { regions, officials: created } });
  return { regions, officials: created };
}
