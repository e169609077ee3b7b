import type { ColumnType, Generated } from 'kysely';

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;

/** The notification outbox (migration 20261202090000-create-distribution.sql). Append-only. */
export interface NotifyTables {
  notification: NotificationTable;
  notification_delivery: NotificationDeliveryTable;
}

export interface NotificationTable {
  id: string;
  seq: Generated<number>;
  channel: 'sms';
  /** Personal data: the phone number. */
  recipient: string;
  template: string;
  /** Personal data: the text (never the person's name). */
  body: string;
  about_type: string | null;
  about_id: string | null;
  created_at: DefaultedTime;
}

export interface NotificationDeliveryTable {
  notification_id: string;
  attempt: number;
  at: DefaultedTime;
  outcome: 'sent' | 'failed';
  provider: string;
  provider_ref: string | null;
  error: string | null;
}
