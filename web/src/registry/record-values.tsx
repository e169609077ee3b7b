import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueEntry, Evidence } from '../api/contracts.ts';
import { entryLabel } from '../catalogue/use-catalogue.ts';
import { SpecialMark } from '../catalogue/special-mark.tsx';
import { householdPath, personPath } from '../console/console-pages.ts';
import { Link } from '../router/link.tsx';
import { BirthDateText } from './birth-date-text.tsx';
import { useRegions } from './use-regions.ts';

const KNOWN_FIELDS = new Set([
  'householdId',
  'relationship',
  'regionCode',
  'givenNames',
  'familyNames',
  'sex',
  'birthDate',
  'placeOfBirth',
  'phone',
  'evidence',
  'status',
  'mergedInto',
  'address',
  'distributionPoint',
  'members',
  'withheldAttributes',
]);

/** An attribute's value in words: yes / no for a boolean, the value as stored otherwise. */
export function useAttributeText() {
  const { t } = useTranslation();
  return (value: unknown): string =>
    value === true ? t('catalogue.value.yes') : value === false ? t('catalogue.value.no') : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Field names and values of person and household records, for the history and the pages. */
export function useRecordValues(catalogue: readonly CatalogueEntry[] | undefined) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  const attributeText = useAttributeText();
  const entry = (key: string) => catalogue?.find((e) => e.key === key);

  const label = (field: string): string => {
    if (field.startsWith('attributes.')) {
      const key = field.slice('attributes.'.length);
      const found = entry(key);
      return found ? entryLabel(found, i18n.language) : key;
    }
    return KNOWN_FIELDS.has(field) ? t(`registry.fields.${field as 'givenNames'}`) : field;
  };

  const value = (field: string, v: unknown): ReactNode => {
    if (field.startsWith('attributes.')) {
      const found = entry(field.slice('attributes.'.length));
      return (
        <>
          {attributeText(v)} {found?.sensitivity === 'special' && <SpecialMark />}
        </>
      );
    }
    switch (field) {
      case 'sex':
        return v === 'F' || v === 'M' || v === 'X' ? t(`registry.sex.${v}`) : String(v);
      case 'relationship':
        return isOneOf(v, ['head', 'spouse', 'child', 'parent', 'other']) ? t(`registry.relationship.${v}`) : String(v);
      case 'status':
        return isOneOf(v, ['active', 'tombstoned', 'merged']) ? t(`registry.status.${v}`) : String(v);
      case 'regionCode':
        return typeof v === 'string' ? regions.place(v) : String(v);
      case 'birthDate':
        return <BirthDateText birthDate={v as { value: string; precision: 'day' | 'year'; declared: boolean }} />;
      case 'householdId':
        return typeof v === 'string' ? <Link to={householdPath(v)}>{t('registry.person.openHousehold')}</Link> : String(v);
      case 'mergedInto':
        return typeof v === 'string' ? <Link to={personPath(v)}>{t('registry.person.openMergedInto')}</Link> : String(v);
      case 'withheldAttributes':
        return Array.isArray(v) ? v.map((key: unknown) => label(`attributes.${String(key)}`)).join(', ') : String(v);
      case 'evidence':
        return Array.isArray(v) ? evidenceText(v as Evidence[]) : JSON.stringify(v);
      case 'address':
        return typeof v === 'object' && v !== null ? addressText(v as { street?: string; number?: string; reference?: string }) : String(v);
      default:
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  };

  const evidenceText = (list: Evidence[]) =>
    list
      .map((e) => (e.kind === 'document' ? `${t(`registry.evidence.documentTypes.${e.type}`)} ${e.number}` : t(`registry.evidence.kinds.${e.kind}`)))
      .join('; ');

  return { label, value };
}

export function addressText(a: { street?: string | undefined; number?: string | undefined; reference?: string | undefined }) {
  return [[a.street, a.number].filter(Boolean).join(' '), a.reference].filter(Boolean).join(' — ');
}

function isOneOf<T extends string>(v: unknown, values: readonly T[]): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}
