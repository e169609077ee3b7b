import type { ColumnType } from 'kysely';
import type { PaymentMethod } from '../redemption/tables.ts';

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;

/** Conflicts found by the sync and their resolutions (migration 20261202090000-create-distribution.sql). Append-only. */
export interface ConflictTables {
  redemption_conflict: RedemptionConflictTable;
  redemption_conflict_resolution: ConflictResolutionTable;
}

/**
 * Why an offline record is not a redemption. `terminal_revoked`: made before its
 * terminal's revocation and sent after it — a revoked device's key never again makes a
 * redemption count, but what it recorded is evidence for a supervisor.
 */
export const CONFLICT_REASONS = ['already_redeemed', 'exceeds_remaining', 'cycle_not_open', 'not_at_this_point', 'unknown_entitlement', 'terminal_revoked'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];
export const CONFLICT_DECISIONS = ['accepted_loss', 'recovered', 'refunded'] as const;
export type ConflictDecision = (typeof CONFLICT_DECISIONS)[number];

export interface RedemptionConflictTable {
  id: string;
  cycle_id: string;
  subject: string;
  reason: ConflictReason;
  quantity: string;
  point_code: string;
  terminal_id: string;
  agent_id: string | null;
  agent_name: string;
  card_number: string | null;
  redeemed_at: Date;
  recorded_at: DefaultedTime;
  currency: string;
  amount: string;
  payment_method: PaymentMethod;
  payment_reference: string | null;
  posting_id: string | null;
  conflicts_with: ColumnType<string[], string[] | undefined, string[]>;
  record: ColumnType<Record<string, unknown>, string, never>;
  request_hash: Buffer;
  device_signature: Buffer;
}

export interface ConflictResolutionTable {
  conflict_id: string;
  decision: ConflictDecision;
  note: string;
  reversal_id: string | null;
  decided_at: DefaultedTime;
  decided_by: string | null;
  decided_by_name: string;
}
