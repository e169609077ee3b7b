import type { Db } from '../db/database.ts';
import type { SmsProvider } from './sms-provider.ts';
import { insertDelivery, lastSeqBefore, pendingNotifications, trySenderLock } from './store.ts';

/** After this many failed attempts a message is left for an operator (its deliveries say why). */
export const MAX_ATTEMPTS = 5;
const BATCH = 100;
/** How long a transaction may stay open between taking a message's seq and committing it. */
const SETTLE_MS = 60_000;
/** Wait before retry n: 30 s, 1 min, 2 min, 4 min. */
const retryDelayMs = (failedAttempts: number) => 30_000 * 2 ** (failedAttempts - 1);

/** Where a sender's next run starts: every message at or below `afterSeq` is done. Kept by the sender loop. */
export interface SenderProgress {
  afterSeq: number;
}

export interface SendReport {
  sent: number;
  failed: number;
  /** False when another sender held the lock: this run did nothing. */
  ran: boolean;
}

/**
 * Sends pending notifications in seq order through the provider, recording every
 * attempt as a notification_delivery row. One sender at a time per database (an
 * advisory lock held for the batch); a message that succeeded is never sent again
 * (a unique index allows one 'sent' delivery). A crash between the provider's answer
 * and the commit can send a message twice: SMS delivery is at least once.
 */
export async function sendPendingNotifications(db: Db, provider: SmsProvider, now = () => new Date(), progress: SenderProgress = { afterSeq: 0 }): Promise<SendReport> {
  return db.transaction().execute(async (tx) => {
    if (!(await trySenderLock(tx))) return { sent: 0, failed: 0, ran: false };
    let sent = 0;
    let failed = 0;
    const pending = await pendingNotifications(tx, { afterSeq: progress.afterSeq, limit: BATCH, maxAttempts: MAX_ATTEMPTS });
    let firstOpen: number | undefined;
    for (const n of pending) {
      if (n.attempts > 0 && n.last_attempt_at && now().getTime() - n.last_attempt_at.getTime() < retryDelayMs(n.attempts)) {
        firstOpen ??= n.seq;
        continue;
      }
      const attempt = n.attempts + 1;
      try {
        const { providerRef } = await provider.send(n.recipient, n.body);
        await insertDelivery(tx, { notification_id: n.id, attempt, outcome: 'sent', provider: provider.name, provider_ref: providerRef, error: null });
        sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await insertDelivery(tx, { notification_id: n.id, attempt, outcome: 'failed', provider: provider.name, provider_ref: null, error: message.slice(0, 500) });
        failed++;
        if (attempt < MAX_ATTEMPTS) firstOpen ??= n.seq;
      }
    }
    // Everything before the first message still open is done (sent, or out of attempts):
    // the next run starts there — but never past the messages of the last minute, since a
    // seq is taken at insert and a transaction still open may commit a lower one later.
    if (pending.length) {
      const done = (firstOpen ?? pending.at(-1)!.seq + 1) - 1;
      progress.afterSeq = Math.max(progress.afterSeq, Math.min(done, await lastSeqBefore(tx, new Date(now().getTime() - SETTLE_MS))));
    }
    return { sent, failed, ran: true };
  });
}

/**
 * Runs the sender every `intervalMs` until stopped; a run never overlaps the one
 * before. Errors go to `onError` and the loop carries on.
 */
export function startNotificationSender(db: Db, provider: SmsProvider, options: { intervalMs: number; onError: (err: unknown) => void }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const progress: SenderProgress = { afterSeq: 0 };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = sendPendingNotifications(db, provider, () => new Date(), progress)
      .catch(options.onError)
      .finally(() => {
        busy = false;
      });
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
