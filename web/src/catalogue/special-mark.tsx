import { useTranslation } from 'react-i18next';

/** Says that an attribute is a special category: read only for the sectors its entry lists. */
export function SpecialMark() {
  const { t } = useTranslation();
  return (
    <span className="mark mark-special" title={t('catalogue.specialExplained')} data-testid="special-mark">
      {t('catalogue.special')}
    </span>
  );
}
