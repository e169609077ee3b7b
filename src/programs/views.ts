import type { StoredReference } from './compile-program-rules.ts';
import { todayUtc } from './program-definition.ts';
import { PROGRAM_ACTIONS_BY_STATUS, type ProgramAction } from './program-kinds.ts';
import { ruleTimeline, type RuleState } from './rule-timeline.ts';
import type { ProgramRow, RuleVersionRow } from './store.ts';

/** A published rule version as anyone sees it: the rule, its money and its dates. */
export interface RuleVersionView {
  version: number;
  eligibility: string;
  quantity: string;
  pricePerUnit: string;
  /** What one unit costs the budget: null for cash (a unit is one unit of the currency). */
  costPerUnit: string | null;
  budgetPerCycle: string;
  currency: string;
  validFrom: string;
  validUntil: string | null;
  state: RuleState;
  reason: string;
  references: StoredReference[];
  publishedAt: string;
}

export interface PublicProgramView {
  code: string;
  name: { es: string; en: string };
  description: { es: string; en: string };
  sector: ProgramRow['sector'];
  unit: ProgramRow['unit'];
  benefitKind: ProgramRow['benefit_kind'];
  item: { es: string; en: string };
  measure: string;
  currency: string;
  frequency: ProgramRow['frequency'];
  distributionPoints: string[];
  /** An entitlement may be collected in several pickups. */
  partialPickups: boolean;
  status: ProgramRow['status'];
  activatedAt: string | null;
  closedAt: string | null;
  /** The rule version in force today; null before the first one takes effect and after closing. */
  currentRule: RuleVersionView | null;
}

/** What officials see besides: the version for concurrency, who changed it, what may be done next. */
export interface ProgramView extends PublicProgramView {
  id: string;
  version: number;
  actions: ProgramAction[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  currentRule: OfficialRuleVersionView | null;
}

export interface OfficialRuleVersionView extends RuleVersionView {
  publishedBy: string;
}

const dateOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : undefined);

/** Every rule version of a program with its dates and state, oldest first. */
export function ruleVersionViews(program: ProgramRow, rules: readonly RuleVersionRow[], today = todayUtc()): OfficialRuleVersionView[] {
  const timeline = ruleTimeline(rules.map((r) => ({ version: r.version, validFrom: r.valid_from })), today, dateOf(program.closed_at));
  return rules.map((r, i) => ({
    version: r.version,
    eligibility: r.eligibility,
    quantity: r.quantity,
    pricePerUnit: r.price_per_unit,
    costPerUnit: r.cost_per_unit,
    budgetPerCycle: r.budget_per_cycle,
    currency: program.currency,
    validFrom: r.valid_from,
    validUntil: timeline[i]!.validUntil,
    state: timeline[i]!.state,
    reason: r.reason,
    references: r.rule_references,
    publishedAt: r.published_at.toISOString(),
    publishedBy: r.published_by_name,
  }));
}

/** The public form of a rule version: the official who published it is not named. */
export const publicRuleVersion = ({ publishedBy: _publishedBy, ...rest }: OfficialRuleVersionView): RuleVersionView => rest;

export function publicProgramView(program: ProgramRow, rules: readonly RuleVersionRow[], today = todayUtc()): PublicProgramView {
  const current = ruleVersionViews(program, rules, today).find((r) => r.state === 'in_force');
  return {
    code: program.code,
    name: { es: program.name_es, en: program.name_en },
    description: { es: program.description_es, en: program.description_en },
    sector: program.sector,
    unit: program.unit,
    benefitKind: program.benefit_kind,
    item: { es: program.item_es, en: program.item_en },
    measure: program.measure,
    currency: program.currency,
    frequency: program.frequency,
    distributionPoints: program.distribution_points,
    partialPickups: program.partial_pickups,
    status: program.status,
    activatedAt: program.activated_at?.toISOString() ?? null,
    closedAt: program.closed_at?.toISOString() ?? null,
    currentRule: current ? publicRuleVersion(current) : null,
  };
}

export function programView(program: ProgramRow, rules: readonly RuleVersionRow[], today = todayUtc()): ProgramView {
  const current = ruleVersionViews(program, rules, today).find((r) => r.state === 'in_force');
  return {
    ...publicProgramView(program, rules, today),
    id: program.id,
    version: program.version,
    actions: [...PROGRAM_ACTIONS_BY_STATUS[program.status]],
    createdAt: program.created_at.toISOString(),
    createdBy: program.created_by_name,
    updatedAt: program.updated_at.toISOString(),
    updatedBy: program.updated_by_name,
    currentRule: current ?? null,
  };
}
