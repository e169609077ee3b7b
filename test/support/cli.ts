import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDatabaseOn } from './postgres-server.ts';
import { TEST_MASTER_KEY } from './app.ts';

export const AMPARO_BIN = fileURLToPath(new URL('../../bin/amparo.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `amparo ARGS` as a user would, in a child process. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AMPARO_BIN, ...args], {
      env: { ...process.env, AMPARO_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'warn', DATABASE_URL: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A new empty database on the throwaway PostgreSQL; its URL. */
export function createPostgresDatabase(prefix = 'amparo_cli'): Promise<string> {
  const admin = process.env.AMPARO_TEST_PG_URL;
  if (!admin) throw new Error('AMPARO_TEST_PG_URL is not set');
  return createDatabaseOn(admin, prefix);
}
