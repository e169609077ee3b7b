import type { ColumnType } from 'kysely';

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, never>;

/**
 * Cycles and entitlements (migration 20261130000000-create-cycle.sql). Money and
 * quantities are `numeric`, read and written as decimal strings; dates are YYYY-MM-DD.
 */
export interface CycleTables {
  cycle: CycleTable;
  entitlement: EntitlementTable;
}

export type CycleStatus = 'running' | 'over_budget' | 'open' | 'closed';

export interface CycleTable {
  id: string;
  program_id: string;
  period: string;
  rule_version: number;
  reference_date: string;
  valid_from: string;
  valid_until: string;
  price_per_unit: string;
  cost_per_unit: string | null;
  budget: string;
  status: CycleStatus;
  households_total: number;
  households_done: ColumnType<number, number | undefined, number>;
  cursor: string | null;
  subjects_evaluated: ColumnType<number, number | undefined, number>;
  eligible: ColumnType<number, number | undefined, number>;
  not_computed: ColumnType<number, number | undefined, number>;
  entitlements: number | null;
  total_quantity: string | null;
  total_cost: string | null;
  total_price: string | null;
  started_at: DefaultedTime;
  started_by: string | null;
  started_by_name: string;
  evaluated_at: Date | null;
  override_by: string | null;
  override_by_name: string | null;
  override_reason: string | null;
  override_at: Date | null;
  closed_at: Date | null;
  closed_by: string | null;
  closed_by_name: string | null;
  close_reason: string | null;
}

/** The values of the facts a decision read, by path ({"household.size": 4}); null: not recorded. */
export type RecordedFacts = Record<string, boolean | number | string | null>;

export interface EntitlementTable {
  cycle_id: string;
  subject: string;
  region_code: string;
  distribution_point: string | null;
  quantity: string;
  facts: Json<RecordedFacts>;
}
