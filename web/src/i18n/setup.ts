import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { InvalidReason } from '../../../src/credentials/codec/codec-error.ts';
import type { AuditAction, CardStatus, ErrorCode, IssueReason, Purpose, RevocationReason, Role } from '../api/contracts.ts';
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

type Catalogue = typeof en;

// Checked by `tsc`, free at run time: both catalogues have the same keys, and they
// name every role, purpose, audit action, error code, card status and reason, and
// every reason the card verifier can give.
es satisfies Catalogue;
en satisfies typeof es;
en satisfies {
  roles: Record<Role, string>;
  purposes: Record<Purpose, string>;
  actions: Record<AuditAction, string>;
  errors: Record<ErrorCode, string>;
  cards: { statuses: Record<CardStatus, string>; issueReasons: Record<IssueReason, string>; revocationReasons: Record<RevocationReason, string> };
  verify: { reasons: Record<InvalidReason, string> };
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

const STORAGE_KEY = 'amparo.language';

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** The saved choice, else Spanish when the browser asks for Spanish first, else English. */
function initialLanguage(): Language {
  const saved = readSaved();
  if (saved) return saved;
  const first = navigator.languages?.[0] ?? navigator.language ?? '';
  return first.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function readSaved(): Language | undefined {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : undefined;
  } catch {
    return undefined; // storage disabled: the choice lasts for this page only
  }
}

/** Call once before the first render; the resources are bundled, so it is synchronous. */
export function setUpI18n() {
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    // React escapes what it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}

/** Switches the language of every screen and remembers it in this browser. */
export function chooseLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage disabled: still switch for this page
  }
  void i18n.changeLanguage(language);
}

/**
 * The locale to format dates and numbers in: the browser's own variant of the chosen
 * language when it has one (es-VE, en-GB), else the bare language.
 */
export function formattingLocale(language: string): string {
  return navigator.languages?.find((l) => l.toLowerCase().startsWith(language)) ?? language;
}
