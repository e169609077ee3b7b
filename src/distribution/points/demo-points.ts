import type { AppContext } from '../../app-context.ts';
import { SYSTEM_ACTOR } from '../../audit/write-audit.ts';
import { coversRegion } from '../../auth/roles.ts';
import { DEMO_OFFICIALS } from '../../demo/demo-officials.ts';
import { assignAgent } from './assign-agent.ts';
import { createPoint } from './create-point.ts';
import type { DistributionActor } from './point-in-scope.ts';
import { findCurrentAssignment, findOfficialIdByUsername, findPoint, listMunicipalities } from './store.ts';

/** The demo's food point of a municipality: `PDA-` (punto de alimentos) and the municipality's code. */
export const demoPointCode = (municipalityCode: string) => `PDA-${municipalityCode}`;

export interface DemoPoints {
  /** Every demo point's code, created now or earlier. */
  codes: string[];
  created: string[];
  /** The demo point of a household's region (a parish or municipality code); null outside the demo points. */
  pointOf(regionCode: string): string | null;
}

/**
 * One food point per municipality of the loaded regions, and the demo's distribution
 * agents assigned to the points their region scopes cover (`agent`, scoped to AN-01,
 * works at PDA-AN-01). Idempotent: existing points and current assignments are left as
 * they are. Runs as the installation itself, audited like an administrator's acts.
 */
export async function seedDemoPoints(ctx: AppContext): Promise<DemoPoints> {
  const actor: DistributionActor = { ...SYSTEM_ACTOR, regionScopes: ['*'] };
  const municipalities = await listMunicipalities(ctx.db);
  const created: string[] = [];
  const points: { code: string; regionCode: string }[] = [];
  for (const m of municipalities) {
    const code = demoPointCode(m.code);
    if (!(await findPoint(ctx.db, code))) {
      await createPoint(ctx, actor, { code, name: `Punto de alimentos ${m.name}`, kind: 'food', regionCode: m.code });
      created.push(code);
    }
    points.push({ code, regionCode: m.code });
  }
  for (const official of DEMO_OFFICIALS.filter((o) => o.role === 'distribution_agent')) {
    const id = await findOfficialIdByUsername(ctx.db, official.username);
    if (!id) continue;
    for (const p of points.filter((p) => coversRegion(official.regionScopes, p.regionCode))) {
      if (!(await findCurrentAssignment(ctx.db, p.code, id))) await assignAgent(ctx, actor, p.code, id);
    }
  }
  const codes = new Set(points.map((p) => p.code));
  return {
    codes: [...codes],
    created,
    pointOf: (regionCode) => {
      const code = demoPointCode(regionCode.split('-').slice(0, 2).join('-'));
      return codes.has(code) ? code : null;
    },
  };
}
