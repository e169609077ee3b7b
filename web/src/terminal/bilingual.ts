import { useTranslation } from 'react-i18next';

/** A name the server publishes in both languages (a program's). */
export interface Bilingual {
  es: string;
  en: string;
}

/** The name in the language on screen. */
export function useBilingual(): (text: Bilingual) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'es' ? text.es : text.en);
}
