import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';

interface BirthDateValue {
  value: string;
  precision: 'day' | 'year';
  declared: boolean;
}

/** A calendar date as the person's language writes it, never shifted by the browser's time zone. */
export function useCalendarDate() {
  const { locale } = useFormat();
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return (value: string) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(time) ? value : format.format(time);
  };
}

/**
 * A birth date with what is known about it: "only the year" when the day is unknown,
 * "declared" when no document backs it. Both matter to whoever reads the record.
 */
export function BirthDateText({ birthDate }: { birthDate: BirthDateValue | null }) {
  const { t } = useTranslation();
  const calendar = useCalendarDate();
  if (!birthDate) return <span className="muted">{t('registry.birthDate.unknown')}</span>;
  return (
    <span className="birth-date" data-testid="birth-date" data-precision={birthDate.precision} data-declared={birthDate.declared}>
      {birthDate.precision === 'year' ? birthDate.value.slice(0, 4) : calendar(birthDate.value)}
      {birthDate.precision === 'year' && <span className="mark">{t('registry.birthDate.yearOnlyMark')}</span>}
      {birthDate.declared && <span className="mark">{t('registry.birthDate.declaredMark')}</span>}
    </span>
  );
}
