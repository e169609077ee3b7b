import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AttributeType, Sector, Sensitivity } from '../api/contracts.ts';
import { SpecialMark } from './special-mark.tsx';
import { enumValueText } from './use-catalogue.ts';

interface EntryContent {
  labels: Record<string, string>;
  type: AttributeType;
  values: string[];
  sensitivity: Sensitivity;
  purposes: Sector[];
  legalBasis: string;
}

/** What an entry declares, as a definition list: shared by the public page and the proposals. */
export function EntryFacts({ entry }: { entry: EntryContent }) {
  const { t, i18n } = useTranslation();
  // The label in the language shown is the entry's title; the others follow, named in this language.
  const others = Object.entries(entry.labels).filter(([language]) => language !== i18n.language);
  return (
    <dl className="facts entry-facts">
      {others.map(([language, label]) => (
        <div className="fact-pair" key={language}>
          <dt>{t('catalogue.fields.otherLabel', { language: languageName(t, language) })}</dt>
          <dd lang={language}>{label}</dd>
        </div>
      ))}
      <dt>{t('catalogue.fields.type')}</dt>
      <dd data-testid="entry-type">
        {t(`catalogue.types.${entry.type}`)}
        {entry.type === 'enum' && entry.values.length > 0 && <span className="muted">: {entry.values.map(enumValueText).join(', ')}</span>}
      </dd>
      <dt>{t('catalogue.fields.sensitivity')}</dt>
      <dd data-testid="entry-sensitivity">{entry.sensitivity === 'special' ? <SpecialMark /> : t('catalogue.sensitivity.normal')}</dd>
      <dt>{t('catalogue.fields.purposesShort')}</dt>
      <dd data-testid="entry-purposes">{entry.purposes.map((p) => t(`catalogue.sectors.${p}`)).join(', ')}</dd>
      <dt>{t('catalogue.fields.legalBasis')}</dt>
      <dd className="legal-basis">{entry.legalBasis}</dd>
    </dl>
  );
}

const KNOWN_LANGUAGES = ['es', 'en', 'pt'] as const;

/** "Spanish" in English, "español" in Spanish; an unknown code as it is. */
function languageName(t: TFunction, code: string): string {
  return (KNOWN_LANGUAGES as readonly string[]).includes(code) ? t(`catalogue.languages.${code as (typeof KNOWN_LANGUAGES)[number]}`) : code;
}
