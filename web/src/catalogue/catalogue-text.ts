import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';
import type { AttributeType, ProhibitedCategory, Sector } from '../api/contracts.ts';
import en from '../i18n/en.json' with { type: 'json' };

// Checked by `tsc`: the catalogues name every sector, type and prohibited category the server knows.
en.catalogue.sectors satisfies Record<Sector, string>;
en.catalogue.types satisfies Record<AttributeType, string>;
en.catalogue.categories satisfies Record<ProhibitedCategory, string>;

export const SECTORS = Object.keys(en.catalogue.sectors) as Sector[];
export const TYPES = Object.keys(en.catalogue.types) as AttributeType[];
export const CATEGORIES = Object.keys(en.catalogue.categories) as ProhibitedCategory[];

const isCategory = (v: unknown): v is ProhibitedCategory => typeof v === 'string' && Object.hasOwn(en.catalogue.categories, v);

/** "Religion or belief" as it reads inside a sentence. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Where in an entry a word was found ("key", "labels.es", "values"), in words. */
function fieldText(t: TFunction, field: unknown): string {
  if (field === 'key') return t('catalogue.refusal.inKey');
  if (field === 'values') return t('catalogue.refusal.inValues');
  if (typeof field === 'string' && field.startsWith('labels.')) return t('catalogue.refusal.inLabel', { language: field.slice('labels.'.length) });
  return t('catalogue.refusal.inEntry');
}

/**
 * A refusal of the catalogue's rules, explained in the official's language from the
 * error's details; undefined for other errors (the code's translation says enough).
 */
export function refusalText(t: TFunction, error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'RULE_VIOLATION') return undefined;
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as Record<string, unknown>;
  const term = typeof details.term === 'string' ? details.term : '';
  switch (details.rule) {
    case 'prohibited_attribute':
      return t('catalogue.refusal.prohibited', {
        term,
        where: fieldText(t, details.field),
        category: lowerFirst(isCategory(details.category) ? t(`catalogue.categories.${details.category}`) : String(details.category ?? '')),
      });
    case 'health_is_special':
      return t('catalogue.refusal.healthSpecial', { term, where: fieldText(t, details.field) });
    case 'four_eyes':
      return t('catalogue.refusal.fourEyes');
    default:
      return undefined;
  }
}
