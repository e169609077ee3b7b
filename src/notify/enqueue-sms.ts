import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { DomainError } from '../shared/domain-error.ts';
import { insertNotification } from './store.ts';

export interface SmsMessage {
  /** The phone number as the registry holds it. */
  to: string;
  /** What kind of message ('receipt'): lets a report count them without reading bodies. */
  template: string;
  /** At most 1,000 characters; never the person's name. */
  body: string;
  /** What the message reports, e.g. { type: 'redemption', id }. */
  about?: { type: string; id: string };
}

/**
 * Puts an SMS in the outbox. Runs inside the caller's transaction: the message is sent
 * if and only if what it reports committed (a rolled-back redemption sends nothing).
 * The sender (send-notifications.ts) delivers it later. Returns the notification id.
 */
export async function enqueueSms(tx: Db, message: SmsMessage): Promise<string> {
  if (!tx.isTransaction) throw new Error('enqueueSms runs inside the transaction of what it reports');
  const row = smsRow(message);
  await insertNotification(tx, row);
  return row.id;
}

/**
 * The outbox row of an SMS, checked as `enqueueSms` checks it, for a caller that
 * inserts it within a statement of its own (`notificationInsert`, a data-modifying CTE
 * beside what it reports; same transaction, same guarantee).
 */
export function smsRow(message: SmsMessage) {
  const body = message.body.trim();
  if (body.length === 0 || body.length > 1000) throw new DomainError('VALIDATION_FAILED', 'an SMS body has 1 to 1,000 characters');
  return {
    id: randomUUID(),
    channel: 'sms' as const,
    recipient: message.to,
    template: message.template,
    body,
    about_type: message.about?.type ?? null,
    about_id: message.about?.id ?? null,
  };
}
