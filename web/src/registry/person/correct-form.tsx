import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { CatalogueEntry, PersonEdit, PersonView, Relationship, Sex } from '../../api/contracts.ts';
import { editPerson } from '../../api/registry.ts';
import { AttributeFields } from '../../catalogue/attribute-fields.tsx';
import { attributesFromDraft, draftFromAttributes, firstInvalidAttribute, type AttributeDraft } from '../../catalogue/attribute-value.ts';
import { BirthDateFields } from '../birth-date-fields.tsx';
import { birthFromDraft, birthProblem, draftFromBirth, PHONE, type BirthDateDraft, type ProblemKey } from '../enrol/member-draft.ts';
import { RELATIONSHIPS, SEXES } from '../enrol/member-fields.tsx';
import { FieldProblem, problemProps } from '../field-problem.tsx';
import { ProblemMessage } from '../problem-message.tsx';

interface Draft {
  relationship: Relationship;
  givenNames: string;
  familyNames: string;
  sex: Sex | '';
  birth: BirthDateDraft;
  placeOfBirth: string;
  phone: string;
  attributes: AttributeDraft;
  reason: string;
}

const draftOf = (p: PersonView): Draft => ({
  relationship: p.relationship,
  givenNames: p.givenNames,
  familyNames: p.familyNames,
  sex: p.sex ?? '',
  birth: draftFromBirth(p.birthDate),
  placeOfBirth: p.placeOfBirth ?? '',
  phone: p.phone ?? '',
  attributes: draftFromAttributes(p.attributes),
  reason: '',
});

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only what the official changed: the server records exactly those fields in the new version. */
function changesOf(p: PersonView, d: Draft, catalogue: readonly CatalogueEntry[]): PersonEdit['changes'] {
  const changes: PersonEdit['changes'] = {};
  if (d.relationship !== p.relationship) changes.relationship = d.relationship;
  if (d.givenNames.trim() !== p.givenNames) changes.givenNames = d.givenNames.trim();
  if (d.familyNames.trim().replace(/\s+/g, ' ') !== p.familyNames) changes.familyNames = d.familyNames.trim().replace(/\s+/g, ' ');
  if ((d.sex || null) !== p.sex) changes.sex = d.sex || null;
  const birth = birthFromDraft(d.birth);
  const storedBirth = p.birthDate && (p.birthDate.precision === 'year' ? { ...p.birthDate, value: `${p.birthDate.value.slice(0, 4)}-01-01` } : p.birthDate);
  if (!same(birth, storedBirth)) changes.birthDate = birth;
  if ((d.placeOfBirth.trim() || null) !== p.placeOfBirth) changes.placeOfBirth = d.placeOfBirth.trim() || null;
  if ((d.phone.trim() || null) !== p.phone) changes.phone = d.phone.trim() || null;
  // The catalogue's active entries come from the form; anything else the record holds is kept as it is.
  const attributes = { ...p.attributes };
  for (const entry of catalogue) delete attributes[entry.key];
  Object.assign(attributes, attributesFromDraft(d.attributes, catalogue));
  if (!same(sorted(attributes), sorted(p.attributes))) changes.attributes = attributes;
  return changes;
}

const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

interface CorrectFormProps {
  person: PersonView;
  catalogue: readonly CatalogueEntry[];
  onSaved: (person: PersonView) => void;
  onCancel: () => void;
  /** Reads the record again, after someone else changed it. */
  onReload: () => void;
}

/**
 * Corrects a record. The reason is required and goes into the history; the version
 * read goes with the change, so that a change made meanwhile by someone else is never
 * silently overwritten.
 */
