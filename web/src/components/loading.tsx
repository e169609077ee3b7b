import { useTranslation } from 'react-i18next';

/** A polite, screen-reader-announced "loading" line. */
export function Loading({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" data-testid="loading">
      {text ?? t('app.loading')}
    </p>
  );
}
