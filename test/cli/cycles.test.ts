import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { todayUtc } from '../../src/programs/program-definition.ts';
import { addDays } from '../../src/programs/rule-timeline.ts';
import { TEST_MASTER_KEY } from '../support/app.ts';
import { testEngines } from '../support/databases.ts';
import { AMPARO_BIN, createPostgresDatabase, runCli } from '../support/cli.ts';

const period = addDays(`${todayUtc().slice(0, 7)}-01`, 40).slice(0, 7);

/** `amparo cycle …` as an operator runs it, including a run killed half-way and resumed. */
for (const engine of testEngines()) {
  describe(`amparo cycle (${engine})`, () => {
    let dataDir: string;
    let env: Record<string, string>;
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'amparo-cycles-'));
      env = { AMPARO_MODE: 'test', ...(engine === 'pglite' ? {} : { DATABASE_URL: await createPostgresDatabase() }) };
      const seeded = await cli('seed', '--households', '150', '--duplicates', '0');
      assert.equal(seeded.code, 0, seeded.stderr);
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);

    it('previews, survives a kill -9 half-way through a run, resumes, and creates nothing on a second run', async () => {
      const preview = await cli('cycle', 'preview', 'food-box', '--period', period);
      assert.equal(preview.code, 0, preview.stderr);
      const entitlements = Number(/entitlements (\d+)/.exec(preview.stdout)![1]);
      assert.ok(entitlements > 0, preview.stdout);

      // One household per transaction, killed as soon as it reports progress.
      const killed = await new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [AMPARO_BIN, '--data-dir', dataDir, 'cycle', 'run', 'food-box', '--period', period, '--batch', '1'], {
          env: { ...process.env, AMPARO_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'warn', DATABASE_URL: undefined, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
          if (/\d+ \/ \d+ households/.test(stderr)) child.kill('SIGKILL');
        });
        child.on('error', reject);
        child.on('close', (_code, signal) => resolve({ signal, stderr }));
      });
      assert.equal(killed.signal, 'SIGKILL', killed.stderr);

      const halfway = await cli('cycle', 'show', 'food-box', '--period', period);
      assert.equal(halfway.code, 0, halfway.stderr);
      assert.match(halfway.stdout, /: running /, 'a killed run leaves the cycle running, to be resumed');

      const resumed = await cli('cycle', 'run', 'food-box', '--period', period);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, /^resumed; \d+ entitlements created/);
      assert.match(resumed.stdout, new RegExp(`: open .*\\n.*\\n  entitlements ${entitlements};`));

      const again = await cli('cycle', 'run', 'food-box', '--period', period);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /^already evaluated: nothing created/);
      assert.match(again.stdout, new RegExp(`entitlements ${entitlements};`));
    });

    it('refuses a period of the wrong shape and an unknown program, with a non-zero exit', async () => {
      const weekly = await cli('cycle', 'run', 'food-box', '--period', '2026-W50');
      assert.notEqual(weekly.code, 0);
      assert.match(weekly.stderr, /calendar month/);
      const unknown = await cli('cycle', 'preview', 'no-such-program', '--period', period);
      assert.notEqual(unknown.code, 0);
      assert.match(unknown.stderr, /not found/);
      const override = await cli('cycle', 'override-budget', 'food-box', '--period', period, '--by', 'nobody', '--reason', 'no hay motivo suficiente');
      assert.notEqual(override.code, 0);
      assert.match(override.stderr, /not an active program manager/);
    });
  });
}
