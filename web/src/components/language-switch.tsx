import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES } from '../i18n/setup.ts';

/** ES | EN, on every screen; the choice is kept in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')} data-testid="language-switch">
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          title={t(`language.${language}Name`)}
          onClick={() => chooseLanguage(language)}
          data-testid={`language-${language}`}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
