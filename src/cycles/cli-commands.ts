import type { Command } from 'commander';
import { findOfficialByUsername } from '../auth/store.ts';
import type { ProgramActor } from '../programs/program-definition.ts';
import type { WithContext } from '../registry/catalogue/cli-commands.ts';
import { DomainError } from '../shared/domain-error.ts';
import { changesSinceCycle } from './changes-since.ts';
import { closeCycle, overrideBudget } from './cycle-lifecycle.ts';
import { previewCycle, type CyclePreview } from './preview-cycle.ts';
import { readCycle } from './read-cycles.ts';
import { runCycle } from './run-cycle.ts';
import type { CycleView } from './views.ts';

/** The CLI acting without `--by`: the installation itself, over every program and region. */
const CLI_ACTOR: ProgramActor = { id: null, name: 'amparo cli', role: 'system', programScopes: ['*'], regionScopes: ['*'] };

type Opened = Parameters<Parameters<WithContext>[1]>[0];

async function actorFor(opened: Opened, username: string | undefined): Promise<ProgramActor> {
  if (!username) return CLI_ACTOR;
  const official = await findOfficialByUsername(opened.ctx.db, username);
  if (!official || official.role !== 'program_manager' || official.disabled_at) throw new DomainError('FORBIDDEN', `${username} is not an active program manager`);
  return { id: official.id, name: official.username, role: official.role, programScopes: official.program_scopes, regionScopes: official.region_scopes };
}

function describeCycle(c: CycleView): string {
  const lines = [`${c.program} ${c.period}: ${c.status} (rule version ${c.ruleVersion}, valid ${c.validFrom} to ${c.validUntil})`];
  const p = c.progress;
  lines.push(`  households ${p.householdsDone} of ${p.householdsTotal}; evaluated ${p.subjectsEvaluated}, eligible ${p.eligible}, quantity not computed ${p.notComputed}`);
  if (c.totals) {
    lines.push(`  entitlements ${c.totals.entitlements}; ${c.totals.totalQuantity} ${c.measure}; cost ${c.totals.totalCost} ${c.currency} of a budget of ${c.budget}; beneficiaries pay ${c.totals.totalPrice}`);
  }
  if (c.status === 'over_budget') lines.push('  over budget: nothing is handed out until a second program manager overrides it (amparo cycle override-budget) or it is closed');
  if (c.override) lines.push(`  budget overridden by ${c.override.by}: ${c.override.reason}`);
  if (c.closing) lines.push(`  closed by ${c.closing.by}: ${c.closing.reason}`);
  return lines.join('\n');
}

function describePreview(p: CyclePreview): string {
  return [
    `${p.program} ${p.period} (preview, nothing written): rule version ${p.ruleVersion}, valid ${p.validFrom} to ${p.validUntil}`,
    `  households ${p.households}; evaluated ${p.subjectsEvaluated}, eligible ${p.eligible}, quantity not computed ${p.notComputed}`,
    `  entitlements ${p.entitlements}; ${p.totalQuantity} ${p.measure}; cost ${p.totalCost} ${p.currency} of a budget of ${p.budget}${p.overBudget ? ' — OVER BUDGET' : ''}; beneficiaries pay ${p.totalPrice}`,
    ...p.byDistributionPoint.map((d) => `  ${d.distributionPoint ?? '(no distribution point)'}: ${d.entitlements} entitlements, ${d.quantity} ${p.measure}`),
  ].join('\n');
}

/** A progress line on stderr that rewrites itself on a terminal, and prints every tenth when piped. */
function progressPrinter() {
  let lastTenth = -1;
  return (done: number, total: number) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (process.stderr.isTTY) process.stderr.write(`\r  ${done} / ${total} households (${percent} %)`);
    else if (Math.floor(percent / 10) !== lastTenth) {
      lastTenth = Math.floor(percent / 10);
      process.stderr.write(`  ${done} / ${total} households (${percent} %)\n`);
    }
  };
}

