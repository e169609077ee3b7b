/**
 * The columns of `amparo import persons FILE.csv` and of the console upload, one row
 * per person; the rows of one household are consecutive and share `household_ref`.
 * docs/registry-import.md documents them for the people who prepare the files.
 */
export const PERSON_CSV_COLUMNS = {
  person_ref: 'the person’s identifier in the source, unique; lets another row name them as introducer',
  household_ref: 'required: the household’s identifier in the source; rows with the same ref are one household; a ref already imported is skipped',
  region_code: 'required: the parish code (e.g. AN-01-02), the same on every row of the household',
  street: 'required on the household’s first row: street or sector',
  number: 'house number',
  reference: 'how to find the house',
  distribution_point: 'code of the distribution point the household is assigned to',
  relationship: 'required: head, spouse, child, parent or other; exactly one head per household',
  given_names: 'required',
  family_names: 'required: both family names, particles included',
  sex: 'F, M, X or empty',
  birth_date: 'YYYY-MM-DD, or YYYY when only the year is known, or empty',
  birth_date_declared: 'true when declared without a document (approximate)',
  place_of_birth: '',
  phone: 'digits, optionally with +, spaces, dashes and parentheses',
  document_type: 'national_id, passport, birth_certificate or foreign_id',
  document_number: 'with document_type',
  evidence_kind: 'when there is no document: household_head, sworn_declaration or introducer',
  introducer_id: 'with evidence_kind introducer: the registry id of the person who vouches',
  introducer_ref: 'with evidence_kind introducer: the person_ref of the person who vouches, imported earlier or earlier in this file',
  evidence_note: 'a note on the evidence',
} as const;

export const REQUIRED_COLUMNS = ['household_ref', 'region_code', 'relationship', 'given_names', 'family_names'] as const;

/** Columns named `attr.<key>` carry catalogue attributes, e.g. `attr.monthly_income`. */
export const ATTRIBUTE_PREFIX = 'attr.';
