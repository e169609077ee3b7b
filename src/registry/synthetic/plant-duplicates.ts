import { applyTypos } from './apply-typo.ts';
import { Identifiers } from './identifiers.ts';
import { makeAddress } from './make-address.ts';
import type { Random } from './random.ts';
import type { DuplicatePlacement, Parish, PlantedDuplicate, SyntheticHousehold, SyntheticPerson } from './synthetic-household.ts';

/** Where a duplicate is enrolled (weights, percent). */
export const DUPLICATE_PLACEMENTS = [
  // a relative or neighbour enrols the person again in their own household
  ['other_household', 45],
  // the person enrols again on their own, at another office or after a move
  ['lone_household', 35],
  // the household is enrolled again and the person listed twice
  ['same_household', 20],
] as const satisfies readonly (readonly [DuplicatePlacement, number])[];

/** Where a person enrolled alone again says they live (weights, percent). */
const LONE_ADDRESS = [
  ['same_address', 45],
  ['same_parish', 25],
  ['moved', 30],
] as const;

/** Share of duplicates whose declared income differs from the first enrolment (re-declared, not a typo). */
const INCOME_REDECLARED = 0.3;

export const DEFAULT_DUPLICATE_WINDOW = 50;

export interface PlantDuplicatesOptions {
  /** Exactly this many duplicates are planted (at most one per original household). */
  count: number;
  /** How many households `base` yields; selection sampling needs it to spread the duplicates evenly. */
  baseHouseholds: number;
  /** The duplicates' own stream, so that planting changes nothing in the original population. */
  random: Random;
  ids: Identifiers;
  /** Day number of the day the population is generated for. */
  today: number;
  /** Chooses the parish of someone who moved. */
  pickParish: (random: Random) => Parish;
  /** At most this many households pass between an original and its duplicate; bounds the buffer. */
  window?: number;
}

type Pending = { due: number } & ({ kind: 'lone'; household: SyntheticHousehold } | { kind: 'guest'; person: SyntheticPerson; truth: PlantedDuplicate });

/**
 * Passes the original households through and plants exactly `count` duplicates
 * among them: copies of original persons, with typos (applyTypos), enrolled in the
 * same household, in a later household, or alone as a new household. Each carries
 * its ground truth in `plantedDuplicates` of the household it lands in.
 *
 * Which households give a duplicate is decided by selection sampling (Knuth's
 * Algorithm S): household i of N gives one with probability remaining/(N − i), which
 * spreads exactly `count` uniformly through the stream without knowing the future.
 * A duplicate for a later household waits in a buffer for 1–`window` households, so
 * memory is bounded by the window, not by N. Lone households come on top of the N
 * original ones.
 */
export function* plantDuplicates(base: Iterable<SyntheticHousehold>, options: PlantDuplicatesOptions): Generator<SyntheticHousehold, void, undefined> {
  const { count, baseHouseholds: total, random, ids, today } = options;
  const window = options.window ?? DEFAULT_DUPLICATE_WINDOW;
  if (!Number.isInteger(count) || count < 0 || count > total) throw new RangeError(`cannot plant ${count} duplicates in ${total} households`);
  let phones = 0;
  let persons = 0;
  let loneHouseholds = 0;
  const newPhone = () => ids.phone(Identifiers.fromTop(Identifiers.PHONE_SPACE, phones++));
  const pending: Pending[] = [];
  let remaining = count;
  let index = 0;

  for (const household of base) {
    if (index >= total) throw new RangeError(`the base population yielded more than the announced ${total} households`);
    const originals = household.members.slice();

    // First what is due here: lone households come before this one, guests join it.
    for (let k = 0; k < pending.length; ) {
      const p = pending[k]!;
      if (p.due > index) {
        k++;
        continue;
      }
      pending.splice(k, 1);
      if (p.kind === 'lone') yield p.household;
      else {
        household.members.push(p.person);
        household.plantedDuplicates.push(p.truth);
      }
    }

    const left = total - index;
    const planted = Math.floor(remaining / left) + (random.chance((remaining % left) / left) ? 1 : 0);
    for (let n = 0; n < planted; n++) {
      const source = random.pick(originals);
      let placement: DuplicatePlacement = random.weighted(DUPLICATE_PLACEMENTS);
      if (placement === 'other_household' && index === total - 1) placement = 'same_household';
      const person = structuredClone(source);
      person.externalId = ids.personId(Identifiers.fromTop(Identifiers.PERSON_SPACE, persons++));
      person.relationship =
        placement === 'lone_household' ? 'head' : placement === 'other_household' || source.relationship === 'head' || source.relationship === 'spouse' ? 'other' : source.relationship;
      // "Vouched for by the head" was about the original household's head.
      if (placement !== 'same_household' && person.evidence.kind === 'household_head') person.evidence = { kind: 'sworn_declaration' };
      const head = household.members[0]!;
      const headCanVouch = placement === 'same_household' && source !== head && head.evidence.kind === 'document';
      const typos = applyTypos(person, random, { newPhone, headCanVouch, today });
      if (random.chance(INCOME_REDECLARED)) person.attributes.monthly_income = redeclare(person.attributes.monthly_income, random);
      const truth: PlantedDuplicate = { externalId: person.externalId, duplicateOf: source.externalId, placement, typos };
      const due = index + random.int(1, window);

      if (placement === 'same_household') {
        household.members.push(person);
        household.plantedDuplicates.push(truth);
      } else if (placement === 'other_household') {
        pending.push({ due: Math.min(due, total - 1), kind: 'guest', person, truth });
      } else {
        const where = random.weighted(LONE_ADDRESS);
        const parish = where === 'moved' ? options.pickParish(random).code : household.regionCode;
        const address = where === 'same_address' ? { ...household.address, reference: random.chance(0.5) ? household.address.reference : null } : makeAddress(random);
        pending.push({
          due: Math.min(due, total),
          kind: 'lone',
          household: {
            externalId: ids.householdId(Identifiers.fromTop(Identifiers.HOUSEHOLD_SPACE, loneHouseholds++)),
            regionCode: parish,
            address,
            members: [person],
            plantedDuplicates: [truth],
          },
        });
      }
    }
    remaining -= planted;
    yield household;
    index++;
  }
  if (index !== total) throw new RangeError(`the base population yielded ${index} households, not the announced ${total}`);
  // Only lone households due after the last one can remain.
  for (const p of pending) if (p.kind === 'lone') yield p.household;
}

/** A new declaration of income months later: within −25 % … +30 %, rounded to the thousand. */
function redeclare(income: string, random: Random): string {
  const units = Number(income);
  if (units === 0) return income;
  const next = Math.max(0, Math.round((units * (0.75 + 0.55 * random.float())) / 1000) * 1000);
  return `${next}.00`;
}
