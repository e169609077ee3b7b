import { useCallback, useEffect, useState } from 'react';
import { getCatalogue } from '../api/catalogue.ts';
import type { CatalogueEntry } from '../api/contracts.ts';

let cached: Promise<CatalogueEntry[]> | undefined;

/** Asked once per page load and shared by the screens; `forgetCatalogue` after an approval changes it. */
export function loadCatalogue(): Promise<CatalogueEntry[]> {
  cached ??= getCatalogue().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

export function forgetCatalogue() {
  cached = undefined;
}

export interface CatalogueState {
  entries: CatalogueEntry[] | undefined;
  error: unknown;
  reload(): void;
}

/** The published entries; `active` keeps only those that may still be collected. */
export function useCatalogue(options: { active?: boolean } = {}): CatalogueState {
  const [entries, setEntries] = useState<CatalogueEntry[]>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    loadCatalogue().then(
      (all) => live && setEntries(options.active ? all.filter((e) => e.status === 'active') : all),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [attempt, options.active]);
  const reload = useCallback(() => {
    forgetCatalogue();
    setAttempt((n) => n + 1);
  }, []);
  return { entries, error, reload };
}

/** The entry's label in the language shown, else English, else its key. */
export const entryLabel = (entry: Pick<CatalogueEntry, 'key' | 'labels'>, language: string) =>
  entry.labels[language] ?? entry.labels.en ?? entry.key;

/** "living_alone" → "living alone": enum values have no labels of their own. */
export const enumValueText = (value: string) => value.replace(/_/g, ' ');
