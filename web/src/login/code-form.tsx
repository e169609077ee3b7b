import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { giveSecondFactor } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import type { LoginResponse } from '../api/contracts.ts';
import { ErrorMessage } from '../components/error-message.tsx';

interface CodeFormProps {
  onAnswer: (answer: LoginResponse) => Promise<void>;
  /** The pending login expired (it lasts minutes): back to the password. */
  onExpired: () => void;
}

/** The six-digit code of the authenticator: the second factor, and the end of enrolment. */
export function CodeForm({ onAnswer, onExpired }: CodeFormProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notSixDigits, setNotSixDigits] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Apps show "123 456"; the server wants the digits alone.
    const digits = code.replace(/\s+/g, '');
    setError(undefined);
    setNotSixDigits(!/^\d{6}$/.test(digits));
    if (!/^\d{6}$/.test(digits)) return;
    setWorking(true);
    try {
      await onAnswer(await giveSecondFactor(digits));
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'UNAUTHENTICATED') return onExpired();
      setError(failure);
      setCode('');
      setWorking(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate data-testid="code-form">
      <ErrorMessage error={error} testId="code-error" />
      {notSixDigits && (
        <p className="notice notice-error" role="alert" data-testid="code-error">
          {t('login.code.notSixDigits')}
        </p>
      )}
      <div className="field">
        <label htmlFor="code">{t('login.code.label')}</label>
        <input
          id="code"
          name="code"
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          required
          autoFocus
          aria-describedby="code-hint"
          aria-invalid={notSixDigits || error !== undefined}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="code-input"
        />
        <p id="code-hint" className="hint">
          {t('login.code.hint')}
        </p>
      </div>
      <button type="submit" className="primary" disabled={working} data-testid="code-submit">
        {working ? t('login.working') : t('login.code.submit')}
      </button>
    </form>
  );
}
