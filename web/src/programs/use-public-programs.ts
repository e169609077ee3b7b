import { useEffect, useState } from 'react';
import type { PublicProgram, PublicProgramDetail } from '../api/contracts.ts';
import { getPublicProgram, getPublicPrograms } from '../api/programs.ts';

interface Loaded<T> {
  value: T | undefined;
  error: unknown;
}

/** Asks once per mount (and per key); an answer that arrives after leaving the page is dropped. */
function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T> & { key?: string }>({ value: undefined, error: undefined });
  useEffect(() => {
    const controller = new AbortController();
    setState({ value: undefined, error: undefined });
    load(controller.signal).then(
      (value) => setState({ value, error: undefined, key }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ value: undefined, error, key });
      },
    );
    return () => controller.abort();
    // `load` is rebuilt on every render; `key` says when it asks for something else.
  }, [key]);
  return state.key === key ? state : { value: undefined, error: undefined };
}

export function usePublicPrograms(): Loaded<PublicProgram[]> {
  return useLoaded((signal) => getPublicPrograms(signal), 'all');
}

export function usePublicProgram(code: string): Loaded<PublicProgramDetail> {
  return useLoaded((signal) => getPublicProgram(code, signal), code);
}
