import { useEffect, useState } from 'react';
import { readDevice } from './terminal-store.ts';

/** Whether this browser is an enrolled terminal: undefined while IndexedDB answers. Never throws. */
export function useEnrolledDevice(): boolean | undefined {
  const [enrolled, setEnrolled] = useState<boolean>();
  useEffect(() => {
    let live = true;
    readDevice('identity').then(
      (device) => live && setEnrolled(device !== undefined),
      () => live && setEnrolled(false),
    );
    return () => {
      live = false;
    };
  }, []);
  return enrolled;
}
