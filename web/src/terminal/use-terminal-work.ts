import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { indexByCardKey, type LocalSpend, type StoredPackage } from './offline-due.ts';
import type { QueuedRecord } from './redemption-queue.ts';
import type { SyncReport } from './terminal-actions.ts';
import { refreshPackage, syncQueue } from './terminal-actions.ts';
import { fetchTerminalMe } from './terminal-api.ts';
import type { DeviceIdentity } from './terminal-store.ts';
import type { Journal, TerminalVault } from './terminal-vault.ts';

/** How often, while online and visible, the terminal syncs and refreshes its package. */
export const REFRESH_EVERY_MS = 3 * 60_000;

export interface TerminalWork {
  journal: Journal;
  queue: QueuedRecord[];
  /** Whether the queue has been read from the device yet (its length means nothing before). */
  loaded: boolean;
  pkg: StoredPackage | undefined;
  index: ReturnType<typeof indexByCardKey>;
  spends: LocalSpend[];
  online: boolean;
  syncing: boolean;
  lastReport: SyncReport | undefined;
  /** The last sync or refresh that failed, kept until one succeeds. */
  problem: unknown;
  /** Reads the queue, the package and the pickups again (after a hand-over). */
  reload(): Promise<void>;
  /** Sync the queue, then refresh the package and the terminal's details. */
  syncNow(): Promise<void>;
  retryRefused(): Promise<void>;
}

/**
 * The unlocked terminal's working state: what the vault holds, kept fresh by a sync
 * and a package download at start, when the network comes back, every few minutes,
 * and on demand. `onFatal` receives the failures that end the work here (revocation,
 * an ended session).
 */
export function useTerminalWork(device: DeviceIdentity, vault: TerminalVault, initial: Journal, sessionLive: boolean, onFatal: (error: ApiError) => void): TerminalWork {
  const [journal, setJournal] = useState(initial);
  const [queue, setQueue] = useState<QueuedRecord[]>([]);
  // False until the sealed queue has been read once: until then its length is unknown, not 0.
  const [loaded, setLoaded] = useState(false);
  const [pkg, setPkg] = useState<StoredPackage>();
  const [spends, setSpends] = useState<LocalSpend[]>([]);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [lastReport, setLastReport] = useState<SyncReport>();
  const [problem, setProblem] = useState<unknown>();
  const journalRef = useRef(initial);
  const running = useRef<Promise<void> | undefined>(undefined);
  const fatal = useRef(onFatal);
  fatal.current = onFatal;

  const reload = useCallback(async () => {
    const [q, p, s] = await Promise.all([vault.readQueue(), vault.readPackage(), vault.readSpends()]);
    setQueue(q);
    setPkg(p);
    setSpends(s);
    setLoaded(true);
  }, [vault]);

  const keepJournal = useCallback((next: Journal) => {
    journalRef.current = next;
    setJournal(next);
  }, []);

  const syncNow = useCallback((): Promise<void> => {
    if (running.current) return running.current;
    if (!sessionLive) return Promise.resolve();
    setSyncing(true);
    const run = (async () => {
      let revoked = false;
      try {
        const me = await fetchTerminalMe(device);
        let next: Journal = { ...journalRef.current, agent: { ...journalRef.current.agent, name: me.agent.name }, terminalLabel: me.terminal.label };
        const synced = await syncQueue(device, vault, next);
        setLastReport(synced.report);
        next = await refreshPackage(device, vault, synced.journal);
        keepJournal(next);
        setProblem(undefined);
        setOnline(true);
      } catch (error) {
        revoked = error instanceof ApiError && error.code === 'TERMINAL_REVOKED';
        if (error instanceof ApiError && (error.code === 'TERMINAL_REVOKED' || error.code === 'UNAUTHENTICATED')) fatal.current(error);
        if (error instanceof ApiError && error.code === 'NETWORK') setOnline(false);
        setProblem(error);
      } finally {
        // A revoked device is being wiped: reading it again would only open the database anew.
        if (!revoked) await reload().catch(() => undefined);
        setSyncing(false);
        running.current = undefined;
      }
    })();
    running.current = run;
    return run;
  }, [device, vault, sessionLive, reload, keepJournal]);

  const retryRefused = useCallback(async () => {
    await vault.retryRefused();
    await reload();
    await syncNow();
  }, [vault, reload, syncNow]);

  useEffect(() => {
    void reload().then(() => (navigator.onLine ? syncNow() : undefined));
    const onOnline = () => {
      setOnline(true);
      void syncNow();
    };
    const onOffline = () => setOnline(false);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    const timer = window.setInterval(() => {
      if (navigator.onLine && document.visibilityState === 'visible') void syncNow();
    }, REFRESH_EVERY_MS);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.clearInterval(timer);
    };
  }, [reload, syncNow]);

  const index = useMemo(() => indexByCardKey(pkg?.entitlements ?? []), [pkg]);

  return { journal, queue, loaded, pkg, index, spends, online, syncing, lastReport, problem, reload, syncNow, retryRefused };
}
