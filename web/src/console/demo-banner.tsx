import { useTranslation } from 'react-i18next';

/** Says plainly that this is not a real installation, and why no second factor was asked. */
export function DemoBanner({ skippedSecondFactor }: { skippedSecondFactor: boolean }) {
  const { t } = useTranslation();
  return (
    <aside className="demo-banner" aria-label={t('demo.title')} data-testid="demo-banner">
      <strong>{t('demo.title')}.</strong> {t('demo.text')} {skippedSecondFactor && t('demo.skipped')}
    </aside>
  );
}
