/**
 * What the terminal does with the server, the cache and the queue: hand an entitlement
 * over (online, or into the queue when the network is gone), sync the queue, and
 * refresh the point's package. The screens call these; these call no React.
 */
import { ApiError } from '../api/client.ts';
import { compareQuantity, isZeroMoney, priceOf, subtractQuantity } from './decimal.ts';
import { fetchPackage, postRedemption, postSync, signRecord } from './terminal-api.ts';
import { forgetOfflineData, readQueue as readQueueRows, wipeDevice, type DeviceIdentity } from './terminal-store.ts';
import { revokedDeviceStep } from './revoked-device.ts';
import type { Bilingual } from './bilingual.ts';
import { nextBatch, settleBatch, type QueuedRecord, type SeenConflict } from './redemption-queue.ts';
import type { Due, PaymentMethod, Receipt, RedemptionRecord } from './terminal-types.ts';
import type { Journal, TerminalVault } from './terminal-vault.ts';

/** A receipt on screen: the server's, or the device's own for a pickup waiting in the queue. */
export type ShownReceipt = Omit<Receipt, 'receiptNo'> & {
  /** None yet for a pickup waiting in the queue. */
  receiptNo: number | undefined;
  queued: boolean;
};

export type RedeemOutcome =
  /** `sessionEnded`: the server no longer knew the agent's session, so the record was queued. */
  | { kind: 'receipt'; receipt: ShownReceipt; sessionEnded?: boolean }
  | { kind: 'already'; redeemedAt?: string; pointCode?: string; terminalLabel?: string };

export interface HandOver {
  due: Due;
  /** The card scanned or typed, normalised; "" for a person found without their card. */
  cardNumber: string;
  /** The token of a person found without their card (POST /api/terminal/identify). */
  identificationToken?: string;
  quantity: string;
  method: PaymentMethod;
  reference?: string;
  agent: { id: string; name: string };
  pointName: string;
  terminalLabel: string;
}

/** The network is gone (or the server could not answer): the record is kept for the sync, same id. */
const isUnreachable = (error: unknown) => error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);

export function recordOf(handOver: HandOver, device: DeviceIdentity, id: string, now: Date): RedemptionRecord {
  const { due } = handOver;
  const amount = priceOf(handOver.quantity, due.pricePerUnit);
  const method: PaymentMethod = isZeroMoney(amount) ? 'none' : handOver.method;
  return {
    id,
    terminalId: device.terminalId,
    agentId: handOver.agent.id,
    cycleId: due.cycleId,
    subject: due.subject,
    cardNumber: handOver.cardNumber,
    ...(handOver.identificationToken ? { identificationToken: handOver.identificationToken } : {}),
    quantity: handOver.quantity,
    payment: { method, amount, currency: due.currency, ...(method === 'mobile' && handOver.reference ? { reference: handOver.reference } : {}) },
    redeemedAt: now.toISOString(),
  };
}

function queuedReceipt(record: RedemptionRecord, handOver: HandOver, device: DeviceIdentity): ShownReceipt {
  const remaining = handOver.due.remaining;
  return {
    redemptionId: record.id,
    receiptNo: undefined,
    program: { code: handOver.due.program.code, name: handOver.due.program.name },
    period: handOver.due.period,
    quantity: record.quantity,
    remaining: subtractOrZero(remaining, record.quantity),
    amount: record.payment.amount,
    currency: record.payment.currency,
    paymentMethod: record.payment.method,
    ...(record.payment.reference ? { paymentReference: record.payment.reference } : {}),
    pointCode: device.point.code,
    pointName: handOver.pointName,
    terminalLabel: handOver.terminalLabel,
    redeemedAt: record.redeemedAt,
    recordedAt: record.redeemedAt,
    agentName: handOver.agent.name,
    offline: true,
    smsQueued: false,
    replayed: false,
    queued: true,
  };
}

const subtractOrZero = (a: string, b: string) => (compareQuantity(a, b) <= 0 ? '0' : subtractQuantity(a, b));

/**
 * Hands an entitlement over. Online first (when `online`): the server's receipt, or
 * "already redeemed" with when and where. With no network, or when the request does
 * not come back, the signed record goes into the queue with the same id — a retry of
 * a request that did arrive is the same redemption — and the receipt says so. Resolves
 * only once the pickup is durable (server or IndexedDB); never before.
 */
export async function handOver(handOver: HandOver, device: DeviceIdentity, vault: TerminalVault, online: boolean): Promise<RedeemOutcome> {
  const record = recordOf(handOver, device, crypto.randomUUID(), new Date());
  const signature = await signRecord(device.privateKey, record);
  let sessionEnded = false;
  if (online) {
    try {
      const receipt = await postRedemption(device, { record, signature });
      await vault.noteSettledSpend({ id: record.id, cycleId: record.cycleId, subject: record.subject, quantity: record.quantity, settledAt: new Date().toISOString() });
      return { kind: 'receipt', receipt: { ...receipt, queued: false } };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ALREADY_REDEEMED') {
        const details = (error.details ?? {}) as { redeemedAt?: string; pointCode?: string; terminalLabel?: string };
        return { kind: 'already', ...details };
      }
      // A session that ended is no reason to send the person away: the signed record waits for the next sign-in.
      sessionEnded = error instanceof ApiError && error.code === 'UNAUTHENTICATED';
      if (!isUnreachable(error) && !sessionEnded) throw error;
    }
  }
  await vault.enqueue({ record, signature, queuedAt: new Date().toISOString() });
  return { kind: 'receipt', receipt: queuedReceipt(record, handOver, device), ...(sessionEnded ? { sessionEnded } : {}) };
}

