/**
 * The whole test suite: starts a throwaway PostgreSQL from the system's binaries,
 * makes a migrated PGlite image once, builds the web app for the browser tests, then
 * runs every `*.test.ts` with Node's test runner against both databases.
 *
 *   npm test                     everything
 *   npm test -- src/audit        only files under a path
 *
 * In CI (CI=true) a PostgreSQL or Chromium that cannot be found fails the run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startThrowawayPostgres } from '../test/support/postgres-server.ts';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const files = [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))]
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p.replace(/^\.\//, ''))))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
const work = mkdtempSync(join(tmpdir(), 'amparo-test-'));
env.AMPARO_TEST_PGLITE_TEMPLATE = join(work, 'pglite-template.tar');
env.AMPARO_TEST_OUTPUT = env.AMPARO_TEST_OUTPUT ?? join(root, 'test-output');

let postgres: Awaited<ReturnType<typeof startThrowawayPostgres>> | undefined;
if (!env.AMPARO_TEST_PG_URL) {
  try {
    postgres = await startThrowawayPostgres();
    env.AMPARO_TEST_PG_URL = postgres.adminUrl;
    console.log(`# throwaway PostgreSQL on port ${postgres.port} (${postgres.bindir})`);
  } catch (error) {
    console.error(`# PostgreSQL could not start: ${(error as Error).message}`);
    if (process.env.CI) process.exit(1);
  }
}

const cleanup = () => {
  postgres?.stop();
  rmSync(work, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

if (files.some((f) => f.startsWith('test/browser/'))) {
  const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
  if (build.status !== 0) {
    cleanup();
    process.exit(build.status ?? 1);
  }
}

// Make the PGlite image once, so each test file loads it instead of running initdb.
const warm = spawnSync(process.execPath, ['--import', 'tsx', '-e', "await (await import('./test/support/databases.ts')).pgliteTemplate()"], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (warm.status !== 0 || !existsSync(env.AMPARO_TEST_PGLITE_TEMPLATE)) console.warn('# could not cache the PGlite image; each file will make its own');

// TAP on the console as it runs; the failed tests, named, once more at the very end.
const failedTests = join(work, 'failed-tests.txt');
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000',
    '--test-reporter=tap', '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts/failed-tests-reporter.mjs')}`, `--test-reporter-destination=${failedTests}`,
    ...files,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
if (existsSync(failedTests)) process.stdout.write(readFileSync(failedTests, 'utf8'));
cleanup();
process.exit(result.status ?? 1);
