import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import type { ProgramActor } from '../programs/program-definition.ts';
import { assertManager, programInScope, purposeOf } from '../programs/program-in-scope.ts';
import { deriverOf } from '../pseudonyms/service.ts';
import { DomainError } from '../shared/domain-error.ts';
import { planCycle, type CyclePlan } from './cycle-plan.ts';
import { decideBatch } from './decide-batch.ts';
import { parsePeriod } from './period.ts';
import type { WalkOptions } from './preview-cycle.ts';
import { advanceCursor, changeCycle, countActiveHouseholds, cycleTotals, findCycle, insertCycleOnce, insertEntitlements, lockCycle, otherCycles, walkHouseholds, type BatchProgress, type CycleRow, type EntitlementRow } from './store.ts';
import { cycleView, type CycleView } from './views.ts';

export interface RunOptions extends WalkOptions {
  /** Households per write transaction (default 20,000). */
  batchSize?: number;
  /** Stops after the batch in progress; a later run resumes from there. */
  signal?: AbortSignal;
}

export interface RunResult {
  cycle: CycleView;
  /** Entitlements this call wrote (0 when the cycle had already been run). */
  created: number;
  /** The cycle existed and was running: this call went on from where it had stopped. */
  resumed: boolean;
  /** The cycle had already been evaluated: nothing was done. */
  alreadyRun: boolean;
  /** The signal stopped the run before the end: run again to resume. */
  interrupted: boolean;
}

/**
 * Runs a program's cycle for a period (issue 5): evaluates the rule in force on the
 * period's first day over every active household (or each of its members, for a person
 * program) and writes an entitlement, keyed by the sector pseudonym, for each decision
 * with something due — with the quantity, the distribution point and the facts read.
 *
 * - Streams: households in id order (store.ts `walkHouseholds`); decisions are written
 *   `batchSize` households at a time (20,000 by default), the entitlements and the
 *   cycle's cursor and counters in one transaction, so memory does not grow with the
 *   registry and an interrupted run (a signal, a crash, a killed process) resumes after
 *   the last batch written when run again. The cursor moves first and only from where
 *   this run found it, so two runs of one cycle at once cannot both write a batch (the
 *   loser stops with CONFLICT); entitlements are unique per (cycle, subject) besides.
 * - Running a cycle that was evaluated creates nothing and says so.
 * - At the end the totals come from the written rows, in exact decimals: within the
 *   budget the cycle is `open`; above it, `over_budget`, and nothing is handed out
 *   until a second official overrides the budget (`overrideBudget`) or it is closed.
 */
export async function runCycle(ctx: AppContext, actor: ProgramActor, code: string, periodText: string, options: RunOptions = {}): Promise<RunResult> {
  const begun = await beginCycle(ctx, actor, code, periodText, options);
  return begun.result ?? begun.walk(options);
}

/** A run that has started (or resumed): its cycle as it is now, and the walk that completes it. */
export interface BegunCycle {
  cycle: CycleView;
  /** Set when there is nothing to walk: the cycle had already been evaluated. */
  result?: RunResult;
  walk: (options?: RunOptions) => Promise<RunResult>;
}

/**
 * The first half of `runCycle`: checks, the cycle row (created or found running) and
 * its audit entry, so that the console can answer at once and the walk can go on in
 * the background (cycle-jobs.ts).
 */
export async function beginCycle(ctx: AppContext, actor: ProgramActor, code: string, periodText: string, options: { requestId?: string | undefined } = {}): Promise<BegunCycle> {
  assertManager(actor);
  const program = await programInScope(ctx.db, actor, code);
  const period = parsePeriod(periodText, program.frequency).period;
  let cycle = await findCycle(ctx.db, program.id, period);
  const nothingToDo = (row: CycleRow): BegunCycle => {
    const result: RunResult = { cycle: cycleView(program, row), created: 0, resumed: false, alreadyRun: true, interrupted: false };
    return { cycle: result.cycle, result, walk: async () => result };
  };
  if (cycle && cycle.status !== 'running') return nothingToDo(cycle);
  const plan = await planCycle(ctx, actor, code, period, cycle);
  const audit = { actor, purpose: purposeOf(actor), subject: { type: 'program', id: program.id }, requestId: options.requestId };
  const reads = plan.decision.compiled.references.map((r) => r.path);

  const resumed = cycle !== undefined;
  if (!cycle) {
    if (program.frequency === 'one_off') {
      const others = await otherCycles(ctx.db, program.id, period);
      if (others.length) throw new DomainError('RULE_VIOLATION', `program ${code} is one-off and already has a cycle (${others[0]!.period})`, { field: 'period' });
    }
    cycle = await startCycle(ctx, actor, plan);
    if (cycle.status !== 'running') return nothingToDo(cycle);
  }
  await writeAudit(ctx.db, {
    ...audit,
    action: resumed ? 'cycle.resumed' : 'cycle.started',
    summary: { program: code, period, ruleVersion: plan.rule.version, reads, households: cycle.households_total, ...(resumed ? { householdsDone: cycle.households_done } : {}) },
  });
  const started = cycle;
  return {
    cycle: cycleView(program, started),
    walk: (walkOptions: RunOptions = {}) => walkCycle(ctx, plan, started, { ...audit, code, period, reads }, resumed, walkOptions),
  };
}

type RunAudit = { actor: ProgramActor; purpose: ReturnType<typeof purposeOf>; subject: { type: string; id: string }; requestId: string | undefined; code: string; period: string; reads: string[] };

