import type { ColumnType, Generated } from 'kysely';

import type { CredentialTables } from '../credentials/tables.ts';
import type { CycleTables } from '../cycles/tables.ts';
import type { DistributionPointTables } from '../distribution/points/tables.ts';
import type { TerminalTables } from '../distribution/terminals/tables.ts';
import type { LedgerTables } from '../ledger/tables.ts';
import type { RedemptionTables } from '../distribution/redemption/tables.ts';
import type { SyncTables } from '../distribution/sync/tables.ts';
import type { ConflictTables } from '../distribution/conflicts/tables.ts';
import type { NotifyTables } from '../notify/tables.ts';
import type { ProgramTables } from '../programs/tables.ts';
import type { CatalogueTables } from '../registry/catalogue/tables.ts';
import type { RegistryTables } from '../registry/tables.ts';

/**
 * Kysely's view of the tables. The foundation's tables are here; each domain declares
 * its own in `src/<domain>/tables.ts` and is added to the `extends` list. A migration
 * that changes a table changes its declaration.
 */
export interface Schema extends CatalogueTables, RegistryTables, CredentialTables, ProgramTables, CycleTables, LedgerTables, DistributionPointTables, TerminalTables, RedemptionTables, SyncTables, ConflictTables, NotifyTables {
  schema_migration: SchemaMigrationTable;
  region: RegionTable;
  official: OfficialTable;
  session: SessionTable;
  installation_key: InstallationKeyTable;
  audit_entry: AuditEntryTable;
  audit_checkpoint: AuditCheckpointTable;
}

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;

export interface SchemaMigrationTable {
  name: string;
  checksum: string;
  applied_at: DefaultedTime;
}

export interface RegionTable {
  code: string;
  name: string;
  level: 'state' | 'municipality' | 'parish';
  parent_code: string | null;
}

export interface OfficialTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  region_scopes: ColumnType<string[], string[] | undefined, string[]>;
  program_scopes: ColumnType<string[], string[] | undefined, string[]>;
  password_hash: string;
  totp_secret_enc: Buffer | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | null;
  demo_skips_second_factor: ColumnType<boolean, boolean | undefined, boolean>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: DefaultedTime;
  created_by: string | null;
}

export interface SessionTable {
  token_hash: Buffer;
  official_id: string;
  second_factor_done: ColumnType<boolean, boolean | undefined, boolean>;
  csrf_token: string;
  created_at: DefaultedTime;
  last_seen_at: DefaultedTime;
  expires_at: Date;
  ended_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface InstallationKeyTable {
  kid: string;
  purpose: 'checkpoint' | 'trust-list' | 'issuer';
  algorithm: ColumnType<string, string | undefined, never>;
  public_key: Buffer;
  private_key_enc: Buffer;
  created_at: DefaultedTime;
  not_after: Date | null;
  retired_at: Date | null;
}

export interface AuditEntryTable {
  id: Generated<number>;
  chain: number;
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  role: string;
  purpose: string;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  subject_type: string | null;
  subject_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, never>;
  request_id: string | null;
  prev_hash: Buffer;
  hash: Buffer;
}

export interface AuditCheckpointTable {
  id: Generated<number>;
  at: Date;
  entry_count: number;
  payload: string;
  kid: string;
  signature: Buffer;
}
