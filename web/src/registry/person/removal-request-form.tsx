import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemovalKind, RemovalRequestInput } from '../../api/contracts.ts';
import { FieldProblem, problemProps } from '../field-problem.tsx';
import { ProblemMessage } from '../problem-message.tsx';

type Reason = RemovalRequestInput['reason'];
const REASONS: readonly Reason[] = ['duplicate', 'death', 'other'];

interface RemovalRequestFormProps {
  /** A person's record, or a household whose members are all removed or merged. */
  kind: RemovalKind;
  /** Sends the request (to the person's or the household's endpoint). */
  send: (body: RemovalRequestInput) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}

/** Asks for a record to be removed. Nothing changes until a second official approves; it can be undone. */
export function RemovalRequestForm({ kind, send, onDone, onCancel }: RemovalRequestFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<Reason>('duplicate');
  const [note, setNote] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const noteProblem = showProblems && note.trim().length < 3 ? ('noteRequired' as const) : undefined;
  const texts = kind === 'person' ? 'removal' : 'householdRemoval';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (note.trim().length < 3) return document.getElementById('removal-note')?.focus();
    setWorking(true);
    setError(undefined);
    try {
      await send({ reason, note: note.trim() });
      onDone();
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="removal-heading" data-testid="removal-form">
      <h2 id="removal-heading">{t(`registry.${texts}.title`)}</h2>
      <p className="hint">{t(`registry.${texts}.intro`)}</p>
      <div className="field field-narrow">
        <label htmlFor="removal-reason">{t('registry.removal.reason')}</label>
        <select id="removal-reason" value={reason} onChange={(e) => setReason(e.target.value as Reason)} data-testid="removal-reason">
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`registry.removal.reasons.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="removal-note">
          {t('registry.removal.note')} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <textarea
          id="removal-note"
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...problemProps('removal-note', noteProblem, 'removal-note-hint')}
          data-testid="removal-note"
        />
        <p className="hint" id="removal-note-hint">
          {t(`registry.${texts}.noteHints.${reason}`)}
        </p>
        <FieldProblem id="removal-note" problem={noteProblem} />
      </div>
      <ProblemMessage error={error} testId="removal-error" />
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="removal-submit">
          {working ? t('registry.saving') : t('registry.removal.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={working}>
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
