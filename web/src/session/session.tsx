import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchMe, logOut } from '../api/auth.ts';
import { ApiError, onSessionEnded } from '../api/client.ts';
import type { Me } from '../api/contracts.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'signed_out'; reason?: 'session_ended' | 'signed_out' }
  | { status: 'signed_in'; me: Me; demoSkippedSecondFactor: boolean };

interface SessionApi {
  state: SessionState;
  /** After the last login step: loads the official. Rejects when that fails. */
  completeSignIn(demoSkippedSecondFactor: boolean): Promise<void>;
  /** Rejects, still signed in, when the server could not end the session. */
  signOut(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

/** Who is signed in, asked of the server once on load: the cookie itself is unreadable here. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    fetchMe().then(
      (me) => live && setState(me ? { status: 'signed_in', me, demoSkippedSecondFactor: false } : { status: 'signed_out' }),
      (error: unknown) => live && setState({ status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => onSessionEnded(() => setState({ status: 'signed_out', reason: 'session_ended' })), []);

  const completeSignIn = useCallback(async (demoSkippedSecondFactor: boolean) => {
    const me = await fetchMe();
    if (!me) throw new Error('signed in, yet the server does not know the session');
    setState({ status: 'signed_in', me, demoSkippedSecondFactor });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logOut();
    } catch (error) {
      // The HttpOnly cookie can only be ended by the server: unless it already ended,
      // stay signed in and let the caller say that signing out failed.
      if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
    }
    setState({ status: 'signed_out', reason: 'signed_out' });
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const api = useMemo(() => ({ state, completeSignIn, signOut, retry }), [state, completeSignIn, signOut, retry]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}

/** The signed-in official; only for screens rendered inside the console. */
export function useOfficial(): Me {
  const { state } = useSession();
  if (state.status !== 'signed_in') throw new Error('useOfficial outside a signed-in console');
  return state.me;
}
