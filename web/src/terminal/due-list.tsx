import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { moneyText } from '../programs/money-text.ts';
import { useBilingual } from './bilingual.ts';
import { plainQuantity } from './decimal.ts';
import { hasRemaining } from './offline-due.ts';
import type { Due } from './terminal-types.ts';

/** What is due to the card at this point now, one entitlement a row; collected ones say when and where. */
export function DueList({ due, source, onChoose }: { due: Due[]; source: 'server' | 'cache'; onChoose: (due: Due) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useBilingual();
  if (due.length === 0) {
    return (
      <p className="notice notice-info" data-testid="nothing-due">
        {t('terminal.due.nothing')}
      </p>
    );
  }
  return (
    <section aria-label={t('terminal.due.title')} data-testid="due-list" data-source={source}>
      <h2>{t('terminal.due.title')}</h2>
      {source === 'cache' && <p className="hint" data-testid="due-from-cache">{t('terminal.due.fromCache')}</p>}
      <ul className="due-items">
        {due.map((item) => {
          const left = hasRemaining(item);
          const last = item.pickups[item.pickups.length - 1];
          return (
            <li key={`${item.cycleId}:${item.subject}`} className={`due-item ${left ? '' : 'due-collected'}`} data-testid="due-item" data-program={item.program.code} data-remaining={item.remaining}>
              <p className="due-program">
                <strong>{name(item.program.name)}</strong> · {item.period}
              </p>
              <p>
                {t('terminal.due.remaining', { remaining: plainQuantity(item.remaining), quantity: plainQuantity(item.quantity), unit: item.program.measure })}
                {' · '}
                {t('terminal.due.price', { price: moneyText(item.pricePerUnit, format.locale), currency: item.currency, unit: item.program.measure })}
              </p>
              {item.pickups.length > 0 && (
                <ul className="small muted" data-testid="due-pickups">
                  {item.pickups.map((p) => (
                    <li key={p.redemptionId}>
                      {t('terminal.due.pickup', { quantity: plainQuantity(p.quantity), when: format.dateTime(p.redeemedAt), point: p.pointCode, terminal: p.terminalLabel ?? '' })}
                    </li>
                  ))}
                </ul>
              )}
              {left ? (
                <button type="button" className="primary big-button" onClick={() => onChoose(item)} data-testid="due-choose">
                  {t('terminal.due.handOver')}
                </button>
              ) : (
                <p className="notice notice-error" role="status" data-testid="due-collected">
                  {last
                    ? t('terminal.already.at', { when: format.dateTime(last.redeemedAt), point: last.pointCode, terminal: last.terminalLabel ?? '' })
                    : t('terminal.already.onThisDevice')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
