import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type Db = Kysely<Schema>;

/** One handle on the database, whichever engine serves it. */
export interface Database {
  readonly db: Db;
  readonly engine: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script (migrations). */
  runScript(sql: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: a snapshot of the whole database, loadable with `pgliteImage`. */
  dumpImage?: () => Promise<Blob>;
}

const INT8 = 20;
const BYTEA = 17;
const DATE = 1082;
// A calendar date is not an instant: keep 'YYYY-MM-DD' text rather than a Date at
// local midnight, which shifts a birthday across time zones.
const keepText = (text: string) => text;
// PGlite hands bytea over as Uint8Array; node-postgres as Buffer. Both become Buffer.
const parseBytea = (text: string) => Buffer.from(text.slice(2), 'hex');
// int8 values in amparo are counters and sequence numbers; they stay far below 2^53.
const parseInt8 = (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 out of safe range: ${text}`);
  return n;
};

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; omitted means in memory (tests). */
  dataDir?: string | undefined;
  /** PGlite in memory, starting from this snapshot (tests start from a migrated one). */
  pgliteImage?: Blob | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 20);
  return openPGlite(options.dataDir, options.pgliteImage);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: any) =>
        oid === INT8 ? parseInt8 : oid === DATE ? keepText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // Fail at start, not at the first request, when the server cannot be reached.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    async runScript(sql) {
      const c = await pool.connect();
      try {
        await c.query(sql);
      } finally {
        c.release();
      }
    },
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string | undefined, image: Blob | undefined): Promise<Database> {
  let path: string | undefined;
  let unlock = () => {};
  if (dataDir) {
    path = join(dataDir, 'pg');
    mkdirSync(path, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    // Loaded only when used: its bundle costs about 50 MB of memory that a server on
    // PostgreSQL, or a cycle run there, has no use for.
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = await PGlite.create(path, { parsers: { [INT8]: parseInt8, [BYTEA]: parseBytea, [DATE]: keepText }, ...(image ? { loadDataDir: image } : {}) });
  } catch (e) {
    unlock();
    throw e;
  }
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    async runScript(sql) {
      // Through Kysely's lease so that a script never interleaves with a transaction.
      await db.connection().execute(async () => {
        await pglite.exec(sql);
      });
    },
    async close() {
      await db.destroy();
      unlock();
    },
    dumpImage: () => pglite.dumpDataDir('none'),
  };
}
