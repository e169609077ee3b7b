import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freshDatabase, testEngines, type TestDatabase } from '../../test/support/databases.ts';
import { listMigrations, migrate } from './migrate.ts';

const MIGRATIONS = new URL('./migrations/', import.meta.url).pathname;

describe('migration files', () => {
  it('are named YYYYMMDDHHMMSS-verb-object.sql and comment every table', () => {
    for (const m of listMigrations()) {
      for (const [, table] of m.text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g)) {
        assert.match(m.text, new RegExp(`COMMENT ON TABLE ${table} IS`), `${m.name}: table ${table} has no COMMENT`);
      }
    }
  });
  it('use nothing that PostgreSQL 15 lacks', () => {
    for (const m of listMigrations()) assert.doesNotMatch(m.text, /uuidv7\(|MERGE .* RETURNING|pg_get_acl/i, m.name);
  });
});

for (const engine of testEngines()) {
  describe(`migrate (${engine})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await freshDatabase(engine);
    });
    after(() => database.close());

    it('is idempotent', async () => {
      const r = await migrate(database);
      assert.deepEqual(r.applied, []);
      assert.equal(r.alreadyApplied, readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).length);
    });

    it('refuses to run when an applied migration was edited', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'amparo-migrations-'));
      cpSync(MIGRATIONS, dir, { recursive: true });
      const first = readdirSync(dir).sort()[0]!;
      writeFileSync(join(dir, first), '-- edited\n', { flag: 'a' });
      await assert.rejects(migrate(database, dir), /was changed after it was applied/);
    });

    it('applies a new migration in a transaction, all or nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'amparo-migrations-'));
      cpSync(MIGRATIONS, dir, { recursive: true });
      writeFileSync(join(dir, '29991231000000-create-broken.sql'), 'CREATE TABLE half_done (a int);\nSELECT 1/0;\n');
      await assert.rejects(migrate(database, dir));
      const tables = await database.db.introspection.getTables();
      assert.ok(!tables.some((t) => t.name === 'half_done'));
    });
  });
}
