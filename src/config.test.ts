import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const key = Buffer.alloc(32, 3).toString('base64');

describe('config', () => {
  it('has defaults and is frozen', () => {
    const c = loadConfig({ AMPARO_MASTER_KEY: key });
    assert.equal(c.port, 3000);
    assert.equal(c.mode, 'development');
    assert.equal(c.demo, false);
    assert.ok(Object.isFrozen(c));
  });

  it('names every invalid variable', () => {
    assert.throws(() => loadConfig({ AMPARO_MASTER_KEY: key, PORT: 'abc', DATABASE_URL: 'nope' }), (e: ConfigError) =>
      /PORT/.test(e.message) && /DATABASE_URL/.test(e.message));
    assert.throws(() => loadConfig({ AMPARO_MASTER_KEY: 'c2hvcnQ=' }), /32 bytes/);
    assert.throws(() => loadConfig({ AMPARO_MASTER_KEY: key, AMPARO_ADMIN_PASSWORD: 'short' }), /at least 12/);
  });

  it('needs a master key in production, and makes one (0600) elsewhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amparo-config-'));
    assert.throws(() => loadConfig({ AMPARO_MODE: 'production', AMPARO_DATA_DIR: dir }), /production needs AMPARO_MASTER_KEY/);
    const c = loadConfig({ AMPARO_DATA_DIR: dir });
    assert.equal(c.masterKey.length, 32);
    assert.equal(statSync(join(dir, 'master.key')).mode & 0o777, 0o600);
    assert.deepEqual(loadConfig({ AMPARO_DATA_DIR: dir }).masterKey, c.masterKey, 'the same key on the next start');
    assert.equal(Buffer.from(readFileSync(join(dir, 'master.key'), 'utf8').trim(), 'base64').length, 32);
  });

  it('allows secure cookies only off in non-production', () => {
    assert.equal(loadConfig({ AMPARO_MODE: 'production', AMPARO_MASTER_KEY: key }).secureCookies, true);
    assert.equal(loadConfig({ AMPARO_MODE: 'production', AMPARO_MASTER_KEY: key }).demo, false);
  });
});
