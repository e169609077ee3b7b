/**
 * The terminal's encrypted memory, unlocked: the cache key (in memory only), and what
 * it seals in IndexedDB — the point's package, the device's own pickups, the queue of
 * signed records and the journal (last sync, conflicts seen). Every write that a
 * "done" on screen depends on resolves only once IndexedDB has committed it.
 */
import {
  addQueuedRecord,
  clearCache,
  readDevice,
  readQueue,
  readSpends,
  removeDevice,
  settleQueued,
  writeDevice,
  writeSpends,
  type QueueRow,
  type SpendRow,
  type StoredWrapping,
} from './terminal-store.ts';
import { spendsNotIn, withoutExpiredCycles, type LocalSpend, type StoredPackage } from './offline-due.ts';
import type { QueuedRecord, SeenConflict } from './redemption-queue.ts';
import { newCacheKey, open, seal, unwrapCacheKey, wrapCacheKey } from './vault-crypto.ts';


/** What the terminal remembers between sign-ins, sealed. */
export interface Journal {
  agent: { id: string; name: string; username: string };
  terminalLabel?: string;
  lastSyncAt?: string;
  lastPackageAt?: string;
  conflicts: SeenConflict[];
}

export type EstablishOutcome =
  | { kind: 'unlocked'; vault: TerminalVault }
  /** The device holds queued records sealed for another agent's key: they must sign in here first. */
  | { kind: 'blocked'; waiting: number };

const wrappingsOf = async (): Promise<StoredWrapping[]> => (await readDevice('wrappings')) ?? [];

export class TerminalVault {
  private constructor(
    private readonly key: CryptoKey,
    readonly agentId: string,
  ) {}

  /**
   * After an online sign-in (the server checked the password): the device's cache key
   * unwrapped with it, or — when this agent has no wrapping that opens — a new key for
   * a fresh cache, unless records sealed under the old key still wait to be sent.
   */
  static async establish(agent: { id: string; username: string }, password: string): Promise<EstablishOutcome> {
    const wrappings = await wrappingsOf();
    const mine = wrappings.find((w) => w.agentId === agent.id);
    if (mine) {
      const key = await unwrapCacheKey(mine, password);
      if (key) {
        if (mine.username !== agent.username) await writeDevice('wrappings', wrappings.map((w) => (w === mine ? { ...w, username: agent.username } : w)));
        return { kind: 'unlocked', vault: new TerminalVault(key, agent.id) };
      }
    }
    if (wrappings.length > 0) {
      const waiting = (await readQueue()).length;
      if (waiting > 0) return { kind: 'blocked', waiting };
    }
    // A new key, so a new cache: what the old key sealed cannot be read any more.
    await clearCache();
    const key = await newCacheKey();
    await writeDevice('wrappings', [{ ...(await wrapCacheKey(key, password, agent.id)), username: agent.username }]);
    return { kind: 'unlocked', vault: new TerminalVault(key, agent.id) };
  }

  /** Offline sign-in: the password opens this agent's wrapping, or nothing (undefined). */
  static async unlock(username: string, password: string): Promise<TerminalVault | undefined> {
    const mine = (await wrappingsOf()).find((w) => w.username === username);
    if (!mine) return undefined;
    const key = await unwrapCacheKey(mine, password);
    return key ? new TerminalVault(key, mine.agentId) : undefined;
  }

  /** Whether anyone has signed in on this device before (so that an offline sign-in can work). */
  static async hasWrappings(): Promise<boolean> {
    return (await wrappingsOf()).length > 0;
  }

  // --- package ---------------------------------------------------------------

  async readPackage(now = new Date()): Promise<StoredPackage | undefined> {
    const sealed = await readDevice('package');
    if (!sealed) return undefined;
    const pkg = await open<StoredPackage>(this.key, 'package', sealed);
    const live = withoutExpiredCycles(pkg, now);
    if (!live) await removeDevice(['package']); // the cycles are over: their entitlements leave the device
    return live;
  }

  /** Stores a package and forgets the pickups it already counts. */
  async storePackage(pkg: StoredPackage, now = new Date()): Promise<StoredPackage | undefined> {
    const live = withoutExpiredCycles(pkg, now);
    if (live) await writeDevice('package', await seal(this.key, 'package', live));
    else await removeDevice(['package']);
    const spends = await this.readSpends();
    const counted = new Set(spends.map((s) => s.id));
    for (const kept of spendsNotIn(spends, pkg.fetchedAt)) counted.delete(kept.id);
    if (counted.size) await writeSpends([], [...counted]);
    return live;
  }

  // --- pickups and the queue -------------------------------------------------

  async readSpends(): Promise<LocalSpend[]> {
    const rows = await readSpends();
    return Promise.all(rows.map((row) => open<LocalSpend>(this.key, `spend:${row.id}`, row.sealed)));
  }

  private async spendRow(spend: LocalSpend): Promise<SpendRow> {
    return { id: spend.id, sealed: await seal(this.key, `spend:${spend.id}`, spend) };
  }

  /** A pickup the server confirmed at once (online): kept until a newer package counts it. */
  async noteSettledSpend(spend: LocalSpend): Promise<void> {
    await writeSpends([await this.spendRow(spend)], []);
  }

  /** A signed record into the queue, with the pickup it makes; resolves once both are durable. */
  async enqueue(queued: QueuedRecord): Promise<void> {
    const { record } = queued;
    const row: QueueRow = { id: record.id, queuedAt: queued.queuedAt, sealed: await seal(this.key, `queue:${record.id}`, queued) };
    const spend = await this.spendRow({ id: record.id, cycleId: record.cycleId, subject: record.subject, quantity: record.quantity });
    await addQueuedRecord(row, spend);
  }

  async readQueue(): Promise<QueuedRecord[]> {
    const rows = await readQueue();
    return Promise.all(rows.map((row) => open<QueuedRecord>(this.key, `queue:${row.id}`, row.sealed)));
  }

  /** Settled records leave the queue (their pickups stay, settled now); refused ones are rewritten with the reason. */
  async settle(settledIds: string[], refused: QueuedRecord[], settledAt: string): Promise<void> {
    const spends = await this.readSpends();
    const settled = new Set(settledIds);
    const spendRows = await Promise.all(spends.filter((s) => settled.has(s.id)).map((s) => this.spendRow({ ...s, settledAt })));
    const rewrite = await Promise.all(refused.map(async (q) => ({ id: q.record.id, queuedAt: q.queuedAt, sealed: await seal(this.key, `queue:${q.record.id}`, q) })));
    await settleQueued(settledIds, rewrite, spendRows);
  }

  /** Refused records go back to the queue to be sent again (the agent asked). */
  async retryRefused(): Promise<void> {
    const refused = (await this.readQueue()).filter((q) => q.refused);
    await this.settle([], refused.map(({ refused: _, ...q }) => q), new Date().toISOString());
  }

  // --- journal ---------------------------------------------------------------

  async readJournal(): Promise<Journal | undefined> {
    const sealed = await readDevice('journal');
    return sealed ? open<Journal>(this.key, 'journal', sealed) : undefined;
  }

  async writeJournal(journal: Journal): Promise<void> {
    await writeDevice('journal', await seal(this.key, 'journal', journal));
  }
}
