import { FeistelPermutation } from './feistel-permutation.ts';
import type { Random } from './random.ts';

/**
 * Unique identifiers from counters, in constant memory: counter n is mapped through
 * a keyed permutation of the identifier space, so different counters never give the
 * same identifier and consecutive counters do not give consecutive numbers.
 *
 * Two streams share a space without colliding: the original population counts up
 * from 0 (`fromBottom`), planted duplicates count down from the top (`fromTop`).
 * That keeps the originals' identifiers the same whether or not duplicates are
 * planted, and keeps a duplicate's identifier indistinguishable from any other.
 */
export class Identifiers {
  static readonly PERSON_SPACE = 1_000_000_000;
  static readonly HOUSEHOLD_SPACE = 1_000_000_000;
  /** National id numbers are 7 or 8 digits, 1,000,000–99,999,999, like many cédulas. */
  static readonly NATIONAL_ID_SPACE = 99_000_000;
  /** Passports: one letter and seven digits. */
  static readonly PASSPORT_SPACE = 26 * 10_000_000;
  /** Mobile phones: four synthetic operator prefixes × seven digits. */
  static readonly PHONE_SPACE = 4 * 10_000_000;
  /**
   * Operator prefixes of the synthetic numbering plan. They look like the local
   * mobile format of the region but belong to no real operator that we know of, so
   * that a demo SMS outbox cannot reach a real person.
   */
  static readonly PHONE_PREFIXES = ['0401', '0402', '0405', '0407'] as const;

  private readonly persons: FeistelPermutation;
  private readonly households: FeistelPermutation;
  private readonly nationalIds: FeistelPermutation;
  private readonly passports: FeistelPermutation;
  private readonly phones: FeistelPermutation;

  constructor(random: Random) {
    this.persons = new FeistelPermutation(Identifiers.PERSON_SPACE, random);
    this.households = new FeistelPermutation(Identifiers.HOUSEHOLD_SPACE, random);
    this.nationalIds = new FeistelPermutation(Identifiers.NATIONAL_ID_SPACE, random);
    this.passports = new FeistelPermutation(Identifiers.PASSPORT_SPACE, random);
    this.phones = new FeistelPermutation(Identifiers.PHONE_SPACE, random);
  }

  /** The n-th counter from the top of a space: the duplicates' stream. */
  static fromTop(space: number, n: number): number {
    return space - 1 - n;
  }

  personId(counter: number): string {
    return `P${String(this.persons.permute(counter)).padStart(9, '0')}`;
  }

  householdId(counter: number): string {
    return `H${String(this.households.permute(counter)).padStart(9, '0')}`;
  }

  nationalId(counter: number): string {
    return String(1_000_000 + this.nationalIds.permute(counter));
  }

  passport(counter: number): string {
    const v = this.passports.permute(counter);
    return `${String.fromCharCode(65 + Math.floor(v / 10_000_000))}${String(v % 10_000_000).padStart(7, '0')}`;
  }

  phone(counter: number): string {
    const v = this.phones.permute(counter);
    return `${Identifiers.PHONE_PREFIXES[Math.floor(v / 10_000_000)]}-${String(v % 10_000_000).padStart(7, '0')}`;
  }
}
