import type { AppContext } from './app-context.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database, type Db } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { MasterKeyBox } from './keys/master-key-box.ts';
import { InstallationKeys } from './keys/service.ts';

export interface Opened {
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
}

/** Opens the configured database, applies pending migrations and builds the context. */
export async function openContext(config: Config, options: { migrate?: boolean; dataDirForPGlite?: string | null } = {}): Promise<Opened> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    // null: an in-memory PGlite (tests); undefined: the configured data folder.
    dataDir: options.dataDirForPGlite === null ? undefined : (options.dataDirForPGlite ?? config.dataDir),
  });
  if (options.migrate !== false) await migrate(database);
  return { ctx: contextFor(config, database.db), database, close: () => database.close() };
}

export function contextFor(config: Config, db: Db): AppContext {
  return { config, db, keys: new InstallationKeys(db, config.masterKey), box: new MasterKeyBox(config.masterKey) };
}
