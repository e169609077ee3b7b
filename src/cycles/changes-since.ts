import type { AppContext } from '../app-context.ts';
import { writeAuditBatch, type AuditRecord } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import type { ProgramActor } from '../programs/program-definition.ts';
import { purposeOf } from '../programs/program-in-scope.ts';
import { deriverOf } from '../pseudonyms/service.ts';
import { DomainError } from '../shared/domain-error.ts';
import { cycleInScope } from './cycle-lifecycle.ts';
import { planCycle } from './cycle-plan.ts';
import { decideHousehold } from './decide.ts';
import { householdsById, householdsChangedSince, subjectsWithEntitlements } from './store.ts';
import type { RecordedFacts } from './tables.ts';

/** One household or person whose records changed after the cycle started, and what that changes. */
export interface ChangeSinceCycle {
  householdId: string;
  /** For a person program: the member decided about. */
  personId?: string;
  regionCode: string;
  /** What the cycle approved: its entitlement, or none. */
  approved: { quantity: string; facts: RecordedFacts } | null;
  /** What the same rule decides on the records as they are now. */
  now: { eligible: boolean; quantity: string | null; facts: RecordedFacts };
  /** The facts whose value differs from the approved decision's (all of them when nothing was approved). */
  changedFacts: string[];
  /** The quantity due would differ: something to act on in the next cycle. */
  decisionChanged: boolean;
}

export const CHANGES_PAGE_MAX = 200;

/**
 * The registry changes made since a cycle started that bear on its decisions (issue 5:
 * "a registry change after approval cannot silently alter what was approved; such
 * changes are listed for the next cycle"). The approved entitlements stay as they are;
 * this re-evaluates the cycle's own rule version over the changed households (within
 * the official's regions) and sets each decision beside the approved one.
 *
 * Pages through changed households in id order (`after`, `limit`); every household read
 * is an audit entry (`cycle.changes_read`, purpose eligibility). Decisions that neither
 * changed nor read a changed fact are left out.
 */
export async function changesSinceCycle(
  ctx: AppContext,
  actor: ProgramActor & { regionScopes: readonly string[] },
  code: string,
  period: string,
  options: { after?: string | undefined; limit?: number | undefined; requestId?: string | undefined } = {},
): Promise<{ items: ChangeSinceCycle[]; next: string | null }> {
  const { program, cycle } = await cycleInScope(ctx, actor, code, period);
  if (cycle.status === 'running') throw new DomainError('RULE_VIOLATION', `cycle ${code} ${period} is still being evaluated`);
  const plan = await planCycle(ctx, actor, code, period, cycle, { review: true });
  const limit = Math.min(options.limit ?? 50, CHANGES_PAGE_MAX);
  const changedIds = await householdsChangedSince(ctx.db, cycle.started_at, options.after ?? null, limit);
  const households = (await householdsById(ctx.db, changedIds, plan.attributeKeys)).filter((h) => coversRegion(actor.regionScopes, h.regionCode));

  const deriver = deriverOf(ctx);
  const decisions = households.flatMap((h) => {
    const decided = decideHousehold(plan.decision, h, cycle.reference_date, true);
    return decided.map((d) => ({
      household: h,
      decision: d,
      subject: program.unit === 'household' ? deriver.householdPseudonymOf(plan.sector, d.holderId) : deriver.pseudonymOf(plan.sector, d.holderId),
    }));
  });
  const approved = new Map((await subjectsWithEntitlements(ctx.db, cycle.id, decisions.map((d) => d.subject))).map((e) => [e.subject, e]));

  const items: ChangeSinceCycle[] = [];
  for (const { household, decision, subject } of decisions) {
    const before = approved.get(subject);
    const changedFacts = Object.keys(decision.facts).filter((path) => !before || before.facts[path] !== decision.facts[path]);
    const decisionChanged = normalised(before?.quantity ?? null) !== normalised(decision.quantity);
    if (!decisionChanged && (!before || changedFacts.length === 0)) continue;
    items.push({
      householdId: household.householdId,
      ...(program.unit === 'person' ? { personId: decision.holderId } : {}),
      regionCode: household.regionCode,
      approved: before ? { quantity: before.quantity, facts: before.facts } : null,
      now: { eligible: decision.eligible, quantity: decision.quantity, facts: decision.facts },
      changedFacts,
      decisionChanged,
    });
  }

  const entries: AuditRecord[] = households.map((h) => ({
    actor,
    purpose: purposeOf(actor),
    action: 'cycle.changes_read',
    subject: { type: 'household', id: h.householdId },
    summary: { program: code, period, attributes: plan.attributeKeys, members: h.members.length },
    requestId: options.requestId,
  }));
  await writeAuditBatch(ctx.db, entries);
  return { items, next: changedIds.length === limit ? changedIds.at(-1)! : null };
}

/** "3.000" and "3" are the same quantity. */
function normalised(quantity: string | null): string | null {
  if (quantity === null) return null;
  return quantity.includes('.') ? quantity.replace(/\.?0+$/, '') : quantity;
}
