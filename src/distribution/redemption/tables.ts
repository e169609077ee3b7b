import type { ColumnType, Generated } from 'kysely';

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;

/**
 * Redemptions (migration 20261202090000-create-distribution.sql). Quantities are
 * numeric(16,3) and money numeric(16,2), read and written as decimal strings. Append-only.
 */
export interface RedemptionTables {
  redemption: RedemptionTable;
}

export type PaymentMethod = 'cash' | 'mobile' | 'none';

export interface RedemptionTable {
  id: string;
  receipt_no: Generated<number>;
  cycle_id: string;
  subject: string;
  pickup: number;
  quantity: string;
  remaining: string;
  point_code: string;
  terminal_id: string | null;
  agent_id: string | null;
  agent_name: string;
  card_number: string | null;
  identified_by: 'card' | 'official_search';
  redeemed_at: Date;
  recorded_at: DefaultedTime;
  offline: boolean;
  currency: string;
  price_per_unit: string;
  amount: string;
  payment_method: PaymentMethod;
  payment_reference: string | null;
  posting_id: string | null;
  request_hash: Buffer;
  device_signature: Buffer | null;
}
