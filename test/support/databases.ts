import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createDatabaseOn } from './postgres-server.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

export type Engine = 'pglite' | 'postgres';

/**
 * The engines every database test runs against. The runner (scripts/test.ts) starts a
 * throwaway PostgreSQL and sets AMPARO_TEST_PG_URL. In CI a missing server is an
 * error, never a skip.
 */
export function testEngines(): Engine[] {
  if (process.env.AMPARO_TEST_PG_URL) return ['pglite', 'postgres'];
  if (process.env.CI) throw new Error('CI needs PostgreSQL: run the tests through `npm test`, which starts one');
  console.warn('# AMPARO_TEST_PG_URL unset: PostgreSQL cases not run (use `npm test`)');
  return ['pglite'];
}

let template: Promise<Blob> | undefined;

/** A migrated PGlite image: made once (the runner caches it in a file), loaded by every test. */
export function pgliteTemplate(): Promise<Blob> {
  return (template ??= (async () => {
    const cached = process.env.AMPARO_TEST_PGLITE_TEMPLATE;
    if (cached && existsSync(cached)) return new Blob([readFileSync(cached)]);
    const database = await openDatabase({});
    await migrate(database);
    const image = await database.dumpImage!();
    await database.close();
    if (cached) writeFileSync(cached, Buffer.from(await image.arrayBuffer()));
    return image;
  })());
}

export type TestDatabase = Database & { url?: string };

/** A new, migrated, empty database on the engine; its own, so tests never share state. */
export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({ pgliteImage: await pgliteTemplate() });
    await migrate(database); // applies only what an older cached image lacks
    return database;
  }
  const admin = process.env.AMPARO_TEST_PG_URL;
  if (!admin) throw new Error('AMPARO_TEST_PG_URL is not set');
  const url = await createDatabaseOn(admin, 'amparo_test');
  // As many connections as the server's pool: a test may hold every audit chain and still write.
  const database = await openDatabase({ databaseUrl: url, poolSize: 20 });
  await migrate(database);
  return { ...database, url };
}
