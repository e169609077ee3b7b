import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cycle } from '../../api/contracts.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';

/** The server's minimum for a cycle's reason (src/cycles/schemas.ts CycleReason). */
const REASON_MIN = 10;

interface CycleReasonFormProps {
  /** "close" or "override": ids and test ids. */
  kind: 'close' | 'override';
  title: string;
  intro: string;
  submitLabel: string;
  send: (reason: string) => Promise<Cycle>;
  onDone: (cycle: Cycle) => void;
  onCancel: () => void;
  /** What to say beside an error, from the error (the override's "a second official must give it"). */
  explain?: (error: unknown) => string | undefined;
  children?: ReactNode;
}

/** Closing a cycle or overriding its budget: each needs a reason of at least ten characters, and is audited with it. */
export function CycleReasonForm({ kind, title, intro, submitLabel, send, onDone, onCancel, explain, children }: CycleReasonFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [short, setShort] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = `cycle-${kind}-reason`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < REASON_MIN) {
      setShort(true);
      document.getElementById(id)?.focus();
      return;
    }
    setShort(false);
    setWorking(true);
    setError(undefined);
    try {
      onDone(await send(reason.trim()));
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  return (
    <form className="card cycle-form" onSubmit={submit} noValidate data-testid={`cycle-${kind}-form`}>
      <h5 className="h5">{title}</h5>
      <p className="hint">{intro}</p>
      {children}
      <div className="field">
        <label htmlFor={id}>
          {t('programs.console.fields.reason')} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <textarea id={id} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={short ? true : undefined} data-testid={id} />
        {short && (
          <p className="field-problem" data-testid={`${id}-problem`}>
            {t('programs.console.problems.cycleReason', { count: REASON_MIN })}
          </p>
        )}
      </div>
      <div aria-live="polite">
        <ProblemMessage error={error} testId={`cycle-${kind}-error`} explanation={error ? explain?.(error) : undefined} />
      </div>
      <div className="actions">
        <button type="submit" className={kind === 'close' ? 'danger-solid' : 'primary'} disabled={working} data-testid={`cycle-${kind}-submit`}>
          {working ? t('registry.saving') : submitLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={working}>
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
