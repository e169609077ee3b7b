import type { ProgramRow } from '../programs/store.ts';
import type { CycleRow } from './store.ts';
import type { CycleStatus } from './tables.ts';

/** What may be done to a cycle in each status: lifecycle as data. */
export const CYCLE_ACTIONS_BY_STATUS = {
  running: ['resume'],
  over_budget: ['override_budget', 'close'],
  open: ['close'],
  closed: [],
} as const satisfies Record<CycleStatus, readonly string[]>;
export type CycleAction = (typeof CYCLE_ACTIONS_BY_STATUS)[CycleStatus][number];
export const CYCLE_ACTIONS = ['resume', 'override_budget', 'close'] as const;
export const CYCLE_STATUSES = ['running', 'over_budget', 'open', 'closed'] as const satisfies readonly CycleStatus[];

export interface CycleView {
  program: string;
  period: string;
  status: CycleStatus;
  actions: CycleAction[];
  ruleVersion: number;
  referenceDate: string;
  validFrom: string;
  validUntil: string;
  unit: ProgramRow['unit'];
  measure: string;
  currency: string;
  pricePerUnit: string;
  costPerUnit: string | null;
  budget: string;
  progress: { householdsTotal: number; householdsDone: number; subjectsEvaluated: number; eligible: number; notComputed: number };
  /** From the entitlement rows, once the evaluation finished. */
  totals: { entitlements: number; totalQuantity: string; totalCost: string; totalPrice: string; overBudget: boolean } | null;
  startedAt: string;
  startedBy: string;
  evaluatedAt: string | null;
  override: { by: string; reason: string; at: string } | null;
  closing: { by: string; reason: string; at: string } | null;
}

export function cycleView(program: Pick<ProgramRow, 'code' | 'unit' | 'measure' | 'currency'>, c: CycleRow): CycleView {
  const finished = c.entitlements !== null && c.total_quantity !== null && c.total_cost !== null && c.total_price !== null;
  return {
    program: program.code,
    period: c.period,
    status: c.status,
    actions: [...CYCLE_ACTIONS_BY_STATUS[c.status]],
    ruleVersion: c.rule_version,
    referenceDate: c.reference_date,
    validFrom: c.valid_from,
    validUntil: c.valid_until,
    unit: program.unit,
    measure: program.measure,
    currency: program.currency,
    pricePerUnit: c.price_per_unit,
    costPerUnit: c.cost_per_unit,
    budget: c.budget,
    progress: { householdsTotal: c.households_total, householdsDone: c.households_done, subjectsEvaluated: c.subjects_evaluated, eligible: c.eligible, notComputed: c.not_computed },
    totals: finished
      ? { entitlements: c.entitlements!, totalQuantity: c.total_quantity!, totalCost: c.total_cost!, totalPrice: c.total_price!, overBudget: c.status === 'over_budget' || c.override_at !== null }
      : null,
    startedAt: c.started_at.toISOString(),
    startedBy: c.started_by_name,
    evaluatedAt: c.evaluated_at?.toISOString() ?? null,
    override: c.override_at ? { by: c.override_by_name!, reason: c.override_reason!, at: c.override_at.toISOString() } : null,
    closing: c.closed_at ? { by: c.closed_by_name!, reason: c.close_reason!, at: c.closed_at.toISOString() } : null,
  };
}
