import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/error-text.ts';
import { useFormat } from '../i18n/use-format.ts';

/** An error in the person's language, announced by screen readers as it appears. */
export function ErrorMessage({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (error === undefined || error === null) return null;
  return (
    <p className="notice notice-error" role="alert" data-testid={testId ?? 'error'}>
      {errorText(t, error, format.dateTime)}
    </p>
  );
}
