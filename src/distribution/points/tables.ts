import type { ColumnType } from 'kysely';

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;

/** Distribution points and their agents (migration 20261202090000-create-distribution.sql). */
export interface DistributionPointTables {
  distribution_point: DistributionPointTable;
  distribution_point_agent: DistributionPointAgentTable;
}

export const POINT_KINDS = ['food', 'pharmacy', 'fuel', 'bank_agent'] as const;
export type PointKind = (typeof POINT_KINDS)[number];
export const POINT_STATUSES = ['active', 'closed'] as const;
export type PointStatus = (typeof POINT_STATUSES)[number];

export interface DistributionPointTable {
  code: string;
  name: string;
  kind: PointKind;
  region_code: string;
  status: ColumnType<PointStatus, PointStatus | undefined, PointStatus>;
  created_at: DefaultedTime;
  created_by: string | null;
  created_by_name: string;
}

export interface DistributionPointAgentTable {
  point_code: string;
  official_id: string;
  assigned_at: DefaultedTime;
  assigned_by: string | null;
  assigned_by_name: string;
  ended_at: Date | null;
  ended_by: string | null;
  ended_by_name: string | null;
}
