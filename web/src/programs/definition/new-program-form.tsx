import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { Program } from '../../api/contracts.ts';
import { createProgram } from '../../api/programs.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { definitionOf, definitionProblems, EMPTY_DRAFT, refusedField, type DefinitionDraft, type DefinitionField } from './definition-draft.ts';
import { DefinitionFields, fieldId } from './definition-fields.tsx';

const PREFIX = 'new-program';

/**
 * Defines a new program, as a draft: nothing is public and nothing runs until it has a
 * rule and is activated. The code must fall within the official's program scopes.
 */
export function NewProgramForm({ onCreated, onCancel }: { onCreated: (program: Program) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DefinitionDraft>(EMPTY_DRAFT);
  const [reason, setReason] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = <K extends keyof DefinitionDraft>(key: K, value: DefinitionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const problems = useMemo(() => definitionProblems(draft, { creating: true, ...(reason.trim() ? { reason } : {}) }), [draft, reason]);
  // A field the server refused is marked too, with the server's words in the message above.
  const refused = error instanceof ApiError ? refusedField(error.details) : undefined;
  const problem = (field: DefinitionField) => (showProblems ? problems.get(field) : undefined) ?? (field === refused ? 'refused' : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (problems.size) {
      document.getElementById(fieldId(PREFIX, [...problems.keys()][0]!))?.focus();
      return;
    }
    setWorking(true);
    setError(undefined);
    try {
      onCreated(await createProgram({ code: draft.code.trim(), ...definitionOf(draft), ...(reason.trim() ? { reason: reason.trim() } : {}) }));
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  return (
    <form className="card program-form" onSubmit={submit} noValidate aria-labelledby="new-program-heading" data-testid="new-program-form">
      <h2 id="new-program-heading">{t('programs.console.create.title')}</h2>
      <p className="hint">{t('programs.console.create.intro')}</p>
      <DefinitionFields idPrefix={PREFIX} draft={draft} set={set} problem={problem} creating ruled={false} />
      <div className="field">
        <label htmlFor={fieldId(PREFIX, 'reason')}>{t('programs.console.fields.createReason')}</label>
        <input
          id={fieldId(PREFIX, 'reason')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={problem('reason') ? true : undefined}
          aria-describedby={`${fieldId(PREFIX, 'reason')}-hint`}
          data-testid={fieldId(PREFIX, 'reason')}
        />
        <p className="hint" id={`${fieldId(PREFIX, 'reason')}-hint`}>
          {t('programs.console.hints.createReason')}
        </p>
        {problem('reason') && (
          <p className="field-problem" data-testid={`${fieldId(PREFIX, 'reason')}-problem`}>
            {t(`programs.console.problems.${problem('reason')!}`)}
          </p>
        )}
      </div>
      <div aria-live="polite">
        <ProblemMessage error={error} testId="new-program-error" />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="new-program-submit">
          {working ? t('registry.saving') : t('programs.console.create.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={working} data-testid="new-program-cancel">
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
