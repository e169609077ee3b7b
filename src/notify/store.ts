import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { NotificationDeliveryTable, NotificationTable } from './tables.ts';
import type { Insertable } from 'kysely';

/** Runs inside the caller's transaction: the message exists if and only if what it reports committed. */
export const insertNotification = (db: Db, row: Insertable<NotificationTable>) => db.insertInto('notification').values(row).execute();

/** The same INSERT as a data-modifying CTE of a bigger statement: inserts nothing when `onlyIf` is false. */
export const notificationInsert = (row: Insertable<NotificationTable> & { id: string }, onlyIf: RawBuilder<boolean>) =>
  sql`INSERT INTO notification (id, channel, recipient, template, body, about_type, about_id)
    SELECT ${row.id}::uuid, ${row.channel}, ${row.recipient}, ${row.template}, ${row.body}, ${row.about_type ?? null}, ${row.about_id ?? null} WHERE ${onlyIf}`;

export interface PendingNotification {
  id: string;
  seq: number;
  recipient: string;
  body: string;
  attempts: number;
  last_attempt_at: Date | null;
}

/**
 * Notifications after `afterSeq` with no successful delivery and fewer than
 * `maxAttempts` failed ones, oldest first (seq order), at most `limit`. Walks the seq
 * index from `afterSeq` and stops at `limit`: the sender passes the first seq still
 * pending, so the messages long sent are not read again.
 */
export async function pendingNotifications(db: Db, q: { afterSeq: number; limit: number; maxAttempts: number }): Promise<PendingNotification[]> {
  const { rows } = await sql<PendingNotification>`
    SELECT n.id, n.seq, n.recipient, n.body, a.attempts, a.last_attempt_at
    FROM notification n
    CROSS JOIN LATERAL (SELECT count(*)::int AS attempts, max(d.at) AS last_attempt_at, bool_or(d.outcome = 'sent') AS sent
                        FROM notification_delivery d WHERE d.notification_id = n.id) a
    WHERE n.seq > ${q.afterSeq} AND a.sent IS NOT TRUE AND a.attempts < ${q.maxAttempts}
    ORDER BY n.seq
    LIMIT ${q.limit}`.execute(db);
  return rows;
}

/** The newest seq of a message written before `cutoff` (walks the seq index back from the end). */
export async function lastSeqBefore(db: Db, cutoff: Date): Promise<number> {
  const row = await db.selectFrom('notification').select('seq').where('created_at', '<', cutoff).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.seq) : 0;
}

export const insertDelivery = (db: Db, row: Insertable<NotificationDeliveryTable>) => db.insertInto('notification_delivery').values(row).execute();

// Advisory lock class of the sender: one sender at a time per database, across processes.
const SENDER_LOCK_CLASS = 4_242_300;

/** True when this transaction now holds the sender's lock (released at commit or rollback). */
export async function trySenderLock(tx: Db): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${SENDER_LOCK_CLASS}, 0) AS ok`.execute(tx);
  return rows[0]?.ok === true;
}

export const notificationsAbout = (db: Db, aboutType: string, aboutId: string) =>
  db.selectFrom('notification').selectAll().where('about_type', '=', aboutType).where('about_id', '=', aboutId).orderBy('seq').execute();
