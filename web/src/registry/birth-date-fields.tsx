import { useTranslation } from 'react-i18next';
import type { BirthDateDraft, ProblemKey } from './enrol/member-draft.ts';
import { FieldProblem, problemProps } from './field-problem.tsx';

interface BirthDateFieldsProps {
  /** Ids are `${idPrefix}-birth-date`, `-birth-year`, `-year-only`, `-declared`. */
  idPrefix: string;
  value: BirthDateDraft;
  onChange: (value: BirthDateDraft) => void;
  problem: (field: string) => ProblemKey | undefined;
  testPrefix: string;
}

/**
 * A birth date for people who may not know it: a full date, or only the year when
 * that is all that is known; and whether it was declared without a document.
 */
export function BirthDateFields({ idPrefix, value, onChange, problem, testPrefix }: BirthDateFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<BirthDateDraft>) => onChange({ ...value, ...patch });
  const dateId = `${idPrefix}-birth-date`;
  const yearId = `${idPrefix}-birth-year`;
  const thisYear = new Date().getFullYear();
  return (
    <fieldset className="subfields birth-fields">
      <legend>{t('registry.fields.birthDate')}</legend>
      {value.yearOnly ? (
        <div className="field field-narrow">
          <label htmlFor={yearId}>{t('registry.birthDate.year')}</label>
          <input
            id={yearId}
            inputMode="numeric"
            maxLength={4}
            autoComplete="off"
            placeholder={String(thisYear - 40)}
            value={value.year}
            onChange={(e) => set({ year: e.target.value.replace(/\D/g, '') })}
            {...problemProps(yearId, problem(yearId))}
            data-testid={`${testPrefix}-birth-year`}
          />
          <FieldProblem id={yearId} problem={problem(yearId)} />
        </div>
      ) : (
        <div className="field field-narrow">
          <label htmlFor={dateId}>{t('registry.birthDate.date')}</label>
          <input
            id={dateId}
            type="date"
            min="1890-01-01"
            max={new Date().toISOString().slice(0, 10)}
            value={value.date}
            onChange={(e) => set({ date: e.target.value })}
            {...problemProps(dateId, problem(dateId))}
            data-testid={`${testPrefix}-birth-date`}
          />
          <FieldProblem id={dateId} problem={problem(dateId)} />
        </div>
      )}
      <div className="checks">
        <label className="check">
          <input
            type="checkbox"
            checked={value.yearOnly}
            onChange={(e) => set({ yearOnly: e.target.checked, year: e.target.checked && !value.year && value.date ? value.date.slice(0, 4) : value.year })}
            data-testid={`${testPrefix}-year-only`}
          />
          {t('registry.birthDate.yearOnly')}
        </label>
        <label className="check">
          <input type="checkbox" checked={value.declared} onChange={(e) => set({ declared: e.target.checked })} data-testid={`${testPrefix}-declared`} />
          {t('registry.birthDate.declared')}
        </label>
      </div>
    </fieldset>
  );
}
