import type { ColumnType } from 'kysely';

/** Sync batches of terminals (migration 20261202090000-create-distribution.sql). Append-only. */
export interface SyncTables {
  terminal_sync: TerminalSyncTable;
}

export interface TerminalSyncTable {
  id: string;
  terminal_id: string;
  agent_id: string | null;
  received_at: ColumnType<Date, Date | undefined, Date>;
  records: number;
  recorded: number;
  duplicates: number;
  conflicts: number;
  body_hash: Buffer;
}
