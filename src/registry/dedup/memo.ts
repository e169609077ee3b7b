/**
 * A bounded cache in front of a pure function of one string. Names are few and
 * repeat endlessly (a registry of millions holds a few thousand given and family
 * names), so the matcher meets the same tokens and token pairs over and over; caching
 * them makes an import several times faster. The cache is emptied when it is full,
 * which keeps memory bounded without bookkeeping. The function must be pure: the
 * cache changes how fast it answers, never what.
 */
export function memoise<T>(fn: (key: string) => T, limit = 100_000): (key: string) => T {
  let cache = new Map<string, T>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    if (cache.size >= limit) cache = new Map();
    cache.set(key, value);
    return value;
  };
}

/** The same for a pure function of two strings, without building a key string for each call. */
export function memoisePair<T>(fn: (a: string, b: string) => T, limit = 100_000): (a: string, b: string) => T {
  let cache = new Map<string, Map<string, T>>();
  let size = 0;
  return (a: string, b: string) => {
    let row = cache.get(a);
    const hit = row?.get(b);
    if (hit !== undefined || row?.has(b)) return hit as T;
    const value = fn(a, b);
    if (size >= limit) {
      cache = new Map();
      size = 0;
      row = undefined;
    }
    if (!row) cache.set(a, (row = new Map()));
    row.set(b, value);
    size++;
    return value;
  };
}
