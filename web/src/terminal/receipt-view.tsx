import { useTranslation } from 'react-i18next';
import { formatCardNumber } from '../../../src/credentials/codec/card-number.ts';
import { useFormat } from '../i18n/use-format.ts';
import { moneyText } from '../programs/money-text.ts';
import { useBilingual } from './bilingual.ts';
import { plainQuantity } from './decimal.ts';
import type { ShownReceipt } from './terminal-actions.ts';

/** The receipt of a hand-over, on screen and on paper (print stylesheet: only the receipt prints). */
export function ReceiptView({ receipt, cardNumber, onNext }: { receipt: ShownReceipt; cardNumber?: string; onNext: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useBilingual();
  return (
    <section className="terminal-card terminal-receipt" data-testid="receipt" data-redemption-id={receipt.redemptionId} data-offline={receipt.offline} data-queued={receipt.queued} aria-labelledby="receipt-title">
      <h2 id="receipt-title" className="receipt-done" data-testid="receipt-title">
        <span aria-hidden="true">✓ </span>
        {t('terminal.receipt.title')}
      </h2>
      {receipt.queued && (
        <p className="notice notice-info" data-testid="receipt-queued">
          {t('terminal.receipt.queued')}
        </p>
      )}
      {receipt.offline && !receipt.queued && <p className="notice notice-info">{t('terminal.receipt.offlineSynced')}</p>}
      <dl className="facts">
        {receipt.receiptNo !== undefined && (
          <>
            <dt>{t('terminal.receipt.number')}</dt>
            <dd data-testid="receipt-number">{receipt.receiptNo}</dd>
          </>
        )}
        <dt>{t('terminal.receipt.program')}</dt>
        <dd data-testid="receipt-program">
          {name(receipt.program.name)} · {receipt.period}
        </dd>
        <dt>{t('terminal.receipt.quantity')}</dt>
        <dd data-testid="receipt-quantity">{plainQuantity(receipt.quantity)}</dd>
        <dt>{t('terminal.receipt.remaining')}</dt>
        <dd data-testid="receipt-remaining">{plainQuantity(receipt.remaining)}</dd>
        <dt>{t('terminal.receipt.amount')}</dt>
        <dd data-testid="receipt-amount">
          {moneyText(receipt.amount, format.locale)} {receipt.currency}
        </dd>
        <dt>{t('terminal.receipt.payment')}</dt>
        <dd data-testid="receipt-payment">
          {t(`terminal.payment.${receipt.paymentMethod}`)}
          {receipt.paymentReference ? ` · ${receipt.paymentReference}` : ''}
        </dd>
        {cardNumber && (
          <>
            <dt>{t('terminal.receipt.card')}</dt>
            <dd>{formatCardNumber(cardNumber)}</dd>
          </>
        )}
        <dt>{t('terminal.receipt.where')}</dt>
        <dd data-testid="receipt-where">
          {receipt.pointName} ({receipt.pointCode}){receipt.terminalLabel ? ` · ${receipt.terminalLabel}` : ''}
        </dd>
        <dt>{t('terminal.receipt.when')}</dt>
        <dd>{format.dateTime(receipt.redeemedAt)}</dd>
        <dt>{t('terminal.receipt.agent')}</dt>
        <dd>{receipt.agentName}</dd>
        <dt>{t('terminal.receipt.reference')}</dt>
        <dd className="small" data-testid="receipt-id">
          {receipt.redemptionId}
        </dd>
      </dl>
      {receipt.smsQueued && (
        <p className="notice notice-ok" data-testid="receipt-sms">
          {t('terminal.receipt.sms')}
        </p>
      )}
      <div className="terminal-actions no-print">
        <button type="button" className="big-button" onClick={() => window.print()} data-testid="receipt-print">
          {t('terminal.receipt.print')}
        </button>
        <button type="button" className="primary big-button" onClick={onNext} autoFocus data-testid="next-person">
          {t('terminal.receipt.next')}
        </button>
      </div>
    </section>
  );
}