export function CorrectForm({ person, catalogue, onSaved, onCancel, onReload }: CorrectFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(person));
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [nothing, setNothing] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const problems = useMemo(() => {
    const found = new Map<string, ProblemKey>();
    if (!draft.givenNames.trim()) found.set('correct-given-names', 'required');
    if (!draft.familyNames.trim()) found.set('correct-family-names', 'required');
    const birth = birthProblem(draft.birth);
    if (birth) found.set(draft.birth.yearOnly ? 'correct-birth-year' : 'correct-birth-date', birth);
    if (draft.phone.trim() && !PHONE.test(draft.phone.trim())) found.set('correct-phone', 'phoneInvalid');
    const attribute = firstInvalidAttribute(draft.attributes, catalogue);
    if (attribute) found.set(`correct-attr-${attribute.key}`, 'attributeInvalid');
    if (draft.reason.trim().length < 3) found.set('correct-reason', 'reasonRequired');
    return found;
  }, [draft, catalogue]);
  const problem = (field: string) => (showProblems ? problems.get(field) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    setNothing(false);
    if (problems.size) {
      const first = [...problems.keys()][0]!;
      document.getElementById(first)?.focus();
      return;
    }
    const changes = changesOf(person, draft, catalogue);
    if (Object.keys(changes).length === 0) return setNothing(true);
    setWorking(true);
    setError(undefined);
    try {
      onSaved(await editPerson(person.id, { expectedVersion: person.version, reason: draft.reason.trim(), changes }));
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  const conflict = error instanceof ApiError && error.code === 'CONFLICT';
  const field = (id: string, key: 'givenNames' | 'familyNames' | 'placeOfBirth' | 'phone', max: number, type = 'text') => (
    <div className="field">
      <label htmlFor={id}>{t(`registry.fields.${key}`)}</label>
      <input id={id} type={type} value={draft[key]} maxLength={max} autoComplete="off" onChange={(e) => set(key, e.target.value)} {...problemProps(id, problem(id))} data-testid={id} />
      <FieldProblem id={id} problem={problem(id)} />
    </div>
  );

  return (
    <form className="card correct-form" onSubmit={submit} noValidate aria-labelledby="correct-heading" data-testid="correct-form">
      <h2 id="correct-heading">{t('registry.correct.title')}</h2>
      <p className="hint">{t('registry.correct.intro', { version: person.version })}</p>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="correct-relationship">{t('registry.fields.relationship')}</label>
          {/* A household keeps exactly one head: the head changes on the household's page, old and new head together. */}
          <select
            id="correct-relationship"
            value={draft.relationship}
            disabled={person.relationship === 'head'}
            aria-describedby={person.relationship === 'head' ? 'correct-relationship-hint' : undefined}
            onChange={(e) => set('relationship', e.target.value as Relationship)}
            data-testid="correct-relationship"
          >
            {RELATIONSHIPS.filter((r) => r !== 'head' || person.relationship === 'head').map((r) => (
              <option key={r} value={r}>
                {t(`registry.relationship.${r}`)}
              </option>
            ))}
          </select>
          {person.relationship === 'head' && (
            <p className="hint" id="correct-relationship-hint">
              {t('registry.correct.headHint')}
            </p>
          )}
        </div>
        {field('correct-given-names', 'givenNames', 120)}
        {field('correct-family-names', 'familyNames', 120)}
        <div className="field">
          <label htmlFor="correct-sex">{t('registry.fields.sex')}</label>
          <select id="correct-sex" value={draft.sex} onChange={(e) => set('sex', e.target.value as Sex | '')} data-testid="correct-sex">
            <option value="">{t('registry.notRecorded')}</option>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {t(`registry.sex.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <BirthDateFields idPrefix="correct" value={draft.birth} onChange={(birth) => set('birth', birth)} problem={problem} testPrefix="correct" />
      <div className="field-grid">
        {field('correct-place-of-birth', 'placeOfBirth', 120)}
        {field('correct-phone', 'phone', 24, 'tel')}
      </div>
      {catalogue.length > 0 && (
        <details className="attributes-details" open={showProblems || undefined}>
          <summary>{t('registry.enrol.attributes')}</summary>
          <AttributeFields entries={catalogue} draft={draft.attributes} onChange={(key, value) => set('attributes', { ...draft.attributes, [key]: value })} idPrefix="correct" showProblems={showProblems} />
        </details>
      )}
      <div className="field">
        <label htmlFor="correct-reason">
          {t('registry.correct.reason')} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <textarea
          id="correct-reason"
          rows={2}
          maxLength={500}
          value={draft.reason}
          onChange={(e) => set('reason', e.target.value)}
          {...problemProps('correct-reason', problem('correct-reason'), 'correct-reason-hint')}
          data-testid="correct-reason"
        />
        <p className="hint" id="correct-reason-hint">
          {t('registry.correct.reasonHint')}
        </p>
        <FieldProblem id="correct-reason" problem={problem('correct-reason')} />
      </div>
      <div aria-live="polite">
        {nothing && (
          <p className="notice notice-info" data-testid="correct-nothing">
            {t('registry.correct.nothing')}
          </p>
        )}
        <ProblemMessage error={error} testId="correct-error" />
        {conflict && (
          <p>
            <button type="button" onClick={onReload} data-testid="correct-reload">
              {t('registry.correct.reload')}
            </button>
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="correct-submit">
          {working ? t('registry.saving') : t('registry.correct.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={working} data-testid="correct-cancel">
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
