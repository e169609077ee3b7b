/** What deduplication needs to know about a person: nothing more, so that it can run on any store. */

export type Sex = 'F' | 'M' | 'X';

/**
 * `value` is always `YYYY-MM-DD`; with `precision: 'year'` only its year means anything
 * (the person declared a year, or an approximate age, because they do not know the date).
 */
export interface BirthDate {
  value: string;
  precision: 'day' | 'year';
}

export interface IdentityDocument {
  /** Free text such as `cedula`, `passport`, `birth_certificate`; compared case- and accent-insensitively. */
  type: string;
  number: string;
}

export interface DedupPerson {
  id: string;
  /** One or two given names as typed, e.g. "María José". */
  givenNames: string;
  /** Family names as typed, father's first, e.g. "Pérez Rodríguez" or "de la Cruz". */
  familyNames: string;
  sex: Sex | null;
  birthDate: BirthDate | null;
  documents: readonly IdentityDocument[];
  householdId: string | null;
  /** An address already normalised by the registry (same address ⇔ same key). */
  addressKey: string | null;
  /** Hierarchical region code, e.g. "AN-01-02" (state-municipality-parish). */
  regionCode: string | null;
}

export type ReasonCode =
  | 'given_names_equal'
  | 'given_names_sound_alike'
  | 'given_names_similar'
  | 'given_names_subset'
  | 'given_names_partial'
  | 'given_names_different'
  | 'given_names_reordered'
  | 'given_names_first_missing'
  | 'family_names_equal'
  | 'family_names_sound_alike'
  | 'family_names_similar'
  | 'family_names_subset'
  | 'family_names_partial'
  | 'family_names_different'
  | 'family_names_reordered'
  | 'family_names_first_missing'
  | 'names_in_other_fields'
  | 'common_names'
  | 'uncommon_names'
  | 'birth_date_exact'
  | 'birth_date_day_month_swapped'
  | 'birth_date_year_only_match'
  | 'birth_date_one_digit_typo'
  | 'birth_date_year_typo'
  | 'birth_date_within_one_year'
  | 'birth_date_different'
  | 'sex_equal'
  | 'sex_different'
  | 'document_equal'
  | 'document_number_near'
  | 'document_conflict'
  | 'document_number_other_type'
  | 'same_household'
  | 'same_household_same_names'
  | 'same_address'
  | 'same_region'
  | 'nearby_region';

/** Text for a registrar, in both languages of the console. */
export interface Explanation {
  en: string;
  es: string;
}

/** One piece of evidence: `weight` is in bits (log2 of a likelihood ratio); positive means "looks like the same person". */
export interface Reason {
  code: ReasonCode;
  weight: number;
  explanation: Explanation;
}

export type Decision = 'same' | 'review' | 'different';

export interface Thresholds {
  /** At or above: a registrar must decide before the new record is created. */
  review: number;
  /** At or above: the records are almost certainly the same person (the registrar still confirms a merge). */
  same: number;
}

export interface PairScore {
  /** 0..1, read as the probability that both records are the same person. */
  score: number;
  decision: Decision;
  /** Sorted by the size of their effect, largest first. */
  reasons: Reason[];
}
