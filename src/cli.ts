import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { makeCheckpoint } from './audit/checkpoints.ts';
import { verifyAuditLog } from './audit/verify-chain.ts';
import { openContext } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DataDirBusyError } from './db/data-dir-lock.ts';
import { migrate } from './db/migrate.ts';
import { DEMO_OFFICIALS, DEMO_PASSWORD } from './demo/demo-officials.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { countPersons } from './registry/store.ts';

const DEMO_HOUSEHOLDS = 1000;
const DEMO_DUPLICATES = 25;
import { loadRegions } from './regions/load-regions.ts';
import { registerAttributeCommands } from './registry/catalogue/cli-commands.ts';
import { registerRegistryCommands } from './registry/cli-commands.ts';
import { registerCredentialCommands } from './credentials/cli-commands.ts';
import { registerCycleCommands } from './cycles/cli-commands.ts';
import { startServer } from './server.ts';
import { DomainError } from './shared/domain-error.ts';

const program = new Command('amparo')
  .description('Identity cards and social protection that cannot quietly become a tool of control.')
  .addOption(new Option('--data-dir <dir>', 'folder of the embedded database and local keys').env('AMPARO_DATA_DIR').default('./data'))
  .addOption(new Option('--database-url <url>', 'PostgreSQL instead of the embedded database').env('DATABASE_URL'))
  .showHelpAfterError();

/** CLI flags win over the environment; the result is validated once, like the server's. */
function configFrom(command: Command, extra: Record<string, string | undefined> = {}): Config {
  const g = command.optsWithGlobals<{ dataDir: string; databaseUrl?: string }>();
  return loadConfig({
    ...process.env,
    AMPARO_DATA_DIR: g.dataDir,
    ...(g.databaseUrl ? { DATABASE_URL: g.databaseUrl } : {}),
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
  });
}

async function withContext<T>(
  command: Command,
  run: (opened: Awaited<ReturnType<typeof openContext>>) => Promise<T>,
  extra: Record<string, string | undefined> = {},
  options: { migrate?: boolean } = {},
) {
  const opened = await openContext(configFrom(command, extra), options);
  try {
    return await run(opened);
  } finally {
    await opened.close();
  }
}

