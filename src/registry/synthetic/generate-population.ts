import { DomainError } from '../../shared/domain-error.ts';
import { civilDate, dayNumber, parseIsoDate } from './calendar.ts';
import { HouseholdFactory } from './household-factory.ts';
import { Identifiers } from './identifiers.ts';
import { plantDuplicates } from './plant-duplicates.ts';
import { Random } from './random.ts';
import type { Parish, SyntheticHousehold } from './synthetic-household.ts';

/** National scale (DESIGN.md: 9 M households), with room; the identifier spaces are sized for it. */
export const MAX_HOUSEHOLDS = 10_000_000;

export interface GeneratePopulationOptions {
  /** The same seed (and the same other options) gives the same population, byte for byte. */
  seed: string | number;
  /** How many original households; lone duplicate households come on top. */
  households: number;
  /** Where households live: the installation's parishes (the caller reads its regions CSV). */
  parishes: readonly Parish[];
  /** How many duplicates to plant, 0 to `households` (default 0). */
  duplicates?: number;
  /** The day ages are counted on, `YYYY-MM-DD` (or a Date, taken in UTC). Part of the seed, in effect. */
  today: string | Date;
}

/**
 * A synthetic population for `amparo seed`, the demo, tests and benchmarks: an
 * iterable of households, made one at a time as it is consumed, so that a million
 * households stream in constant memory. It is a plain synchronous generator; it
 * works with `for … of`, with `for await … of`, and with `Readable.from()`.
 *
 * Options are checked when this is called (not when the first household is asked
 * for) and refused with DomainError VALIDATION_FAILED. Never touches a database,
 * the network, the clock or the file system.
 */
export function generatePopulation(options: GeneratePopulationOptions): Generator<SyntheticHousehold, void, undefined> {
  const { seed, households, parishes } = options;
  const duplicates = options.duplicates ?? 0;
  const fail = (message: string) => new DomainError('VALIDATION_FAILED', message);

  if (typeof seed === 'number' ? !Number.isFinite(seed) : typeof seed !== 'string' || seed.length === 0) throw fail('the seed must be a non-empty string or a finite number');
  if (!Number.isInteger(households) || households < 0 || households > MAX_HOUSEHOLDS) throw fail(`households must be a whole number from 0 to ${MAX_HOUSEHOLDS}`);
  if (!Number.isInteger(duplicates) || duplicates < 0 || duplicates > households) throw fail('duplicates must be a whole number from 0 to the number of households');
  if (!Array.isArray(parishes) || parishes.length === 0) throw fail('at least one parish is needed to place households');
  const codes = new Set<string>();
  for (const p of parishes) {
    if (typeof p?.code !== 'string' || p.code.trim() === '' || typeof p.name !== 'string' || p.name.trim() === '') throw fail('every parish needs a code and a name');
    if (codes.has(p.code)) throw fail(`parish ${p.code} is listed twice`);
    codes.add(p.code);
  }
  const today =
    options.today instanceof Date
      ? Number.isNaN(options.today.getTime())
        ? undefined
        : dayNumber(options.today.getUTCFullYear(), options.today.getUTCMonth() + 1, options.today.getUTCDate())
      : typeof options.today === 'string'
        ? parseIsoDate(options.today)
        : undefined;
  if (today === undefined || civilDate(today).year < 1900) throw fail('today must be a date (YYYY-MM-DD) from 1900 on');

  // One stream per part: the originals do not change when duplicates are planted or when the planting changes.
  const root = Random.from(seed);
  const ids = new Identifiers(root.fork('identifiers'));
  const factory = new HouseholdFactory({ random: root.fork('population'), ids, parishes: parishes.map((p) => ({ code: p.code, name: p.name })), today });
  function* originals() {
    for (let i = 0; i < households; i++) yield factory.next();
  }
  return plantDuplicates(originals(), {
    count: duplicates,
    baseHouseholds: households,
    random: root.fork('duplicates'),
    ids,
    today,
    pickParish: (random) => factory.pickParish(random),
  });
}
