import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { ProgramActor } from '../programs/program-definition.ts';
import { assertManager, programInScope, purposeOf } from '../programs/program-in-scope.ts';
import { cycleInScope } from './cycle-lifecycle.ts';
import { entitlementsByPoint, entitlementsPage, listCycles } from './store.ts';
import type { RecordedFacts } from './tables.ts';
import { cycleView, type CycleView } from './views.ts';

/** A program's cycles, newest period first. Counts and money only: not personal data, not audited. */
export async function listProgramCycles(ctx: AppContext, actor: ProgramActor, code: string): Promise<CycleView[]> {
  assertManager(actor);
  const program = await programInScope(ctx.db, actor, code);
  return (await listCycles(ctx.db, program.id)).map((c) => cycleView(program, c));
}

export interface CycleDetail extends CycleView {
  byDistributionPoint: { distributionPoint: string | null; entitlements: number; quantity: string }[];
}

export async function readCycle(ctx: AppContext, actor: ProgramActor, code: string, period: string): Promise<CycleDetail> {
  const { program, cycle } = await cycleInScope(ctx, actor, code, period);
  return { ...cycleView(program, cycle), byDistributionPoint: cycle.status === 'running' ? [] : await entitlementsByPoint(ctx.db, cycle.id) };
}

export interface EntitlementView {
  subject: string;
  regionCode: string;
  distributionPoint: string | null;
  quantity: string;
  facts: RecordedFacts;
}

export const ENTITLEMENTS_PAGE_MAX = 500;

/**
 * A page of a cycle's entitlements within the official's regions: pseudonyms, never
 * names. Still personal data (a pseudonym and the facts about a household), so the read
 * is audited with its purpose.
 */
export async function readEntitlements(
  ctx: AppContext,
  actor: ProgramActor & { regionScopes: readonly string[] },
  code: string,
  period: string,
  options: { distributionPoint?: string | null | undefined; after?: string | undefined; limit?: number | undefined; requestId?: string | undefined },
): Promise<{ items: EntitlementView[]; next: string | null }> {
  const { program, cycle } = await cycleInScope(ctx, actor, code, period);
  const limit = Math.min(options.limit ?? 100, ENTITLEMENTS_PAGE_MAX);
  const rows = await entitlementsPage(ctx.db, cycle.id, { regionScopes: actor.regionScopes, distributionPoint: options.distributionPoint, after: options.after, limit });
  await writeAudit(ctx.db, {
    actor,
    purpose: purposeOf(actor),
    action: 'cycle.entitlements_read',
    subject: { type: 'program', id: program.id },
    summary: { program: code, period, count: rows.length, ...(options.distributionPoint !== undefined ? { distributionPoint: options.distributionPoint } : {}), ...(options.after ? { after: options.after } : {}) },
    requestId: options.requestId,
  });
  return {
    items: rows.map((r) => ({ subject: r.subject, regionCode: r.region_code, distributionPoint: r.distribution_point, quantity: r.quantity, facts: r.facts })),
    next: rows.length === limit ? rows.at(-1)!.subject : null,
  };
}
