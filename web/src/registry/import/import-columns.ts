import type { ImportAttributePrefix, ImportColumn, RequiredImportColumn } from '../../api/contracts.ts';

/**
 * The columns the server reads, in its order; `true` for a required one. `satisfies`
 * makes a column the server adds, drops or makes required a type error here.
 */
export const IMPORT_COLUMNS = {
  person_ref: false,
  household_ref: true,
  region_code: true,
  street: false,
  number: false,
  reference: false,
  distribution_point: false,
  relationship: true,
  given_names: true,
  family_names: true,
  sex: false,
  birth_date: false,
  birth_date_declared: false,
  place_of_birth: false,
  phone: false,
  document_type: false,
  document_number: false,
  evidence_kind: false,
  introducer_id: false,
  introducer_ref: false,
  evidence_note: false,
} as const satisfies Record<ImportColumn, boolean> & Record<RequiredImportColumn, true>;

export const ATTRIBUTE_COLUMN_PREFIX: ImportAttributePrefix = 'attr.';

/** An empty file with the header row, to fill in a spreadsheet. */
export const templateCsv = () => `${Object.keys(IMPORT_COLUMNS).join(',')}\r\n`;
