import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { errorText } from '../i18n/error-text.ts';
import { useFormat } from '../i18n/use-format.ts';

/** Codes whose server message says what exactly was wrong: worth showing after the translation. */
const EXPLAINED = new Set(['VALIDATION_FAILED', 'RULE_VIOLATION', 'CONFLICT', 'FORBIDDEN']);

/**
 * An error in the official's language, a translated explanation when the caller can
 * give one from the details, and, for a refusal by the rules, the server's own words
 * (in English: they name the field or the term that was refused).
 */
export function ProblemMessage({ error, testId, explanation }: { error: unknown; testId: string; explanation?: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (error === undefined || error === null) return null;
  const text = errorText(t, error, format.dateTime);
  const detail = error instanceof ApiError && EXPLAINED.has(error.code) && error.message !== error.code && error.message !== text ? error.message : undefined;
  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-code={error instanceof ApiError ? error.code : 'INTERNAL'}>
      <p>{text}</p>
      {explanation && (
        <p className="explanation" data-testid={`${testId}-explanation`}>
          {explanation}
        </p>
      )}
      {detail && (
        <p className="server-detail" data-testid={`${testId}-detail`}>
          <span className="muted">{t('registry.serverSays')}</span> <span lang="en">{detail}</span>
        </p>
      )}
    </div>
  );
}
