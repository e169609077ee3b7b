import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { ProgramActor } from '../programs/program-definition.ts';
import { assertManager, programInScope, purposeOf } from '../programs/program-in-scope.ts';
import type { ProgramRow } from '../programs/store.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import { changeCycle, findCycle, type CycleRow } from './store.ts';
import type { CycleStatus } from './tables.ts';
import { CYCLE_ACTIONS_BY_STATUS, cycleView, type CycleAction, type CycleView } from './views.ts';

/** The program (in the official's scopes) and its cycle for the period; "not found" otherwise. */
export async function cycleInScope(ctx: AppContext, actor: ProgramActor, code: string, period: string): Promise<{ program: ProgramRow; cycle: CycleRow }> {
  assertManager(actor);
  const program = await programInScope(ctx.db, actor, code);
  const cycle = await findCycle(ctx.db, program.id, period);
  if (!cycle) throw notFound('cycle');
  return { program, cycle };
}

function assertCycleAllows(cycle: CycleRow, action: CycleAction, label: string) {
  const allowed = CYCLE_ACTIONS_BY_STATUS[cycle.status] as readonly CycleAction[];
  if (!allowed.includes(action)) {
    throw new DomainError('RULE_VIOLATION', `cycle ${label} is ${cycle.status.replace('_', ' ')}: ${action.replace('_', ' ')} is not allowed (allowed: ${allowed.join(', ') || 'nothing'})`, { status: cycle.status, action });
  }
}

/**
 * Lets an over-budget cycle open (issue 5: "refuses to exceed the budget without an
 * explicit override by a second official"): a program manager other than the one who
 * started the run, with a reason. The database refuses the same official too.
 */
export async function overrideBudget(ctx: AppContext, actor: ProgramActor, code: string, period: string, input: { reason: string }, options: { requestId?: string } = {}): Promise<CycleView> {
  const { program, cycle } = await cycleInScope(ctx, actor, code, period);
  const label = `${code} ${period}`;
  assertCycleAllows(cycle, 'override_budget', label);
  if (actor.id === null) throw new DomainError('FORBIDDEN', 'a budget override names the official who gives it: the installation cannot give one');
  if (actor.id === cycle.started_by) throw new DomainError('FORBIDDEN', `you started the run of ${label}: a second official must override its budget`);
  return transition(ctx, actor, program, cycle, ['over_budget'], 'cycle.budget_overridden', {
    status: 'open',
    override_by: actor.id,
    override_by_name: actor.name,
    override_reason: input.reason,
    override_at: new Date(),
  }, { reason: input.reason, totalCost: cycle.total_cost, budget: cycle.budget }, options.requestId);
}

/** Closes a cycle: its entitlements are no longer handed out (an over-budget cycle closed is one never opened). Final. */
export async function closeCycle(ctx: AppContext, actor: ProgramActor, code: string, period: string, input: { reason: string }, options: { requestId?: string } = {}): Promise<CycleView> {
  const { program, cycle } = await cycleInScope(ctx, actor, code, period);
  assertCycleAllows(cycle, 'close', `${code} ${period}`);
  return transition(ctx, actor, program, cycle, ['open', 'over_budget'], 'cycle.closed', {
    status: 'closed',
    closed_by: actor.id,
    closed_by_name: actor.name,
    close_reason: input.reason,
    closed_at: new Date(),
  }, { reason: input.reason, wasStatus: cycle.status }, options.requestId);
}

async function transition(
  ctx: AppContext,
  actor: ProgramActor,
  program: ProgramRow,
  cycle: CycleRow,
  from: CycleStatus[],
  action: 'cycle.budget_overridden' | 'cycle.closed',
  changes: Parameters<typeof changeCycle>[3],
  summary: Record<string, unknown>,
  requestId: string | undefined,
): Promise<CycleView> {
  return ctx.db.transaction().execute(async (tx) => {
    // The status guard in the UPDATE is the compare-and-set: no lock needed beforehand.
    const changed = await changeCycle(tx, cycle.id, from, changes);
    if (!changed) throw new DomainError('CONFLICT', `cycle ${program.code} ${cycle.period} changed meanwhile: reload it`);
    await writeAudit(tx, {
      actor,
      purpose: purposeOf(actor),
      action,
      subject: { type: 'program', id: program.id },
      summary: { program: program.code, period: cycle.period, ...summary },
      requestId,
    });
    return cycleView(program, changed);
  });
}
