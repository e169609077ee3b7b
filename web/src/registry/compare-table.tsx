import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonStatus, Sex } from '../api/contracts.ts';
import { BirthDateText } from './birth-date-text.tsx';
import { StatusBadge } from './status-badge.tsx';
import { useRegions } from './use-regions.ts';

/** What two records are compared on; a new member (not yet a record) has no status. */
export interface Comparable {
  givenNames: string;
  familyNames: string;
  sex: Sex | null;
  birthDate: { value: string; precision: 'day' | 'year'; declared: boolean } | null;
  regionCode: string;
  status?: PersonStatus;
}

interface Column {
  heading: ReactNode;
  record: Comparable;
}

type Field = 'givenNames' | 'familyNames' | 'sex' | 'birthDate' | 'region' | 'status';
const FIELDS: readonly Field[] = ['givenNames', 'familyNames', 'sex', 'birthDate', 'region', 'status'];

/** What is compared: case and accents aside, since those are the typing differences that do not matter. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

function key(record: Comparable, field: Field): string {
  switch (field) {
    case 'givenNames':
      return fold(record.givenNames);
    case 'familyNames':
      return fold(record.familyNames);
    case 'sex':
      return record.sex ?? '';
    case 'birthDate':
      return record.birthDate ? `${record.birthDate.precision === 'year' ? record.birthDate.value.slice(0, 4) : record.birthDate.value}` : '';
    case 'region':
      return record.regionCode;
    case 'status':
      return record.status ?? '';
  }
}

/**
 * Records side by side, one column each, one row per field; a field whose values differ
 * is highlighted (and says so to screen readers), so the official sees at a glance
 * what tells the records apart.
 */
export function CompareTable({ columns, caption, testId }: { columns: readonly Column[]; caption: string; testId?: string }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const fields = FIELDS.filter((f) => f !== 'status' || columns.some((c) => c.record.status));

  const cell = (record: Comparable, field: Field): ReactNode => {
    switch (field) {
      case 'givenNames':
        return record.givenNames;
      case 'familyNames':
        return record.familyNames;
      case 'sex':
        return record.sex ? t(`registry.sex.${record.sex}`) : <span className="muted">{t('registry.notRecorded')}</span>;
      case 'birthDate':
        return <BirthDateText birthDate={record.birthDate} />;
      case 'region':
        return regions.place(record.regionCode);
      case 'status':
        return record.status ? <StatusBadge status={record.status} /> : <span className="muted">{t('registry.compare.new')}</span>;
    }
  };

  return (
    <div className="table-scroll compare-scroll">
      <table className="data-table compare" data-testid={testId ?? 'compare'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('registry.compare.field')}</th>
            {columns.map((c, i) => (
              <th scope="col" key={i}>
                {c.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const values = new Set(columns.map((c) => key(c.record, field)));
            const differs = field !== 'status' && values.size > 1;
            return (
              <tr key={field} className={differs ? 'differs' : undefined} data-testid={`compare-${field}`} data-differs={differs}>
                <th scope="row">
                  {t(`registry.fields.${field}`)}
                  {differs && <span className="differs-mark">{t('registry.compare.differs')}</span>}
                </th>
                {columns.map((c, i) => (
                  <td key={i}>{cell(c.record, field)}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
