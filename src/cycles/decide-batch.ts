import type { CyclePlan } from './cycle-plan.ts';
import { decideHousehold, type Decision, type HouseholdRecords } from './decide.ts';

/** What a batch of households decided: the counts, and the decisions that give an entitlement. */
export interface BatchOutcome {
  households: number;
  subjects: number;
  eligible: number;
  notComputed: number;
  /** Eligible with a quantity above 0: each becomes an entitlement. */
  due: Decision[];
  /** The last household of the batch: where the next one starts. */
  lastHouseholdId: string | undefined;
}

export function decideBatch(plan: Pick<CyclePlan, 'decision' | 'period'>, households: readonly HouseholdRecords[]): BatchOutcome {
  const outcome: BatchOutcome = { households: households.length, subjects: 0, eligible: 0, notComputed: 0, due: [], lastHouseholdId: households.at(-1)?.householdId };
  for (const household of households) {
    for (const decision of decideHousehold(plan.decision, household, plan.period.referenceDate)) {
      outcome.subjects += 1;
      if (!decision.eligible) continue;
      outcome.eligible += 1;
      if (decision.notComputed) outcome.notComputed += 1;
      else if (decision.quantity !== null) outcome.due.push(decision);
    }
  }
  return outcome;
}
