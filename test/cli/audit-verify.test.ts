import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { testEngines } from '../support/databases.ts';
import { createPostgresDatabase, runCli } from '../support/cli.ts';

/**
 * The tamper test of commitment 3: an intruder with full database rights switches
 * off the append-only guard and rewrites one audit row. `amparo audit verify` must
 * exit non-zero and name that entry.
 */
for (const engine of testEngines()) {
  describe(`amparo audit verify catches tampering (${engine})`, () => {
    let dataDir: string;
    let target: { args: string[]; env: Record<string, string> };
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'amparo-cli-'));
      target =
        engine === 'pglite'
          ? { args: ['--data-dir', dataDir], env: {} }
          : { args: ['--data-dir', dataDir], env: { DATABASE_URL: await createPostgresDatabase() } };
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));
    const cli = (...args: string[]) => runCli([...target.args, ...args], { AMPARO_MODE: 'demo', ...target.env });

    it('passes on an intact log and fails naming the altered entry', async () => {
      const seeded = await cli('seed');
      assert.equal(seeded.code, 0, seeded.stderr);
      const checkpoint = await cli('audit', 'checkpoint');
      assert.equal(checkpoint.code, 0, checkpoint.stderr);
      const clean = await cli('audit', 'verify');
      assert.equal(clean.code, 0, clean.stderr);
      assert.match(clean.stdout, /audit log intact: \d+ entries, 1 checkpoints verified/);

      const database = await openDatabase(engine === 'pglite' ? { dataDir } : { databaseUrl: target.env.DATABASE_URL });
      let victimId: number;
      try {
        const victim = await database.db.selectFrom('audit_entry').select('id').where('action', '=', 'official.created').orderBy('id').limit(1).executeTakeFirstOrThrow();
        victimId = victim.id;
        await database.db.connection().execute(async (conn) => {
          await sql`alter table audit_entry disable trigger audit_entry_append_only`.execute(conn);
          await sql`update audit_entry set detail = '{"username":"someone-else"}' where id = ${victimId}`.execute(conn);
          await sql`alter table audit_entry enable trigger audit_entry_append_only`.execute(conn);
        });
      } finally {
        await database.close();
      }

      const caught = await cli('audit', 'verify');
      assert.equal(caught.code, 1);
      assert.match(caught.stderr, new RegExp(`BAD entry id ${victimId} \\(chain \\d+, seq \\d+\\): its content does not match its hash`));
    });
  });
}
