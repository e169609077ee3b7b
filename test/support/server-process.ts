import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_MASTER_KEY } from './app.ts';
import { AMPARO_BIN } from './cli.ts';
import type { Engine } from './databases.ts';
import { createDatabaseOn, freePort } from './postgres-server.ts';

/**
 * The real server as a child process, for large tests (browser, CLI): exactly what
 * `amparo start --demo` runs, on a free loopback port, with its own empty database.
 */
export interface ServerProcess {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** Everything the server printed so far, stdout and stderr interleaved. */
  stdout(): string;
  /** Asks the server to stop, waits for it, and removes its data. Idempotent. */
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

export interface ServerProcessOptions {
  engine: Engine;
  /** Extra environment, e.g. AMPARO_ADMIN_PASSWORD; wins over the defaults below. */
  env?: Record<string, string>;
}

const ROOT = new URL('../..', import.meta.url).pathname;
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const MAX_OUTPUT = 1_000_000;

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'amparo-server-'));
  const database = options.engine === 'postgres' ? await createPostgresDatabase() : undefined;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    AMPARO_MODE: 'demo',
    AMPARO_MASTER_KEY: TEST_MASTER_KEY,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  // The engine is chosen here, never inherited from the shell that runs the tests.
  delete env.DATABASE_URL;
  if (database) env.DATABASE_URL = database.url;

  let output = '';
  const child = spawn(process.execPath, [AMPARO_BIN, '--data-dir', dataDir, 'start', '--demo'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-MAX_OUTPUT);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A test process that dies must not leave a server holding the port and the data.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    })());

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stdout: () => output, stop, kill: (signal) => child.kill(signal) };
}

/** Resolves once GET /health answers 200; rejects, with the server's output, if it exits or takes too long. */
async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /health within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** A new database on the throwaway PostgreSQL of the test runner (AMPARO_TEST_PG_URL), and its removal. */
async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.AMPARO_TEST_PG_URL;
  if (!admin) throw new Error('AMPARO_TEST_PG_URL is not set: run the tests through `npm test`, which starts PostgreSQL');
  const url = await createDatabaseOn(admin, 'amparo_e2e');
  const name = new URL(url).pathname.slice(1);
  const drop = async () => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
  return { url, drop };
}
