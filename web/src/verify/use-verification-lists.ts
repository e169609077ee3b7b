import { useCallback, useEffect, useRef, useState } from 'react';
import type { InvalidReason } from '../../../src/credentials/codec/codec-error.ts';
import { ApiError } from '../api/client.ts';
import { downloadStatusList, downloadTrustList } from '../api/verification.ts';
import {
  AnchorChanged,
  checkLists,
  confirmsAnchor,
  readPin,
  readStoredLists,
  reasonOf,
  storeLists,
  storePin,
  type CheckedLists,
  type PinnedAnchor,
  type RawLists,
} from './verification-lists.ts';

/** Why the last refresh did not replace the lists in use. */
export type ListsProblem =
  | { kind: 'offline' }
  | { kind: 'unreachable'; status: number }
  | { kind: 'invalid'; reason: InvalidReason }
  | { kind: 'anchorChanged'; change: AnchorChanged };

export interface ListsState {
  lists: CheckedLists | undefined;
  /** Where the lists in use come from: this page's download, or what the browser kept. */
  source: 'none' | 'stored' | 'downloaded';
  refreshing: boolean;
  problem: ListsProblem | undefined;
  /** The browser would not keep the lists: they last for this page only. */
  notKept: boolean;
  pin: PinnedAnchor | undefined;
}

/** Never refresh more often than this on a timer, whatever the list's ttl says. */
const MIN_REFRESH_SECONDS = 60;

/** The lists kept in this browser, checked again (a changed pin or a damaged copy drops them). */
function fromStorage(): ListsState {
  let pin = readPin();
  const stored = readStoredLists();
  let lists: CheckedLists | undefined;
  if (stored) {
    try {
      lists = checkLists(stored, pin);
      pin ??= storePin(lists.anchor);
    } catch {
      lists = undefined;
    }
  }
  return { lists, source: lists ? 'stored' : 'none', refreshing: false, problem: undefined, notKept: false, pin };
}

function problemOf(error: unknown): ListsProblem {
  if (error instanceof AnchorChanged) return { kind: 'anchorChanged', change: error };
  if (error instanceof ApiError) return error.code === 'NETWORK' ? { kind: 'offline' } : { kind: 'unreachable', status: error.status };
  // A connection that drops while the body arrives rejects with a TypeError.
  if (error instanceof TypeError) return { kind: 'offline' };
  return { kind: 'invalid', reason: reasonOf(error) };
}

/**
 * The trust list and the status list for verifying cards in this browser: what was
 * kept from the last download at once, then a fresh download on load, on demand,
 * when the connection comes back, and every `ttl` of the status list while visible.
 * A failed download keeps the lists in use and says why.
 */
export function useVerificationLists() {
  const [state, setState] = useState<ListsState>(fromStorage);
  const pin = useRef<PinnedAnchor | undefined>(state.pin);
  const inFlight = useRef<Promise<void> | undefined>(undefined);

  const accept = useCallback((raw: RawLists, checked: CheckedLists) => {
    pin.current ??= storePin(checked.anchor);
    const kept = storeLists(raw);
    setState({ lists: checked, source: 'downloaded', refreshing: false, problem: undefined, notKept: !kept, pin: pin.current });
  }, []);

  const refresh = useCallback((): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    setState((s) => ({ ...s, refreshing: true }));
    const run = (async () => {
      try {
        const [document, statusToken] = await Promise.all([downloadTrustList(), downloadStatusList()]);
        const raw = { document, statusToken, downloadedAt: new Date().toISOString() };
        const checked = checkLists(raw, pin.current);
        accept({ ...raw, document: raw.document as RawLists['document'] }, checked);
      } catch (error) {
        setState((s) => ({ ...s, refreshing: false, problem: problemOf(error) }));
      } finally {
        inFlight.current = undefined;
      }
    })();
    inFlight.current = run;
    return run;
  }, [accept]);

  /**
   * An official confirms the new anchor by typing its key id or key, as the
   * installation published it. False, and nothing changes, when it does not match.
   */
  const trustOfferedAnchor = useCallback(
    (typed: string): boolean => {
      const problem = state.problem;
      if (problem?.kind !== 'anchorChanged' || !confirmsAnchor(typed, problem.change.offered)) return false;
      pin.current = storePin(problem.change.offered);
      try {
        accept(problem.change.raw, checkLists(problem.change.raw, pin.current));
      } catch (error) {
        setState((s) => ({ ...s, pin: pin.current, problem: problemOf(error) }));
      }
      return true;
    },
    [state.problem, accept],
  );

  useEffect(() => {
    void refresh();
    const onOnline = () => void refresh();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [refresh]);

  const ttl = Math.max(MIN_REFRESH_SECONDS, state.lists?.statusList.ttl ?? 0);
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (navigator.onLine && document.visibilityState === 'visible') void refresh();
    }, ttl * 1000);
    return () => window.clearInterval(timer);
  }, [ttl, refresh]);

  return { state, refresh, trustOfferedAnchor };
}