/** Households per write transaction: large enough that a commit costs little beside its rows. */
const WRITE_BATCH = 20_000;
/** Households per read from the database. */
const READ_BATCH = 2_000;

async function walkCycle(ctx: AppContext, plan: CyclePlan, cycle: CycleRow, audit: RunAudit, resumed: boolean, options: RunOptions): Promise<RunResult> {
  const { program } = plan;
  const deriver = deriverOf(ctx);
  const pseudonymOf = program.unit === 'household' ? (id: string) => deriver.householdPseudonymOf(plan.sector, id) : (id: string) => deriver.pseudonymOf(plan.sector, id);
  const writeBatch = options.batchSize ?? WRITE_BATCH;
  let cursor = cycle.cursor;
  let done = cycle.households_done;
  let created = 0;
  let interrupted = false;
  // Decisions wait here until a write batch is full; the cursor moves with them.
  let pending: EntitlementRow[] = [];
  let progress: BatchProgress = { cursor: '', households: 0, subjects: 0, eligible: 0, notComputed: 0 };

  // One write may be in flight while the next batch is decided: the database writes
  // while this process computes. Writes still happen one after the other, in order.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    if (progress.households === 0) return;
    const rows = pending;
    const counted = progress;
    pending = [];
    progress = { cursor: '', households: 0, subjects: 0, eligible: 0, notComputed: 0 };
    writing = write(rows, counted);
    writing.catch(() => undefined);
  };
  const write = async (rows: EntitlementRow[], counted: BatchProgress) => {
    const from = cursor;
    created += await ctx.db.transaction().execute(async (tx) => {
      // The cursor first: a second run of the same cycle waits on this row, then finds
      // the cursor moved and stops, before writing anything.
      if (!(await advanceCursor(tx, cycle.id, from, counted))) {
        throw new DomainError('CONFLICT', `another run is evaluating ${audit.code} ${audit.period} at the same time: it carries on; this one stopped`);
      }
      return insertEntitlements(tx, cycle.id, rows);
    });
    cursor = counted.cursor;
    done += counted.households;
    options.onProgress?.(done, Math.max(done, cycle.households_total));
  };

  const walk = { after: cursor, batchSize: Math.min(writeBatch, READ_BATCH), columns: plan.columns, streaming: ctx.config.databaseUrl !== undefined };
  await walkHouseholds(ctx.db, walk, async (households) => {
    if (options.signal?.aborted) {
      interrupted = true;
      return 'stop';
    }
    const outcome = decideBatch(plan, households);
    for (const d of outcome.due) pending.push({ s: pseudonymOf(d.holderId), r: d.regionCode, d: d.distributionPoint, q: d.quantity!, f: d.facts });
    progress.cursor = outcome.lastHouseholdId!;
    progress.households += outcome.households;
    progress.subjects += outcome.subjects;
    progress.eligible += outcome.eligible;
    progress.notComputed += outcome.notComputed;
    if (progress.households >= writeBatch) await flush();
  });
  await flush();
  await writing;
  if (interrupted) {
    const now = (await findCycle(ctx.db, program.id, audit.period))!;
    return { cycle: cycleView(program, now), created, resumed, alreadyRun: false, interrupted: true };
  }
  const finished = await finishCycle(ctx, cycle.id, audit);
  return { cycle: cycleView(program, finished), created, resumed, alreadyRun: false, interrupted: false };
}

async function startCycle(ctx: AppContext, actor: ProgramActor, plan: CyclePlan): Promise<CycleRow> {
  const { cycle } = await insertCycleOnce(ctx.db, {
    id: randomUUID(),
    program_id: plan.program.id,
    period: plan.period.period,
    rule_version: plan.rule.version,
    reference_date: plan.period.referenceDate,
    valid_from: plan.period.validFrom,
    valid_until: plan.period.validUntil,
    price_per_unit: plan.rule.price_per_unit,
    cost_per_unit: plan.rule.cost_per_unit,
    budget: plan.rule.budget_per_cycle,
    status: 'running',
    households_total: await countActiveHouseholds(ctx.db),
    started_by: actor.id,
    started_by_name: actor.name,
  });
  return cycle;
}

/** Totals from the written rows; open within the budget, over_budget above it. Idempotent: a finished cycle is returned as it is. */
async function finishCycle(ctx: AppContext, cycleId: string, audit: RunAudit): Promise<CycleRow> {
  return ctx.db.transaction().execute(async (tx) => {
    const locked = (await lockCycle(tx, cycleId))!;
    if (locked.status !== 'running') return locked;
    const totals = await cycleTotals(tx, locked);
    const finished = (await changeCycle(tx, cycleId, ['running'], {
      status: totals.overBudget ? 'over_budget' : 'open',
      evaluated_at: new Date(),
      entitlements: totals.entitlements,
      total_quantity: totals.totalQuantity,
      total_cost: totals.totalCost,
      total_price: totals.totalPrice,
    }))!;
    await writeAudit(tx, {
      actor: audit.actor,
      purpose: audit.purpose,
      subject: audit.subject,
      requestId: audit.requestId,
      action: 'cycle.evaluated',
      summary: {
        program: audit.code,
        period: audit.period,
        ruleVersion: locked.rule_version,
        reads: audit.reads,
        households: finished.households_done,
        subjectsEvaluated: finished.subjects_evaluated,
        eligible: finished.eligible,
        notComputed: finished.not_computed,
        ...totals,
        budget: locked.budget,
        status: finished.status,
      },
    });
    return finished;
  });
}
