import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { Program } from '../../api/contracts.ts';
import { editProgram } from '../../api/programs.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { definitionChanges, definitionProblems, draftOf, refusedField, type DefinitionDraft, type DefinitionField } from './definition-draft.ts';
import { DefinitionFields, fieldId } from './definition-fields.tsx';

const PREFIX = 'edit-program';

interface DefinitionFormProps {
  program: Program;
  /** The program has a published rule: sector, unit, benefit kind, measure, currency and frequency are fixed. */
  ruled: boolean;
  onSaved: (program: Program) => void;
  onCancel: () => void;
  /** Reads the program again, after someone else changed it. */
  onReload: () => void;
}

/**
 * Changes a program's definition: a new version with the reason, never an overwrite.
 * The version read goes with the change, so that a change someone made meanwhile is
 * never lost: the server answers 409 and the official reloads and compares.
 */
export function DefinitionForm({ program, ruled, onSaved, onCancel, onReload }: DefinitionFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DefinitionDraft>(() => draftOf(program));
  const [reason, setReason] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const [nothing, setNothing] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = <K extends keyof DefinitionDraft>(key: K, value: DefinitionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const problems = useMemo(() => definitionProblems(draft, { creating: false, reason }), [draft, reason]);
  const refused = error instanceof ApiError ? refusedField(error.details) : undefined;
  const problem = (field: DefinitionField) => (showProblems ? problems.get(field) : undefined) ?? (field === refused ? 'refused' : undefined);
  const conflict = error instanceof ApiError && error.code === 'CONFLICT';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    setNothing(false);
    if (problems.size) {
      document.getElementById(fieldId(PREFIX, [...problems.keys()][0]!))?.focus();
      return;
    }
    const changes = definitionChanges(program, draft);
    if (Object.keys(changes).length === 0) return setNothing(true);
    setWorking(true);
    setError(undefined);
    try {
      onSaved(await editProgram(program.code, { expectedVersion: program.version, reason: reason.trim(), changes }));
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  const reasonId = fieldId(PREFIX, 'reason');
  return (
    <form className="card program-form" onSubmit={submit} noValidate aria-labelledby="edit-program-heading" data-testid="edit-program-form">
      <h3 id="edit-program-heading">{t('programs.console.definition.editTitle')}</h3>
      <p className="hint">{t('programs.console.definition.editIntro', { version: program.version })}</p>
      <DefinitionFields idPrefix={PREFIX} draft={draft} set={set} problem={problem} creating={false} ruled={ruled} />
      <div className="field">
        <label htmlFor={reasonId}>
          {t('programs.console.fields.reason')} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <textarea
          id={reasonId}
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={problem('reason') ? true : undefined}
          aria-describedby={`${reasonId}-hint`}
          data-testid={reasonId}
        />
        <p className="hint" id={`${reasonId}-hint`}>
          {t('programs.console.hints.reason')}
        </p>
        {problem('reason') && (
          <p className="field-problem" data-testid={`${reasonId}-problem`}>
            {t(`programs.console.problems.${problem('reason')!}`)}
          </p>
        )}
      </div>
      <div aria-live="polite">
        {nothing && (
          <p className="notice notice-info" data-testid="edit-program-nothing">
            {t('programs.console.definition.nothingChanged')}
          </p>
        )}
        {conflict ? (
          <div className="notice notice-error" role="alert" data-testid="edit-program-conflict">
            <p>{t('programs.console.definition.conflict')}</p>
            <p>
              <button type="button" onClick={onReload} data-testid="edit-program-reload">
                {t('programs.console.reload')}
              </button>
            </p>
          </div>
        ) : (
          <ProblemMessage error={error} testId="edit-program-error" />
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="edit-program-submit">
          {working ? t('registry.saving') : t('programs.console.definition.save')}
        </button>
        <button type="button" onClick={onCancel} disabled={working} data-testid="edit-program-cancel">
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
