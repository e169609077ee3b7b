import { useTranslation } from 'react-i18next';
import type { CatalogueEntry, Relationship, Sex } from '../../api/contracts.ts';
import { AttributeFields } from '../../catalogue/attribute-fields.tsx';
import { BirthDateFields } from '../birth-date-fields.tsx';
import { FieldProblem, problemProps } from '../field-problem.tsx';
import { EvidenceFields } from './evidence-fields.tsx';
import { memberField, type MemberDraft, type ProblemKey } from './member-draft.ts';

export const RELATIONSHIPS: readonly Relationship[] = ['head', 'spouse', 'child', 'parent', 'other'];
export const SEXES: readonly Sex[] = ['F', 'M', 'X'];

interface MemberFieldsProps {
  member: MemberDraft;
  index: number;
  count: number;
  onChange: (member: MemberDraft) => void;
  onRemove: () => void;
  problem: (field: string) => ProblemKey | undefined;
  catalogue: readonly CatalogueEntry[] | undefined;
  showProblems: boolean;
  /** The relationships offered; all of them unless given (a member added to a household cannot be its head). */
  relationships?: readonly Relationship[];
  /** Instead of "Member n". */
  legend?: string;
}

/** One member of the household: who they are, when born, and how their identity is known. */
export function MemberFields({ member: m, index, count, onChange, onRemove, problem, catalogue, showProblems, relationships = RELATIONSHIPS, legend: legendText }: MemberFieldsProps) {
  const { t } = useTranslation();
  const id = (name: string) => memberField(m, name);
  const set = (patch: Partial<MemberDraft>) => onChange({ ...m, ...patch });
  const testPrefix = `member-${index}`;
  const legend = legendText ?? t('registry.enrol.memberHeading', { number: index + 1 });
  const filled = Object.values(m.attributes).filter((v) => v.trim()).length;

  const text = (name: 'givenNames' | 'familyNames' | 'placeOfBirth' | 'phone', field: string, options: { max: number; hint?: string; type?: string; autoComplete?: string }) => {
    const fieldId = id(field);
    const hintId = options.hint ? `${fieldId}-hint` : undefined;
    return (
      <div className="field">
        <label htmlFor={fieldId}>
          {t(`registry.fields.${name}`)}
          {(name === 'givenNames' || name === 'familyNames') && <span className="required-mark"> {t('registry.required')}</span>}
        </label>
        <input
          id={fieldId}
          type={options.type ?? 'text'}
          value={m[name]}
          maxLength={options.max}
          autoComplete={options.autoComplete ?? 'off'}
          onChange={(e) => set({ [name]: e.target.value })}
          {...problemProps(fieldId, problem(fieldId), hintId)}
          data-testid={`${testPrefix}-${field}`}
        />
        {options.hint && (
          <p className="hint" id={hintId}>
            {options.hint}
          </p>
        )}
        <FieldProblem id={fieldId} problem={problem(fieldId)} />
      </div>
    );
  };

  return (
    <fieldset className="member card" data-testid={testPrefix}>
      <legend className="member-legend">
        {legend}
        {m.givenNames.trim() && <span className="muted"> — {`${m.givenNames} ${m.familyNames}`.trim()}</span>}
      </legend>
      {count > 1 && (
        <button type="button" className="link-button remove-member" onClick={onRemove} data-testid={`${testPrefix}-remove`}>
          {t('registry.enrol.removeMember')}
          <span className="visually-hidden"> {legend}</span>
        </button>
      )}

      <div className="field-grid">
        <div className="field">
          <label htmlFor={id('relationship')}>{t('registry.fields.relationship')}</label>
          <select
            id={id('relationship')}
            value={m.relationship}
            onChange={(e) => set({ relationship: e.target.value as Relationship })}
            {...problemProps(id('relationship'), problem(id('relationship')))}
            data-testid={`${testPrefix}-relationship`}
          >
            {relationships.map((r) => (
              <option key={r} value={r}>
                {t(`registry.relationship.${r}`)}
              </option>
            ))}
          </select>
          <FieldProblem id={id('relationship')} problem={problem(id('relationship'))} />
        </div>
        {text('givenNames', 'given-names', { max: 120 })}
        {text('familyNames', 'family-names', { max: 120, hint: t('registry.enrol.familyNamesHint') })}
        <div className="field">
          <label htmlFor={id('sex')}>{t('registry.fields.sex')}</label>
          <select id={id('sex')} value={m.sex} onChange={(e) => set({ sex: e.target.value as Sex | '' })} data-testid={`${testPrefix}-sex`}>
            <option value="">{t('registry.notRecorded')}</option>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {t(`registry.sex.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <BirthDateFields idPrefix={`member-${m.key}`} value={m.birth} onChange={(birth) => set({ birth })} problem={problem} testPrefix={testPrefix} />

      <div className="field-grid">
        {text('placeOfBirth', 'place-of-birth', { max: 120 })}
        {text('phone', 'phone', { max: 24, type: 'tel', hint: t('registry.enrol.phoneHint') })}
      </div>

      <EvidenceFields
        idPrefix={`member-${m.key}`}
        value={m.evidence}
        onChange={(evidence) => set({ evidence })}
        isHead={m.relationship === 'head'}
        problem={problem}
        testPrefix={testPrefix}
      />

      {catalogue && catalogue.length > 0 && (
        <details className="attributes-details" open={showProblems || filled > 0 || undefined}>
          <summary data-testid={`${testPrefix}-attributes-toggle`}>
            {t('registry.enrol.attributes')} {filled > 0 && <span className="muted">({t('registry.enrol.attributesFilled', { count: filled })})</span>}
          </summary>
          <p className="hint">{t('registry.enrol.attributesHint')}</p>
          <AttributeFields
            entries={catalogue}
            draft={m.attributes}
            onChange={(key, value) => set({ attributes: { ...m.attributes, [key]: value } })}
            idPrefix={`member-${m.key}`}
            showProblems={showProblems}
          />
        </details>
      )}
    </fieldset>
  );
}
