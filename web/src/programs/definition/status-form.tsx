import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { Program } from '../../api/contracts.ts';
import { changeProgramStatus } from '../../api/programs.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';

interface StatusFormProps {
  program: Program;
  action: 'activate' | 'close';
  onDone: (program: Program) => void;
  onCancel: () => void;
  onReload: () => void;
}

/**
 * Activates a draft (it becomes public, with its rules) or closes an active program
 * (final: its rules stay published, it runs no more cycles), with the reason.
 */
export function StatusForm({ program, action, onDone, onCancel, onReload }: StatusFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = `program-${action}-reason`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setMissing(true);
      document.getElementById(id)?.focus();
      return;
    }
    setMissing(false);
    setWorking(true);
    setError(undefined);
    try {
      onDone(await changeProgramStatus(program.code, action, { expectedVersion: program.version, reason: reason.trim() }));
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  const conflict = error instanceof ApiError && error.code === 'CONFLICT';
  return (
    <form className={`card status-form${action === 'close' ? ' confirm' : ''}`} onSubmit={submit} noValidate data-testid={`program-${action}-form`}>
      <h3>{t(`programs.console.status.${action}Title`)}</h3>
      <p className="hint">{t(`programs.console.status.${action}Intro`)}</p>
      <div className="field">
        <label htmlFor={id}>
          {t('programs.console.fields.reason')} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <textarea id={id} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={missing ? true : undefined} data-testid={id} />
        {missing && (
          <p className="field-problem" data-testid={`${id}-problem`}>
            {t('programs.console.problems.reason')}
          </p>
        )}
      </div>
      <div aria-live="polite">
        {conflict ? (
          <div className="notice notice-error" role="alert" data-testid={`program-${action}-conflict`}>
            <p>{t('programs.console.definition.conflict')}</p>
            <p>
              <button type="button" onClick={onReload}>
                {t('programs.console.reload')}
              </button>
            </p>
          </div>
        ) : (
          <ProblemMessage error={error} testId={`program-${action}-error`} />
        )}
      </div>
      <div className="actions">
        <button type="submit" className={action === 'close' ? 'danger-solid' : 'primary'} disabled={working} data-testid={`program-${action}-submit`}>
          {working ? t('registry.saving') : t(`programs.console.status.${action}`)}
        </button>
        <button type="button" onClick={onCancel} disabled={working}>
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
