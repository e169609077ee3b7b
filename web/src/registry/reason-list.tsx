import { useTranslation } from 'react-i18next';
import type { DedupReason } from '../api/contracts.ts';

/**
 * Why the records look alike (or not), in the official's language, strongest first as
 * the server sent them: each marked as speaking for or against being the same person.
 */
export function ReasonList({ reasons }: { reasons: readonly DedupReason[] }) {
  const { t, i18n } = useTranslation();
  if (!reasons.length) return null;
  return (
    <ul className="reasons" data-testid="reasons" aria-label={t('registry.score.reasons')}>
      {reasons.map((reason, i) => {
        const side = reason.weight > 0 ? 'for' : reason.weight < 0 ? 'against' : 'neutral';
        return (
          <li key={`${reason.code}-${i}`} className={`reason reason-${side}`} data-testid="reason" data-code={reason.code}>
            <span className="reason-sign" aria-hidden="true">
              {side === 'for' ? '+' : side === 'against' ? '−' : '·'}
            </span>
            <span className="visually-hidden">{t(`registry.score.${side}`)}: </span>
            {i18n.language === 'es' ? reason.es : reason.en}
          </li>
        );
      })}
    </ul>
  );
}