export interface SyncReport {
  sent: number;
  settled: number;
  refused: number;
  conflicts: SeenConflict[];
}

/**
 * Sends the queue in batches until nothing sendable is left (or a batch makes no
 * progress). Throws the first failure of a request (network, session, revocation);
 * what was settled before stays settled.
 */
export async function syncQueue(device: DeviceIdentity, vault: TerminalVault, journal: Journal): Promise<{ report: SyncReport; journal: Journal }> {
  const report: SyncReport = { sent: 0, settled: 0, refused: 0, conflicts: [] };
  const programNames = new Map<string, Bilingual>();
  const pkg = await vault.readPackage().catch(() => undefined);
  for (const cycle of pkg?.cycles ?? []) programNames.set(cycle.cycleId, cycle.program.name);
  for (;;) {
    const batch = nextBatch(await vault.readQueue());
    if (batch.length === 0) break;
    const { results } = await postSync(
      device,
      batch.map(({ record, signature }) => ({ record, signature })),
    );
    const outcome = settleBatch(batch, results, new Date(), programNames);
    await vault.settle(outcome.settled, outcome.refused, new Date().toISOString());
    report.sent += batch.length;
    report.settled += outcome.settled.length;
    report.refused += outcome.refused.length;
    report.conflicts.push(...outcome.conflicts);
    if (outcome.settled.length + outcome.refused.length === 0) break; // the server answered nothing usable: try later
  }
  const next: Journal = { ...journal, lastSyncAt: new Date().toISOString(), conflicts: [...report.conflicts, ...journal.conflicts].slice(0, 50) };
  await vault.writeJournal(next);
  return { report, journal: next };
}

/** Downloads the point's package (asked for now, by this device's clock) and seals it. */
export async function refreshPackage(device: DeviceIdentity, vault: TerminalVault, journal: Journal): Promise<Journal> {
  const fetchedAt = new Date().toISOString();
  const pkg = await fetchPackage(device);
  await vault.storePackage({ ...pkg, fetchedAt });
  const next = { ...journal, lastPackageAt: fetchedAt };
  await vault.writeJournal(next);
  return next;
}

export type RevokedOutcome =
  /** The server has every record (or there was none): the device holds nothing any more. */
  | { kind: 'wiped'; sent: number }
  /** Records wait, sealed, for an agent's online sign-in; the point's data is gone. */
  | { kind: 'waiting'; waiting: number }
  /** The server answered every record but refused these (with why): kept until the agent erases the device. */
  | { kind: 'refused'; refused: QueuedRecord[] };

/**
 * A revoked device (403 TERMINAL_REVOKED, or its mark found at sign-in): the point's
 * package and pickups leave at once; then, when an agent's session is live, the queue
 * is sent through the sync (the one route a revoked terminal may still call), refused
 * records included, once. Everything is deleted only when nothing the server has not
 * answered is left; otherwise the queue stays sealed, with the keys that open and sign
 * it. A failed send is no error here: the records stay. Without an unlocked vault the
 * sealed queue can only be counted.
 */
export async function settleRevokedDevice(device: DeviceIdentity, unlocked: { vault: TerminalVault; journal: Journal } | undefined, sessionLive: boolean): Promise<RevokedOutcome> {
  if (!unlocked) {
    const waiting = (await readQueueRows()).length;
    if (waiting === 0) {
      await wipeDevice();
      return { kind: 'wiped', sent: 0 };
    }
    await forgetOfflineData(new Date());
    return { kind: 'waiting', waiting };
  }
  const { vault, journal } = unlocked;
  await forgetOfflineData(new Date());
  let sent = 0;
  let step = revokedDeviceStep(await vault.readQueue(), { sessionLive, sent: false });
  if (step.kind === 'send') {
    await vault.retryRefused();
    try {
      sent = (await syncQueue(device, vault, journal)).report.settled;
    } catch {
      // The network or the session went: what was not answered stays in the queue.
    }
    step = revokedDeviceStep(await vault.readQueue(), { sessionLive, sent: true });
  }
  switch (step.kind) {
    case 'wipe':
      await wipeDevice();
      return { kind: 'wiped', sent };
    case 'waitForSignIn':
      return { kind: 'waiting', waiting: step.waiting };
    case 'keepRefused':
      return { kind: 'refused', refused: step.refused };
    case 'send':
      throw new Error('the queue was sent already');
  }
}
