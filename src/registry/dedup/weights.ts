import type { NameAgreement } from './compare-names.ts';

/**
 * Evidence weights in bits (log2 of how much likelier the observation is for two
 * records of one person than for two different people who share a blocking key).
 * Set by reasoning about those two probabilities, then checked against the planted
 * duplicates and the relatives of `dedup-population.test.ts` and, at a million persons,
 * `scripts/dedup-quality.ts`; README.md gives the table.
 * Birth-date weights live with the comparison in `birth-date.ts`.
 */
export const WEIGHTS = {
  given: { equal: 5, sound_alike: 4.5, similar: 3.5, subset: 2, partial: -6, different: -9 } satisfies Record<NameAgreement, number>,
  /** "José María" for "María José": a slip, but also a brother and sister. */
  givenReordered: -0.5,
  /** "Isabel" / "Camila Isabel": the shorter name is the other's second name. */
  givenFirstMissing: -3,
  family: { equal: 6, sound_alike: 5.5, similar: 4.5, subset: 3, partial: -4, different: -9 } satisfies Record<NameAgreement, number>,
  /**
   * "Pérez González" / "González Pérez": registrars seldom exchange family names, but
   * unrelated people often carry the same two in the other order (one family's father
   * is the other's mother).
   */
  familyReordered: -3,
  /** "Pérez" / "Rodríguez Pérez": only the mother's family name on one side. */
  familyFirstMissing: -2,
  /** Given and family names typed into each other's fields: rare, so a little less than the names themselves. */
  namesInOtherFields: -1,
  sexEqual: 0.3,
  /** Sex is a field typed in a hurry too; never decisive alone. */
  sexDifferent: -3,
  documentEqual: 12,
  documentNumberNear: -1,
  documentConflict: -10,
  documentNumberOtherType: 3,
  /**
   * Household, address and region are shared by whole families: evidence, but weak,
   * or siblings would merge; only the strongest of the four counts.
   */
  sameHousehold: 1.5,
  /** The same household and the same names: households do not hold two people of one name (`same_household_same_names`). */
  sameHouseholdSameNames: 4,
  sameAddress: 1,
  sameRegion: 1,
  nearbyRegion: 0.5,
  /**
   * How much a name the two records agree on counts beyond the name weights above,
   * by how common it is (`name-frequency.ts`): log2(reference / share), bounded. A
   * name as common as `reference` adds nothing; García or María take bits away, a rare
   * name adds some. The bounds keep one name from deciding alone.
   */
  frequency: {
    given: { reference: 0.01, min: -2, max: 2 },
    family: { reference: 0.005, min: -2, max: 2 },
  },
  /**
   * Log-odds before any evidence, for a pair that shares a blocking key. It sets where
   * the scale crosses 0.5 and so calibrates the score as a probability.
   */
  prior: -10,
} as const;
