import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { findOfficialByUsername } from '../auth/store.ts';
import type { WithContext } from './catalogue/cli-commands.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { RegistryActor } from './enrol-household.ts';
import { listCandidatePairs } from './list-candidate-pairs.ts';
import { importPersons, type ImportProgress } from './import/import-persons.ts';
import { PERSON_CSV_COLUMNS } from './import/csv-columns.ts';

const CLI_ACTOR: RegistryActor = { id: null, name: 'amparo cli', role: 'system', regionScopes: ['*'] };

async function actorFor(opened: Parameters<Parameters<WithContext>[1]>[0], username: string | undefined): Promise<RegistryActor> {
  if (!username) return CLI_ACTOR;
  const official = await findOfficialByUsername(opened.ctx.db, username);
  if (!official || official.role !== 'registrar') throw new DomainError('FORBIDDEN', `${username} is not a registrar`);
  return { id: official.id, name: official.username, role: official.role, regionScopes: official.region_scopes };
}

/** `amparo import persons FILE` and `amparo dedup candidates`. */
export function registerRegistryCommands(program: Command, withContext: WithContext) {
  const importCommand = program.command('import').description('import records from CSV files');
  importCommand
    .command('persons <file>')
    .description(`import persons (one row each; columns: ${Object.keys(PERSON_CSV_COLUMNS).join(', ')}, attr.<key>; see docs/registry-import.md)`)
    .option('--errors <file>', 'where to write the rejected rows (default FILE.errors.csv)')
    .option('--by <username>', 'the registrar the import is recorded under (default: the CLI itself, national scope)')
    .option('--batch <n>', 'households per transaction', '1000')
    .option('--no-dedup', 'skip the duplicate search (it can be run later with `amparo dedup candidates`)')
    .action(async (file: string, opts: { errors?: string; by?: string; batch: string; dedup: boolean }, command: Command) => {
      if (!existsSync(file)) throw new DomainError('NOT_FOUND', `no file ${file}`);
      const errorsPath = opts.errors ?? file.replace(/(\.csv)?$/i, '.errors.csv');
      // Opened at the first rejected row, so a clean import leaves no empty error file.
      let errors: ReturnType<typeof createWriteStream> | undefined;
      let header: string[] | undefined;
      const started = Date.now();
      const bar = progressBar();
      const result = await withContext(command, async (opened) =>
        importPersons(opened.ctx, createReadStream(file), {
          actor: await actorFor(opened, opts.by),
          batchSize: Number(opts.batch),
          dedup: opts.dedup,
          onProgress: (p) => bar.update(p, started),
          onRejected: (r) => {
            if (!errors || !header) {
              header = ['line', 'reason', ...Object.keys(r.row)];
              errors = createWriteStream(errorsPath);
              errors.write(stringify([header]));
            }
            errors.write(stringify([[r.line, r.reason, ...header.slice(2).map((k) => r.row[k] ?? '')]]));
          },
        }),
      );
      bar.done();
      if (errors) await new Promise((resolve) => errors!.end(resolve));
      console.log(
        `${result.rows} rows: ${result.households} households and ${result.persons} persons imported, ${result.alreadyImported} households already imported, ${result.rejectedRows} rows rejected${result.rejectedRows ? ` (see ${errorsPath})` : ''}, ${result.duplicatePairs} possible duplicates queued for review`,
      );
      process.exitCode = result.rejectedRows > 0 ? 2 : 0;
    });

  const dedup = program.command('dedup').description('duplicate records');
  dedup
    .command('candidates')
    .description('compare the whole registry and list the pairs that may be the same person, with scores')
    .option('--json', 'JSON lines: {"a","b","score","decision","reasons"}')
    .option('--queue', 'also put new pairs in the review queue')
    .action(async (opts: { json?: boolean; queue?: boolean }, command: Command) => {
      await withContext(command, async (opened) => {
        for await (const pair of listCandidatePairs(opened.ctx, { queue: opts.queue ?? false })) {
          if (opts.json) console.log(JSON.stringify(pair));
          else console.log(`${pair.score.toFixed(3)}  ${pair.decision.padEnd(6)}  ${pair.a}  ${pair.b}  ${pair.reasons.map((r) => r.code).join(', ')}`);
        }
      });
    });
}

/** One line on stderr, redrawn in place when it is a terminal. */
function progressBar() {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(p: ImportProgress, started: number) {
      const now = Date.now();
      if (!tty && now - last < 5000) return;
      last = now;
      const rate = Math.round(p.rows / Math.max(0.001, (now - started) / 1000));
      const line = `rows ${p.rows.toLocaleString('en')} · households ${p.households.toLocaleString('en')} · persons ${p.persons.toLocaleString('en')} · rejected ${p.rejectedRows} · ${rate.toLocaleString('en')} rows/s`;
      process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