program
  .command('start')
  .description('migrate, then serve the API and the web app')
  .option('--demo', 'demo mode: seed the synthetic population and demo accounts on first start')
  .addOption(new Option('--port <port>', 'HTTP port').env('PORT'))
  .addOption(new Option('--host <host>', 'address to listen on').env('HOST'))
  .action(async (opts: { demo?: boolean; port?: string; host?: string }, command: Command) => {
    const config = configFrom(command, { PORT: opts.port, HOST: opts.host, ...(opts.demo ? { AMPARO_MODE: 'demo' } : {}) });
    if (config.demo) {
      // The first start of a demo seeds a small country; later starts keep what is there.
      await withContext(command, async ({ ctx }) => {
        const empty = (await countPersons(ctx.db)) === 0;
        const r = await seedDemo(ctx, empty ? { households: DEMO_HOUSEHOLDS, duplicates: DEMO_DUPLICATES, onProgress: progressLine } : {});
        if (r.population) console.log(`seeded ${r.population.households} synthetic households (${r.population.persons} persons, ${r.population.duplicatePairs} possible duplicates to review, ${r.cards} cards issued)`);
      }, { AMPARO_MODE: 'demo' });
    }
    const server = await startServer(config);
    const lines = [`amparo is running at ${server.url}  (API docs: ${server.url}/docs)`];
    lines.push(`database: ${config.databaseUrl ? 'PostgreSQL' : `embedded, in ${config.dataDir}`}`);
    if (server.admin) {
      lines.push(`administrator: admin / ${server.admin.generated ? `${server.admin.password}   <- printed once, keep it` : '(AMPARO_ADMIN_PASSWORD)'}`);
    }
    if (config.demo) {
      lines.push(`demo accounts (password ${DEMO_PASSWORD}; demo mode lets them skip the second factor):`);
      for (const o of DEMO_OFFICIALS) lines.push(`  ${o.username.padEnd(10)} ${o.role}`);
    }
    console.log(lines.join('\n'));
    const stop = async () => {
      await server.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async (_o, command: Command) => {
    await withContext(command, async ({ database }) => {
      const result = await migrate(database);
      console.log(result.applied.length ? `applied ${result.applied.join(', ')}` : `up to date (${result.alreadyApplied} migrations)`);
    }, {}, { migrate: false });
  });

program
  .command('seed')
  .description('seed the synthetic country: regions, one demo account per role, the default catalogue and a population (demo mode)')
  .option('--households <n>', 'synthetic households to add', '2000')
  .option('--duplicates <k>', 'planted duplicates with the typos registrars make', '40')
  .option('--seed <text>', 'the same seed gives the same population', 'amparo-demo')
  .action(async (opts: { households: string; duplicates: string; seed: string }, command: Command) => {
    const households = Number(opts.households);
    const duplicates = Number(opts.duplicates);
    if (!Number.isInteger(households) || households < 0 || !Number.isInteger(duplicates) || duplicates < 0 || duplicates > households) {
      throw new DomainError('VALIDATION_FAILED', '--households and --duplicates are whole numbers, duplicates at most households');
    }
    await withContext(command, async ({ ctx }) => {
      const r = await seedDemo(ctx, { households, duplicates, seed: opts.seed, onProgress: progressLine });
      const p = r.population;
      console.log(
        `regions: ${r.regions}; new demo accounts: ${r.officials.join(', ') || 'none'}; ` +
          `population: ${p?.households ?? 0} households, ${p?.persons ?? 0} persons added (${p?.alreadyImported ?? 0} already there), ${p?.duplicatePairs ?? 0} possible duplicates in the review queue; ${r.cards} cards issued`,
      );
    }, { AMPARO_MODE: process.env.AMPARO_MODE === 'test' ? 'test' : 'demo' });
  });

function progressLine(p: { rows: number; households: number }) {
  if (process.stderr.isTTY) process.stderr.write(`\rseeding: ${p.households.toLocaleString('en')} households\u001b[K`);
}

const regions = program.command('regions').description('administrative divisions');
regions
  .command('load <file>')
  .description('load the country’s divisions from a CSV (code,name,level,parent_code)')
  .action(async (file: string, _o, command: Command) => {
    await withContext(command, async ({ ctx }) => console.log(`loaded ${await loadRegions(ctx.db, file)} regions`));
  });

const audit = program.command('audit').description('the hash-chained audit log');
audit
  .command('verify')
  .description('walk every chain and check every signed checkpoint; exits 1 naming the first bad entry')
  .option('--json', 'print the report as JSON')
  .action(async (opts: { json?: boolean }, command: Command) => {
    const report = await withContext(command, async ({ ctx }) => verifyAuditLog(ctx.db));
    if (opts.json) console.log(JSON.stringify(report));
    else if (report.ok) console.log(`audit log intact: ${report.entries} entries, ${report.checkpoints} checkpoints verified`);
    else {
      for (const p of report.problems) {
        console.error(`BAD ${p.entryId === null ? '' : `entry id ${p.entryId} `}(chain ${p.chain}, seq ${p.seq}): ${p.reason}`);
      }
    }
    process.exitCode = report.ok ? 0 : 1;
  });
audit
  .command('checkpoint')
  .description('sign and store a checkpoint of the chain heads now')
  .action(async (_o, command: Command) => {
    await withContext(command, async ({ ctx }) => {
      const cp = await makeCheckpoint(ctx.db, ctx.keys, ctx.config.issuer);
      console.log(`checkpoint ${cp.id} signed by ${cp.kid}: ${cp.payload}`);
    });
  });

registerAttributeCommands(program, withContext);
registerRegistryCommands(program, withContext);
registerCredentialCommands(program, withContext);
registerCycleCommands(program, withContext);

program
  .command('bench')
  .description('run the benchmarks (see bench/README.md)')
  .argument('[names...]', 'benchmarks to run, e.g. http.health')
  .option('--json', 'JSON lines instead of a table')
  .option('--quick', 'small sizes, under two minutes in all')
  .action((names: string[], opts: { json?: boolean; quick?: boolean }) => {
    const runner = fileURLToPath(new URL('../bench/run.ts', import.meta.url));
    const args = ['--import', 'tsx', runner, ...names, ...(opts.json ? ['--json'] : []), ...(opts.quick ? ['--quick'] : [])];
    process.exitCode = spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DomainError || error instanceof DataDirBusyError) {
    console.error(`amparo: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
