import type { CatalogueEntry } from '../api/contracts.ts';

/**
 * Attribute values as a form holds them: text by key ('' when not answered). A boolean
 * is 'true' / 'false', since "not asked" must stay different from "no".
 */
export type AttributeDraft = Readonly<Record<string, string>>;

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:[.,]\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when the text is a value of the entry's type (empty counts: not answered). */
export function validAttributeText(entry: CatalogueEntry, text: string): boolean {
  const value = text.trim();
  if (!value) return true;
  switch (entry.type) {
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'integer':
      return INTEGER.test(value) && Number.isSafeInteger(Number(value));
    case 'decimal':
      return DECIMAL.test(value);
    case 'date':
      return DATE.test(value);
    case 'enum':
      return entry.values.includes(value);
  }
}

/** The values to send, typed as the catalogue declares; unanswered ones are left out. */
export function attributesFromDraft(draft: AttributeDraft, catalogue: readonly CatalogueEntry[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of catalogue) {
    const value = (draft[entry.key] ?? '').trim();
    if (!value || !validAttributeText(entry, value)) continue;
    switch (entry.type) {
      case 'boolean':
        out[entry.key] = value === 'true';
        break;
      case 'integer':
        out[entry.key] = Number(value);
        break;
      case 'decimal':
        out[entry.key] = Number(value.replace(',', '.'));
        break;
      case 'date':
      case 'enum':
        out[entry.key] = value;
        break;
    }
  }
  return out;
}

/** A stored value back into the form's text. */
export function draftFromAttributes(values: Record<string, unknown>): AttributeDraft {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    out[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

/** The first entry whose text is not of its type, if any. */
export const firstInvalidAttribute = (draft: AttributeDraft, catalogue: readonly CatalogueEntry[]) =>
  catalogue.find((entry) => !validAttributeText(entry, draft[entry.key] ?? ''));
