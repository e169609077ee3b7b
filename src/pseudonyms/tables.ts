import type { ColumnType } from 'kysely';

/** Migration 20261130000000-create-cycle.sql (persons' pseudonyms are in credentials/tables.ts). */
export interface PseudonymTables {
  household_pseudonym: HouseholdPseudonymTable;
}

export interface HouseholdPseudonymTable {
  sector: string;
  pseudonym: string;
  household_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}
