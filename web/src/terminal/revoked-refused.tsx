import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import type { QueuedRecord } from './redemption-queue.ts';
import { wipeDevice } from './terminal-store.ts';

/**
 * A revoked device whose records the server answered, but refused some (made after the
 * revocation, say): they are hand-overs that happened, so they stay on screen, with why,
 * for a supervisor to see, and the device is erased only when the agent says so — twice.
 */
export function RevokedRefused({ refused, onErased }: { refused: QueuedRecord[]; onErased: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirming, setConfirming] = useState(false);
  const [erasing, setErasing] = useState(false);
  const erase = async () => {
    setErasing(true);
    await wipeDevice();
    onErased();
  };
  return (
    <section className="stack" data-testid="terminal-revoked-refused" data-refused={refused.length}>
      <p className="notice notice-error" role="alert">
        {t('terminal.revokedRefused', { count: refused.length })}
      </p>
      <ul>
        {refused.map(({ record, refused: why }) => (
          <li key={record.id} data-testid="revoked-refused-record">
            {t('terminal.revokedRefusedItem', {
              when: format.dateTime(record.redeemedAt),
              card: record.cardNumber || '—',
              quantity: record.quantity,
              amount: record.payment.amount,
              currency: record.payment.currency,
              message: why?.message || why?.code || '',
            })}
          </li>
        ))}
      </ul>
      {!confirming ? (
        <button type="button" className="link-button" onClick={() => setConfirming(true)} data-testid="revoked-erase">
          {t('terminal.revokedErase')}
        </button>
      ) : (
        <div className="stack">
          <p>{t('terminal.revokedEraseConfirm')}</p>
          <button type="button" className="big-button" disabled={erasing} onClick={() => void erase()} data-testid="revoked-erase-confirm">
            {t('terminal.revokedErase')}
          </button>
        </div>
      )}
    </section>
  );
}