/** `amparo cycle preview|run|show|override-budget|close|changes`. */
export function registerCycleCommands(program: Command, withContext: WithContext) {
  const cycle = program.command('cycle').description("run a program's cycle: evaluate its rule over the registry and write the entitlements");
  const periodOption = ['--period <period>', 'YYYY-MM (monthly, one-off) or YYYY-Www (weekly)'] as const;
  const byOption = ['--by <username>', 'the program manager it is recorded under (default: the CLI itself)'] as const;

  cycle
    .command('preview <program>')
    .description('counts, quantity and cost against the budget, with nothing written')
    .requiredOption(...periodOption)
    .option(...byOption)
    .action(async (code: string, opts: { period: string; by?: string }, command: Command) => {
      const preview = await withContext(command, async (opened) => previewCycle(opened.ctx, await actorFor(opened, opts.by), code, opts.period, { onProgress: progressPrinter() }));
      if (process.stderr.isTTY) process.stderr.write('\n');
      console.log(describePreview(preview));
    });

  cycle
    .command('run <program>')
    .description('evaluate and write the entitlements; interrupted (Ctrl-C, a crash), run it again to resume; run again after the end, it creates nothing')
    .requiredOption(...periodOption)
    .option(...byOption)
    .option('--batch <households>', 'households per transaction', (v) => Number.parseInt(v, 10))
    .action(async (code: string, opts: { period: string; by?: string; batch?: number }, command: Command) => {
      const stop = new AbortController();
      const onSignal = () => {
        process.stderr.write('\n  stopping after this batch…\n');
        stop.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const result = await withContext(command, async (opened) =>
          runCycle(opened.ctx, await actorFor(opened, opts.by), code, opts.period, { onProgress: progressPrinter(), signal: stop.signal, ...(opts.batch ? { batchSize: opts.batch } : {}) }),
        );
        if (process.stderr.isTTY) process.stderr.write('\n');
        if (result.alreadyRun) console.log('already evaluated: nothing created');
        else console.log(`${result.resumed ? 'resumed; ' : ''}${result.created} entitlements created${result.interrupted ? ' — interrupted: run the same command again to resume' : ''}`);
        console.log(describeCycle(result.cycle));
        if (result.interrupted) process.exitCode = 3;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });

  cycle
    .command('show <program>')
    .description('status, progress and totals of a cycle')
    .requiredOption(...periodOption)
    .action(async (code: string, opts: { period: string }, command: Command) => {
      const detail = await withContext(command, async (opened) => readCycle(opened.ctx, CLI_ACTOR, code, opts.period));
      console.log(describeCycle(detail));
      for (const d of detail.byDistributionPoint) console.log(`  ${d.distributionPoint ?? '(no distribution point)'}: ${d.entitlements} entitlements, ${d.quantity} ${detail.measure}`);
    });

  cycle
    .command('override-budget <program>')
    .description('let an over-budget cycle open: a program manager other than the one who ran it')
    .requiredOption(...periodOption)
    .requiredOption('--by <username>', 'the program manager who overrides (not the one who ran the cycle)')
    .requiredOption('--reason <text>', 'why the budget may be exceeded')
    .action(async (code: string, opts: { period: string; by: string; reason: string }, command: Command) => {
      const view = await withContext(command, async (opened) => overrideBudget(opened.ctx, await actorFor(opened, opts.by), code, opts.period, { reason: opts.reason }));
      console.log(describeCycle(view));
    });

  cycle
    .command('close <program>')
    .description('close a cycle: its entitlements are no longer handed out')
    .requiredOption(...periodOption)
    .requiredOption('--reason <text>', 'why')
    .option(...byOption)
    .action(async (code: string, opts: { period: string; reason: string; by?: string }, command: Command) => {
      const view = await withContext(command, async (opened) => closeCycle(opened.ctx, await actorFor(opened, opts.by), code, opts.period, { reason: opts.reason }));
      console.log(describeCycle(view));
    });

  cycle
    .command('changes <program>')
    .description('registry changes since the cycle started that bear on its decisions (for the next cycle), as JSON lines')
    .requiredOption(...periodOption)
    .option(...byOption)
    .action(async (code: string, opts: { period: string; by?: string }, command: Command) => {
      await withContext(command, async (opened) => {
        const actor = await actorFor(opened, opts.by);
        let after: string | undefined;
        do {
          const page = await changesSinceCycle(opened.ctx, actor, code, opts.period, { after, limit: 200 });
          for (const item of page.items) console.log(JSON.stringify(item));
          after = page.next ?? undefined;
        } while (after);
      });
    });
}
