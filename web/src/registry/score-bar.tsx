import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';

/**
 * How alike two records are, 0 to 1, as a bar and a percentage. The bar is drawn,
 * the number is read: screen readers get "Likeness: 87 %".
 */
export function ScoreBar({ score }: { score: number }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const clamped = Math.min(1, Math.max(0, score));
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(clamped);
  const level = clamped >= 0.9 ? 'high' : clamped >= 0.6 ? 'medium' : 'low';
  return (
    <div className="score" data-testid="score" data-score={clamped.toFixed(3)}>
      <span className="score-label">{t('registry.score.label')}</span>
      <span className={`score-bar score-${level}`} aria-hidden="true">
        <span style={{ width: `${Math.round(clamped * 100)}%` }} />
      </span>
      <strong className="score-value">{percent}</strong>
    </div>
  );
}
