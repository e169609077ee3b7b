import { useTranslation } from 'react-i18next';
import { FieldProblem, problemProps } from '../field-problem.tsx';
import { IntroducerPicker } from './introducer-picker.tsx';
import type { DocumentType, EvidenceDraft, EvidenceKind, ProblemKey } from './member-draft.ts';

const KINDS: readonly EvidenceKind[] = ['document', 'introducer', 'household_head', 'sworn_declaration'];
const DOCUMENT_TYPES: readonly DocumentType[] = ['national_id', 'passport', 'birth_certificate', 'foreign_id'];

interface EvidenceFieldsProps {
  idPrefix: string;
  value: EvidenceDraft;
  onChange: (value: EvidenceDraft) => void;
  /** The head cannot be vouched for by the head. */
  isHead: boolean;
  problem: (field: string) => ProblemKey | undefined;
  testPrefix: string;
}

/**
 * How the person's identity is known. Four plain choices, a document being only the
 * first: many residents have none, and they must be able to enrol all the same.
 */
export function EvidenceFields({ idPrefix, value, onChange, isHead, problem, testPrefix }: EvidenceFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<EvidenceDraft>) => onChange({ ...value, ...patch });
  const groupProblem = problem(`${idPrefix}-evidence-document`);
  const numberId = `${idPrefix}-document-number`;
  const noteId = `${idPrefix}-evidence-note`;

  return (
    <fieldset className="subfields evidence-fields" aria-describedby={groupProblem ? `${idPrefix}-evidence-document-problem` : undefined} data-testid={`${testPrefix}-evidence`}>
      <legend>{t('registry.evidence.legend')}</legend>
      <p className="hint">{t('registry.evidence.hint')}</p>
      <div className="choices">
        {KINDS.map((kind) => {
          const disabled = kind === 'household_head' && isHead;
          return (
            <label key={kind} className={`choice${value.kind === kind ? ' chosen-choice' : ''}${disabled ? ' disabled-choice' : ''}`}>
              <input
                type="radio"
                id={`${idPrefix}-evidence-${kind.replace('_', '-')}`}
                name={`${idPrefix}-evidence`}
                value={kind}
                checked={value.kind === kind}
                disabled={disabled}
                aria-invalid={groupProblem ? true : undefined}
                onChange={() => set({ kind })}
                data-testid={`${testPrefix}-evidence-${kind}`}
              />
              <span>
                <strong>{t(`registry.evidence.kinds.${kind}`)}</strong>
                <span className="choice-help">{disabled ? t('registry.evidence.notForHead') : t(`registry.evidence.help.${kind}`)}</span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldProblem id={`${idPrefix}-evidence-document`} problem={groupProblem} />

      {value.kind === 'document' && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${idPrefix}-document-type`}>{t('registry.evidence.documentType')}</label>
            <select
              id={`${idPrefix}-document-type`}
              value={value.documentType}
              onChange={(e) => set({ documentType: e.target.value as DocumentType })}
              data-testid={`${testPrefix}-document-type`}
            >
              {DOCUMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`registry.evidence.documentTypes.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={numberId}>{t('registry.evidence.documentNumber')}</label>
            <input
              id={numberId}
              value={value.documentNumber}
              maxLength={20}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              onChange={(e) => set({ documentNumber: e.target.value })}
              {...problemProps(numberId, problem(numberId), `${numberId}-hint`)}
              data-testid={`${testPrefix}-document-number`}
            />
            <p className="hint" id={`${numberId}-hint`}>
              {t('registry.evidence.documentNumberHint')}
            </p>
            <FieldProblem id={numberId} problem={problem(numberId)} />
          </div>
        </div>
      )}
      {value.kind === 'introducer' && (
        <IntroducerPicker
          inputId={`${idPrefix}-introducer-name`}
          chosen={value.introducer}
          onChoose={(introducer) => set({ introducer })}
          problem={problem(`${idPrefix}-introducer-name`)}
          testPrefix={testPrefix}
        />
      )}
      {(value.kind === 'introducer' || value.kind === 'household_head' || value.kind === 'sworn_declaration') && (
        <div className="field">
          <label htmlFor={noteId}>{value.kind === 'sworn_declaration' ? t('registry.evidence.declarationNote') : t('registry.evidence.note')}</label>
          <textarea
            id={noteId}
            rows={2}
            maxLength={500}
            value={value.note}
            onChange={(e) => set({ note: e.target.value })}
            {...problemProps(noteId, problem(noteId))}
            data-testid={`${testPrefix}-evidence-note`}
          />
          <FieldProblem id={noteId} problem={problem(noteId)} />
        </div>
      )}
    </fieldset>
  );
}
