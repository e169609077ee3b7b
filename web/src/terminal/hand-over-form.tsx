import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/error-message.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { moneyText } from '../programs/money-text.ts';
import { isZeroMoney, plainQuantity, priceOf, quantityOf, quantityText } from './decimal.ts';
import { normaliseQuantity, quantityProblem } from './quantity-input.ts';
import { useBilingual } from './bilingual.ts';
import type { Due, PaymentMethod } from './terminal-types.ts';

export interface HandOverChoice {
  quantity: string;
  method: PaymentMethod;
  reference?: string;
}

/**
 * How much (all of it, or part where the program allows partial pickups) and how the
 * price is paid (cash, or a mobile payment with its reference; nothing when the price
 * is 0), then confirm.
 */
export function HandOverForm({ due, onConfirm, onCancel }: { due: Due; onConfirm: (choice: HandOverChoice) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useBilingual();
  const [quantity, setQuantity] = useState(plainQuantity(due.remaining));
  const [method, setMethod] = useState<'cash' | 'mobile'>('cash');
  const [reference, setReference] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const problem = due.partialPickups ? quantityProblem(quantity, due.remaining) : undefined;
  const amount = problem ? undefined : priceOf(normaliseQuantity(quantity), due.pricePerUnit);
  const free = amount !== undefined && isZeroMoney(amount);
  const missingReference = !free && method === 'mobile' && !reference.trim();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem || missingReference || amount === undefined) return;
    setWorking(true);
    setError(undefined);
    try {
      await onConfirm({ quantity: quantityText(quantityOf(normaliseQuantity(quantity))!), method: free ? 'none' : method, ...(method === 'mobile' && !free ? { reference: reference.trim() } : {}) });
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  return (
    <form className="terminal-card stack" onSubmit={submit} data-testid="hand-over-form">
      <h2>
        {name(due.program.name)} · {due.period}
      </h2>
      <ErrorMessage error={error} testId="hand-over-error" />
      {due.partialPickups ? (
        <div className="field">
          <label htmlFor="hand-over-quantity">{t('terminal.handOver.quantity', { unit: due.program.measure, remaining: plainQuantity(due.remaining) })}</label>
          <input
            id="hand-over-quantity"
            inputMode="decimal"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            aria-invalid={problem ? true : undefined}
            data-testid="hand-over-quantity"
          />
          {problem && (
            <p className="field-problem" data-testid="hand-over-quantity-problem">
              {t(`terminal.handOver.problems.${problem}`)}
            </p>
          )}
        </div>
      ) : (
        <p data-testid="hand-over-whole">{t('terminal.handOver.whole', { quantity: plainQuantity(due.remaining), unit: due.program.measure })}</p>
      )}
      <p className="hand-over-amount" data-testid="hand-over-amount">
        {amount === undefined ? '—' : t('terminal.handOver.amount', { amount: moneyText(amount, format.locale), currency: due.currency })}
      </p>
      {!free && (
        <fieldset className="field">
          <legend>{t('terminal.handOver.method')}</legend>
          {(['cash', 'mobile'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} data-testid={`pay-${m}`} /> {t(`terminal.payment.${m}`)}
            </label>
          ))}
          {method === 'mobile' && (
            <div className="field">
              <label htmlFor="hand-over-reference">{t('terminal.handOver.reference')}</label>
              <input id="hand-over-reference" maxLength={64} value={reference} onChange={(e) => setReference(e.target.value)} data-testid="pay-reference" />
            </div>
          )}
        </fieldset>
      )}
      <div className="terminal-actions">
        <button type="button" className="big-button" onClick={onCancel} disabled={working} data-testid="hand-over-cancel">
          {t('terminal.handOver.cancel')}
        </button>
        <button type="submit" className="primary big-button" disabled={working || !!problem || missingReference} data-testid="hand-over-confirm">
          {working ? t('terminal.handOver.working') : t('terminal.handOver.confirm')}
        </button>
      </div>
    </form>
  );
}
