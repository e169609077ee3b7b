import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const NAME = /^\d{14}-[a-z0-9-]+\.sql$/;
// Any constant works; it only has to be the same for every amparo process.
const MIGRATION_LOCK = 4_242_001;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export function listMigrations(dir = MIGRATIONS_DIR) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      if (!NAME.test(file)) throw new Error(`migration ${file} is not named YYYYMMDDHHMMSS-verb-object.sql`);
      const text = readFileSync(join(dir, file), 'utf8');
      return { name: file, text, checksum: createHash('sha256').update(text).digest('hex') };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Applies the pending migrations, each in its own transaction, in name order.
 * Safe to call from several processes at once: a session advisory lock serialises
 * them. Refuses to run when an applied migration's text changed, because a
 * migration is frozen once it has run anywhere.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const migrations = listMigrations(dir);
  const applied: string[] = [];
  await database.runScript(
    `CREATE TABLE IF NOT EXISTS schema_migration (
       name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  await database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const done = new Map(
        (await conn.selectFrom('schema_migration').select(['name', 'checksum']).execute()).map((r) => [r.name, r.checksum]),
      );
      for (const m of migrations) {
        const checksum = done.get(m.name);
        if (checksum !== undefined) {
          if (checksum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
          continue;
        }
        await conn.transaction().execute(async (tx) => {
          await sql.raw(m.text).execute(tx);
          await tx.insertInto('schema_migration').values({ name: m.name, checksum: m.checksum }).execute();
        });
        applied.push(m.name);
      }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
  return { applied, alreadyApplied: migrations.length - applied.length };
}
