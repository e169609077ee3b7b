import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort } from '../support/postgres-server.ts';
import { AMPARO_BIN, runCli } from '../support/cli.ts';
import { TEST_MASTER_KEY } from '../support/app.ts';

describe('amparo CLI', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'amparo-cli-'));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('lists its commands', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const command of ['start', 'migrate', 'seed', 'audit', 'bench', '--data-dir']) assert.match(r.stdout, new RegExp(command));
    const audit = await runCli(['audit', '--help']);
    assert.match(audit.stdout, /verify/);
  });

  it('migrates once, then says it is up to date', async () => {
    const dir = tempDir();
    const first = await runCli(['--data-dir', dir, 'migrate']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /applied \d{14}-/);
    const second = await runCli(['migrate'], { AMPARO_DATA_DIR: dir });
    assert.match(second.stdout, /up to date/);
  });

  it('explains a bad configuration and exits 1', async () => {
    const r = await runCli(['migrate'], { PORT: 'x', AMPARO_MASTER_KEY: 'short' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /amparo: invalid configuration|32 bytes/);
  });

  it('starts in demo mode, prints the URL and accounts, and the admin password only once', async () => {
    const dir = tempDir();
    const first = await startAndStop(dir);
    assert.match(first, /amparo is running at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(first, /administrator: admin \/ \S+ {3}<- printed once/);
    assert.match(first, /auditor +auditor/);
    assert.match(first, /registrar +registrar/);
    const second = await startAndStop(dir);
    assert.doesNotMatch(second, /administrator: admin/);
  });
});

/** Starts `amparo start --demo`, checks /health over real HTTP, stops it with SIGTERM, returns its output. */
async function startAndStop(dataDir: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [AMPARO_BIN, '--data-dir', dataDir, 'start', '--demo'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', AMPARO_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'warn', DATABASE_URL: undefined, AMPARO_ADMIN_PASSWORD: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/amparo is running at/.test(output) && /analyst/.test(output)) return resolve();
        if (child.exitCode !== null) return reject(new Error(`exited early:\n${output}`));
        setTimeout(check, 100);
      };
      check();
    });
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    assert.deepEqual(await health.json(), { status: 'ok' });
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, output);
  return output;
}
