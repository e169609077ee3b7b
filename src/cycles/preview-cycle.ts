import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { ProgramActor } from '../programs/program-definition.ts';
import { purposeOf } from '../programs/program-in-scope.ts';
import { planCycle } from './cycle-plan.ts';
import { decideBatch } from './decide-batch.ts';
import { amountOf, scaled, unscaled } from './decimal.ts';
import { countActiveHouseholds, walkHouseholds } from './store.ts';

export interface CyclePreview {
  program: string;
  period: string;
  ruleVersion: number;
  referenceDate: string;
  validFrom: string;
  validUntil: string;
  measure: string;
  currency: string;
  pricePerUnit: string;
  costPerUnit: string | null;
  budget: string;
  households: number;
  subjectsEvaluated: number;
  eligible: number;
  /** Eligible, but the quantity could not be computed (a value not recorded): nothing due. */
  notComputed: number;
  entitlements: number;
  totalQuantity: string;
  /** What the entitlements cost the budget. */
  totalCost: string;
  /** What the beneficiaries pay at the subsidised price. */
  totalPrice: string;
  overBudget: boolean;
  byDistributionPoint: { distributionPoint: string | null; entitlements: number; quantity: string }[];
}

export interface WalkOptions {
  /** Households per read. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  requestId?: string;
}

export const DEFAULT_BATCH_SIZE = 2000;

/**
 * What a cycle would create, computed exactly as a run would, with nothing written but
 * the audit entry of the read (`cycle.previewed`, purpose eligibility, with the counts
 * and the facts read). Streams the registry in batches: memory does not grow with it.
 */
export async function previewCycle(ctx: AppContext, actor: ProgramActor, code: string, periodText: string, options: WalkOptions = {}): Promise<CyclePreview> {
  const plan = await planCycle(ctx, actor, code, periodText);
  const total = await countActiveHouseholds(ctx.db);
  const counts = { households: 0, subjects: 0, eligible: 0, notComputed: 0, entitlements: 0 };
  let quantity = 0n;
  const byPoint = new Map<string | null, { entitlements: number; quantity: bigint }>();
  const walk = { after: null, batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE, columns: plan.columns, streaming: ctx.config.databaseUrl !== undefined };
  await walkHouseholds(ctx.db, walk, async (households) => {
    const outcome = decideBatch(plan, households);
    counts.households += outcome.households;
    counts.subjects += outcome.subjects;
    counts.eligible += outcome.eligible;
    counts.notComputed += outcome.notComputed;
    for (const d of outcome.due) {
      const q = scaled(d.quantity!, 3);
      quantity += q;
      counts.entitlements += 1;
      const point = byPoint.get(d.distributionPoint) ?? { entitlements: 0, quantity: 0n };
      point.entitlements += 1;
      point.quantity += q;
      byPoint.set(d.distributionPoint, point);
    }
    options.onProgress?.(counts.households, Math.max(total, counts.households));
  });

  const totalCost = amountOf(quantity, plan.rule.cost_per_unit ?? '1.00');
  const overBudget = scaled(totalCost, 2) > scaled(plan.rule.budget_per_cycle, 2);
  const preview: CyclePreview = {
    program: code,
    period: plan.period.period,
    ruleVersion: plan.rule.version,
    referenceDate: plan.period.referenceDate,
    validFrom: plan.period.validFrom,
    validUntil: plan.period.validUntil,
    measure: plan.program.measure,
    currency: plan.program.currency,
    pricePerUnit: plan.rule.price_per_unit,
    costPerUnit: plan.rule.cost_per_unit,
    budget: plan.rule.budget_per_cycle,
    households: counts.households,
    subjectsEvaluated: counts.subjects,
    eligible: counts.eligible,
    notComputed: counts.notComputed,
    entitlements: counts.entitlements,
    totalQuantity: unscaled(quantity, 3),
    totalCost,
    totalPrice: amountOf(quantity, plan.rule.price_per_unit),
    overBudget,
    byDistributionPoint: [...byPoint]
      .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)))
      .map(([distributionPoint, p]) => ({ distributionPoint, entitlements: p.entitlements, quantity: unscaled(p.quantity, 3) })),
  };
  await writeAudit(ctx.db, {
    actor,
    purpose: purposeOf(actor),
    action: 'cycle.previewed',
    subject: { type: 'program', id: plan.program.id },
    summary: {
      program: code,
      period: preview.period,
      ruleVersion: preview.ruleVersion,
      reads: plan.decision.compiled.references.map((r) => r.path),
      households: preview.households,
      eligible: preview.eligible,
      entitlements: preview.entitlements,
      totalCost,
      overBudget,
    },
    requestId: options.requestId,
  });
  return preview;
}
