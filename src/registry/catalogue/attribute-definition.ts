import { DomainError } from '../../shared/domain-error.ts';

/** The value types an attribute may have. Adding one means teaching `validateAttributeValue` it. */
export const ATTRIBUTE_TYPES = ['boolean', 'integer', 'decimal', 'date', 'enum'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/**
 * `special`: a fact whose misuse harms the person (health, disability, pregnancy). It
 * is read only for a sector its entry lists (`mayReadAttribute`) and its values never
 * appear in audit details. `normal`: any other needs fact (income, employment, property).
 */
export const SENSITIVITIES = ['normal', 'special'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/**
 * The sectors that may read an attribute (DESIGN.md commitment 5: each sector sees
 * the person under its own pseudonym). An entry lists the sectors whose programs need
 * it; a special attribute is read for those sectors only.
 */
export const SECTORS = {
  food: 'subsidised food boxes',
  health: 'medicine and health programs',
  pensions: 'pensions',
  fuel: 'fuel subsidies',
  cash: 'one-off and recurring cash transfers',
  identity: 'identity and civil registration (enrolment, cards)',
} as const;
export type Sector = keyof typeof SECTORS;
export const SECTOR_NAMES = Object.keys(SECTORS) as [Sector, ...Sector[]];

export const ENTRY_STATUSES = ['active', 'retired'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Labels by language code; Spanish and English are required, others (pt, …) optional. */
export interface AttributeLabels {
  es: string;
  en: string;
  [language: string]: string;
}

/** The content of a catalogue entry, as proposed and as published. */
export interface AttributeEntry {
  key: string;
  labels: AttributeLabels;
  type: AttributeType;
  /** The allowed values of an `enum`; empty for every other type. */
  values: string[];
  sensitivity: Sensitivity;
  purposes: Sector[];
  legalBasis: string;
  status: EntryStatus;
}

/** A published entry: its content and the version of the catalogue it is at. */
export interface AttributeDefinition extends AttributeEntry {
  version: number;
  updatedAt: Date;
}

export const KEY_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const KEY_MAX = 63;
export const ENUM_VALUE_PATTERN = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;
export const LABEL_MAX = 200;
export const LEGAL_BASIS_MIN = 10;
export const LEGAL_BASIS_MAX = 2000;
export const ENUM_VALUES_MAX = 100;
const LANGUAGE = /^[a-z]{2}$/;

/** What a caller (API, CLI, seed) hands in before validation. */
export interface AttributeEntryInput {
  key: unknown;
  labels: unknown;
  type: unknown;
  values?: unknown;
  sensitivity?: unknown;
  purposes: unknown;
  legalBasis: unknown;
  status?: unknown;
}

const invalid = (message: string, field: string) => new DomainError('VALIDATION_FAILED', message, { field });

/**
 * Validates and normalises an entry (trims text, lower-cases enum values and sorts
 * nothing: the order of enum values and purposes is the author's). Throws
 * VALIDATION_FAILED naming the field. Pure: never touches the database.
 */
export function parseAttributeEntry(input: AttributeEntryInput): AttributeEntry {
  const key = typeof input.key === 'string' ? input.key.trim() : '';
  if (!KEY_PATTERN.test(key) || key.length < 2 || key.length > KEY_MAX) {
    throw invalid(`key "${String(input.key ?? '')}" must be 2-${KEY_MAX} characters of snake_case: lowercase letters and digits separated by single underscores, starting with a letter`, 'key');
  }

  const labels = parseLabels(input.labels);

  if (typeof input.type !== 'string' || !(ATTRIBUTE_TYPES as readonly string[]).includes(input.type)) {
    throw invalid(`type must be one of ${ATTRIBUTE_TYPES.join(', ')}`, 'type');
  }
  const type = input.type as AttributeType;

  const values = parseValues(type, input.values);

  const sensitivity = input.sensitivity ?? 'normal';
  if (typeof sensitivity !== 'string' || !(SENSITIVITIES as readonly string[]).includes(sensitivity)) {
    throw invalid(`sensitivity must be one of ${SENSITIVITIES.join(', ')}`, 'sensitivity');
  }

  if (!Array.isArray(input.purposes) || input.purposes.length === 0) {
    throw invalid(`purposes must list at least one sector that needs the attribute (${SECTOR_NAMES.join(', ')})`, 'purposes');
  }
  const purposes: Sector[] = [];
  for (const p of input.purposes) {
    const sector = typeof p === 'string' ? p.trim() : p;
    if (typeof sector !== 'string' || !(sector in SECTORS)) {
      throw invalid(`purpose "${String(p)}" is not a sector; use ${SECTOR_NAMES.join(', ')}`, 'purposes');
    }
    if (!purposes.includes(sector as Sector)) purposes.push(sector as Sector);
  }

  const legalBasis = typeof input.legalBasis === 'string' ? input.legalBasis.trim() : '';
  if (legalBasis.length < LEGAL_BASIS_MIN || legalBasis.length > LEGAL_BASIS_MAX) {
    throw invalid(`legal basis is required: the law or regulation that allows collecting this attribute (${LEGAL_BASIS_MIN}-${LEGAL_BASIS_MAX} characters)`, 'legalBasis');
  }

  const status = input.status ?? 'active';
  if (typeof status !== 'string' || !(ENTRY_STATUSES as readonly string[]).includes(status)) {
    throw invalid(`status must be one of ${ENTRY_STATUSES.join(', ')}`, 'status');
  }

  return { key, labels, type, values, sensitivity: sensitivity as Sensitivity, purposes, legalBasis, status: status as EntryStatus };
}

function parseLabels(input: unknown): AttributeLabels {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('labels must be an object of label by language, with at least es and en', 'labels');
  }
  const out: Record<string, string> = {};
  for (const [language, text] of Object.entries(input)) {
    if (!LANGUAGE.test(language)) throw invalid(`label language "${language}" must be a two-letter lowercase code (es, en, pt, …)`, `labels.${language}`);
    if (typeof text !== 'string' || !text.trim() || text.trim().length > LABEL_MAX) {
      throw invalid(`label ${language} must be 1-${LABEL_MAX} characters`, `labels.${language}`);
    }
    out[language] = text.trim().replace(/\s+/g, ' ');
  }
  for (const required of ['es', 'en']) {
    if (!out[required]) throw invalid(`a label in ${required === 'es' ? 'Spanish (es)' : 'English (en)'} is required`, `labels.${required}`);
  }
  if (Object.keys(out).length > 10) throw invalid('at most 10 label languages', 'labels');
  return out as AttributeLabels;
}

function parseValues(type: AttributeType, input: unknown): string[] {
  const given = input === undefined || input === null ? [] : input;
  if (!Array.isArray(given)) throw invalid('values must be a list', 'values');
  if (type !== 'enum') {
    if (given.length) throw invalid(`values are only for enum attributes, not ${type}`, 'values');
    return [];
  }
  const values: string[] = [];
  for (const v of given) {
    const value = typeof v === 'string' ? v.trim().toLowerCase() : '';
    if (!ENUM_VALUE_PATTERN.test(value) || value.length > 40) {
      throw invalid(`enum value "${String(v)}" must be 1-40 characters of snake_case (lowercase letters, digits, single underscores)`, 'values');
    }
    if (values.includes(value)) throw invalid(`enum value "${value}" is listed twice`, 'values');
    values.push(value);
  }
  if (values.length < 2 || values.length > ENUM_VALUES_MAX) {
    throw invalid(`an enum attribute needs 2-${ENUM_VALUES_MAX} values`, 'values');
  }
  return values;
}

/** True when two entries publish the same content. */
export function sameEntry(a: AttributeEntry, b: AttributeEntry): boolean {
  const labels = (l: AttributeLabels) => JSON.stringify(Object.entries(l).sort(([x], [y]) => x.localeCompare(y)));
  return (
    a.key === b.key &&
    labels(a.labels) === labels(b.labels) &&
    a.type === b.type &&
    a.values.join('\u0000') === b.values.join('\u0000') &&
    a.sensitivity === b.sensitivity &&
    [...a.purposes].sort().join(',') === [...b.purposes].sort().join(',') &&
    a.legalBasis === b.legalBasis &&
    a.status === b.status
  );
}
