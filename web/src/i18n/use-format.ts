import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from './setup.ts';

/** Formatters for the chosen language, in the browser's own variant of it and time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(locale);
    return {
      locale,
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      /** The day of an instant, in the browser's time zone. */
      date: (iso: string) => date.format(new Date(iso)),
      number: (value: number) => number.format(value),
    };
  }, [locale]);
}
