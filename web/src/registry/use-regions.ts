import { useEffect, useMemo, useState } from 'react';
import type { Region } from '../api/contracts.ts';
import { listRegions } from '../api/regions.ts';

/** The divisions change only with a new installation file: ask once per page load. */
let cached: Promise<Region[]> | undefined;

function loadRegions(): Promise<Region[]> {
  cached ??= listRegions().catch((error: unknown) => {
    cached = undefined; // the next screen tries again
    throw error;
  });
  return cached;
}

/** Mirrors `coversRegion` of src/auth/roles.ts: "*" is the whole country, a code covers the codes below it. */
export function coversRegion(scopes: readonly string[], code: string): boolean {
  return scopes.some((s) => s === '*' || code === s || code.startsWith(`${s}-`));
}

export interface Regions {
  /** Undefined while loading, or when the list could not be had (codes are shown instead). */
  list: Region[] | undefined;
  error: unknown;
  /** "La Esperanza, San Rafael": the parish and its municipality, since parish names repeat. */
  place(code: string): string;
  /** "La Esperanza · San Rafael · Andinia (AN-01-02)": for a choice among many. */
  fullName(code: string): string;
  /** The regions the scopes cover, in file order (a state, then its municipalities and parishes). */
  within(scopes: readonly string[], level?: Region['level']): Region[];
}

export function useRegions(): Regions {
  const [list, setList] = useState<Region[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    loadRegions().then(
      (regions) => live && setList(regions),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, []);

  return useMemo(() => {
    const byCode = new Map((list ?? []).map((r) => [r.code, r]));
    const chain = (code: string) => {
      const names: string[] = [];
      for (let r = byCode.get(code); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) names.push(r.name);
      return names;
    };
    return {
      list,
      error,
      place(code) {
        const names = chain(code);
        return names.length ? names.slice(0, 2).join(', ') : code;
      },
      fullName(code) {
        const names = chain(code);
        return names.length ? `${names.join(' · ')} (${code})` : code;
      },
      within(scopes, level) {
        return (list ?? []).filter((r) => coversRegion(scopes, r.code) && (!level || r.level === level));
      },
    };
  }, [list, error]);
}
