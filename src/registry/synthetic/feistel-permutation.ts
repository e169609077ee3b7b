import type { Random } from './random.ts';

/**
 * A keyed bijection of the integers [0, size) onto themselves, for size ≤ 2^32.
 *
 * Why: identifiers (document numbers, phones, external ids) must be unique across a
 * population of millions while the generator keeps constant memory — no set of
 * numbers already handed out. Mapping a counter through a permutation gives unique,
 * random-looking numbers for free: counter n and counter m ≠ n never collide.
 *
 * How: a balanced four-round Feistel network over the smallest even number of bits
 * that covers `size` is a bijection of [0, 2^bits); "cycle walking" (apply it again
 * while the result is ≥ size) restricts it to a bijection of [0, size). Since
 * size > 2^(bits-2), a walk takes fewer than four steps on average.
 */
export class FeistelPermutation {
  private readonly halfBits: number;
  private readonly half: number;
  private readonly mask: number;
  // Four round keys as plain fields: this runs for every identifier of millions of persons.
  private readonly k0: number;
  private readonly k1: number;
  private readonly k2: number;
  private readonly k3: number;

  constructor(
    readonly size: number,
    random: Random,
  ) {
    if (!Number.isInteger(size) || size < 2 || size > 2 ** 32) throw new RangeError(`permutation size ${size}`);
    let bits = Math.max(2, Math.ceil(Math.log2(size)));
    if (bits % 2 === 1) bits += 1;
    this.halfBits = bits / 2;
    this.half = 2 ** this.halfBits;
    this.mask = this.half - 1;
    this.k0 = random.uint32();
    this.k1 = random.uint32();
    this.k2 = random.uint32();
    this.k3 = random.uint32();
  }

  permute(x: number): number {
    if (!Number.isInteger(x) || x < 0 || x >= this.size) throw new RangeError(`${x} is outside [0, ${this.size})`);
    do x = this.encrypt(x);
    while (x >= this.size);
    return x;
  }

  private encrypt(x: number): number {
    const mask = this.mask;
    let left = Math.floor(x / this.half) & mask;
    let right = x & mask;
    let next = (left ^ roundFunction(right, this.k0)) & mask;
    left = right;
    right = next;
    next = (left ^ roundFunction(right, this.k1)) & mask;
    left = right;
    right = next;
    next = (left ^ roundFunction(right, this.k2)) & mask;
    left = right;
    right = next;
    next = (left ^ roundFunction(right, this.k3)) & mask;
    left = right;
    right = next;
    return left * this.half + right;
  }
}

/** A 32-bit integer mix (the finaliser of MurmurHash3) of the half-block and the round key. */
function roundFunction(half: number, key: number): number {
  let z = (half ^ key) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
