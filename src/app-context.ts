import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { InstallationKeys } from './keys/service.ts';
import { MasterKeyBox } from './keys/master-key-box.ts';

/** What every service needs, built once at start-up and passed explicitly. */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly keys: InstallationKeys;
  readonly box: MasterKeyBox;
}
