/**
 * The shape of the synthetic population: plain JSON-serialisable records (strings,
 * numbers, booleans, null — no Date), so that a population can be written to a file
 * and compared byte for byte.
 */

/** A parish of the installation's regions (the three-part codes, e.g. `AN-01-02`). */
export interface Parish {
  code: string;
  name: string;
}

export type Sex = 'female' | 'male';

/** Relationship to the head of the household, the registry's vocabulary. */
export type Relationship = 'head' | 'spouse' | 'child' | 'parent' | 'other';

export type DocumentType = 'national_id' | 'passport' | 'birth_certificate';

/**
 * How the person's identity was established at enrolment. Most show a document; a
 * few percent have none and are vouched for by a registered introducer, by the head
 * of their household, or declare under oath.
 */
export type IdentityEvidence =
  | { kind: 'document'; type: DocumentType; number: string }
  /** Vouched for by a person registered earlier in the stream (an adult with a document). */
  | { kind: 'introducer'; introducerExternalId: string }
  /** Vouched for by the head of the household they are enrolled in. */
  | { kind: 'household_head' }
  | { kind: 'sworn_declaration' };

export interface PlaceOfBirth {
  /** The parish code when born in the country, null when born abroad. */
  regionCode: string | null;
  /** As a registrar writes it: the parish name, or "city, country" abroad. */
  place: string;
}

/**
 * Needs-based attributes for later programs, keyed as the attribute catalogue will
 * declare them. Only what a benefit needs: never politics, religion, ethnicity,
 * union membership, sexual life or social media.
 */
export type SyntheticAttributes = {
  /** Declared monthly income, a decimal string with two decimals, in the synthetic currency. */
  monthly_income: string;
  formal_employment: boolean;
  disability: boolean;
  chronic_condition_diabetes: boolean;
  chronic_condition_hypertension: boolean;
  owns_vehicle: boolean;
  /** Present only for women of childbearing age (16–44). */
  pregnant?: boolean;
};

export interface SyntheticPerson {
  /** Stable across runs with the same seed; the importer's idempotency key. Says nothing about the person. */
  externalId: string;
  relationship: Relationship;
  /** One or two given names, as written: "María José", "Juan Carlos", "Valentina". */
  givenNames: string;
  /** The father's first family name (or the mother's, when the father is not recorded). */
  firstFamilyName: string;
  /** Usually the mother's first family name; null when only one is recorded. */
  secondFamilyName: string | null;
  sex: Sex;
  /** `YYYY-MM-DD`, or `YYYY` when only the year is known. */
  birthDate: string;
  birthDatePrecision: 'day' | 'year';
  /** Declared rather than documented: the date (or year) is the person's best estimate. */
  birthDateApproximate: boolean;
  placeOfBirth: PlaceOfBirth;
  /** A mobile number in the synthetic numbering plan, or null when the person has none. */
  phone: string | null;
  evidence: IdentityEvidence;
  attributes: SyntheticAttributes;
}

export interface SyntheticAddress {
  /** Kind and name: "Calle 12", "Sector Los Mangos", "Urbanización Las Acacias". */
  street: string;
  /** "12-34", "Casa 15", "s/n", "Edificio 3, apto 2-B". */
  number: string;
  /** A landmark ("frente a la bodega"), or null. */
  reference: string | null;
}

/** The kinds of typo a registrar makes when enrolling someone who is already registered. */
export type TypoKind =
  | 'accent_dropped'
  | 'b_v'
  | 'c_s_z'
  | 'll_y'
  | 'g_j'
  | 'h_dropped'
  | 'letters_transposed'
  | 'letter_doubled'
  | 'letter_dropped'
  | 'second_family_name_missing'
  | 'given_names_reordered'
  | 'given_name_dropped'
  | 'given_name_abbreviated'
  | 'day_month_swapped'
  | 'year_only'
  | 'birth_year_off_by_one'
  | 'document_missing'
  | 'document_digit_wrong'
  | 'phone_changed';

/** Where a duplicate record was enrolled. */
export type DuplicatePlacement = 'same_household' | 'other_household' | 'lone_household';

/**
 * Ground truth for one planted duplicate. Not registry data: an importer must not
 * store it; a benchmark keeps it to measure recall and precision.
 */
export interface PlantedDuplicate {
  /** The duplicate record, a member of the household that carries this entry. */
  externalId: string;
  /** The person it copies; always an original record emitted earlier or in the same household. */
  duplicateOf: string;
  placement: DuplicatePlacement;
  /** The typos applied, in order; at least one. */
  typos: TypoKind[];
}

export interface SyntheticHousehold {
  externalId: string;
  /** The parish the household lives in; always one of the parishes given to the generator. */
  regionCode: string;
  address: SyntheticAddress;
  /** Exactly one member is the head. The head comes first. */
  members: SyntheticPerson[];
  /** Ground truth for the planted duplicates among `members` (usually empty). */
  plantedDuplicates: PlantedDuplicate[];
}
