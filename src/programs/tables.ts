import type { ColumnType } from 'kysely';
import type { BenefitKind, Frequency, ProgramSector, ProgramStatus, ProgramUnit } from './program-kinds.ts';
import type { StoredReference } from './compile-program-rules.ts';

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;

/**
 * The programs' tables (migration 20261129220000-create-program.sql). Money columns
 * are `numeric`: they are read and written as decimal strings ("12.50"), never as
 * JavaScript numbers. Dates (`valid_from`) are 'YYYY-MM-DD' text.
 */
export interface ProgramTables {
  program: ProgramTable;
  program_version: ProgramVersionTable;
  program_rule_version: ProgramRuleVersionTable;
}

export interface ProgramTable {
  id: string;
  code: string;
  name_es: string;
  name_en: string;
  description_es: string;
  description_en: string;
  sector: ProgramSector;
  unit: ProgramUnit;
  benefit_kind: BenefitKind;
  item_es: string;
  item_en: string;
  measure: string;
  currency: string;
  frequency: Frequency;
  distribution_points: ColumnType<string[], string[] | undefined, string[]>;
  /** True when an entitlement may be collected in several pickups (migration 20261202090000). */
  partial_pickups: ColumnType<boolean, boolean | undefined, boolean>;
  status: ProgramStatus;
  version: number;
  activated_at: Date | null;
  closed_at: Date | null;
  created_at: DefaultedTime;
  created_by: string | null;
  created_by_name: string;
  updated_at: DefaultedTime;
  updated_by: string | null;
  updated_by_name: string;
}

export interface ProgramVersionTable {
  program_id: string;
  version: number;
  data: Json<Record<string, unknown>>;
  reason: string;
  changed_by: string | null;
  changed_by_name: string;
  changed_at: DefaultedTime;
}

export interface ProgramRuleVersionTable {
  program_id: string;
  version: number;
  eligibility: string;
  quantity: string;
  /** numeric(14,2), as a decimal string. */
  price_per_unit: string;
  /** numeric(16,2), as a decimal string. */
  budget_per_cycle: string;
  /** numeric(14,2): what one unit of an in-kind benefit costs the budget; null for cash (migration 20261130000000). */
  cost_per_unit: ColumnType<string | null, string | null | undefined, never>;
  /** 'YYYY-MM-DD'. */
  valid_from: string;
  reason: string;
  rule_references: Json<StoredReference[]>;
  published_at: DefaultedTime;
  published_by: string | null;
  published_by_name: string;
}
