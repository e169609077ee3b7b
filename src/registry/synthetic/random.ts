/**
 * A small seeded pseudo-random generator for synthetic data.
 *
 * The algorithm is sfc32 ("small fast chaotic", Chris Doty-Humphrey, public domain,
 * from PractRand): 128 bits of state, a period of at least 2^32 and, in practice,
 * about 2^127; it passes PractRand and BigCrush and needs only 32-bit integer
 * arithmetic, which JavaScript does exactly. It is NOT cryptographic: never use it
 * for keys, tokens or anything an attacker may predict.
 *
 * The seed (a string, or a number taken as its decimal text) is hashed with FNV-1a
 * over its UTF-8 bytes and expanded into the four state words with splitmix32, then
 * the first 12 outputs are discarded, as the author recommends. The same seed gives
 * the same sequence on every platform and every Node version: reproducibility of
 * a population is the whole point of this module.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(readonly seed: string) {
    let h = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(seed)) h = Math.imul(h ^ byte, 0x01000193);
    let s = h >>> 0;
    const splitmix32 = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix32();
    this.b = splitmix32();
    this.c = splitmix32();
    this.d = splitmix32();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  static from(seed: string | number): Random {
    return new Random(String(seed));
  }

  /**
   * An independent generator for one part of the work, derived from this one's seed
   * and the label only (not from how far this one has been drawn). Giving each
   * part its own stream means that changing how one part draws numbers does not
   * shift the numbers of another part.
   */
  fork(label: string): Random {
    return new Random(`${this.seed}\u0000${label}`);
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1) with 32 bits of resolution, enough for sampling. */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /**
   * An integer in [min, max], both included. The bias of scaling a 32-bit draw is
   * below 2^-20 for the ranges used here (at most a few thousand million).
   */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`int(${min}, ${max})`);
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability p (p ≤ 0 never, p ≥ 1 always). */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** One item of a short list of [item, weight] pairs; for long lists build a WeightedTable once. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
    let x = this.float() * total;
    for (const [item, w] of entries) {
      if (x < w) return item;
      x -= w;
    }
    return entries[entries.length - 1]![0];
  }

  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** A standard normal draw (Box–Muller; uses two floats, keeps no cache so the stream stays simple). */
  normal(): number {
    const u = 1 - this.float(); // (0, 1]: log(0) is never taken
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/**
 * A fixed list with weights, prepared once (cumulative sums) so that each pick is a
 * binary search: the name lists are picked from millions of times.
 */
export class WeightedTable<T> {
  private readonly items: T[];
  private readonly cumulative: Float64Array;

  constructor(entries: Iterable<readonly [T, number]>) {
    this.items = [];
    const sums: number[] = [];
    let total = 0;
    for (const [item, weight] of entries) {
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`bad weight ${weight}`);
      if (weight === 0) continue;
      total += weight;
      this.items.push(item);
      sums.push(total);
    }
    if (this.items.length === 0) throw new RangeError('a weighted table needs at least one positive weight');
    this.cumulative = Float64Array.from(sums);
  }

  get size(): number {
    return this.items.length;
  }

  get totalWeight(): number {
    return this.cumulative[this.cumulative.length - 1]!;
  }

  pick(random: Random): T {
    const x = random.float() * this.totalWeight;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
