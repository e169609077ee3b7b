import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { HouseholdEdit, HouseholdRecord, HouseholdView, Relationship } from '../../api/contracts.ts';
import { editHousehold } from '../../api/registry.ts';
import type { ProblemKey } from '../enrol/member-draft.ts';
import { RELATIONSHIPS } from '../enrol/member-fields.tsx';
import { FieldProblem, problemProps } from '../field-problem.tsx';
import { personName } from '../person-name.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { RegionSelect } from '../region-select.tsx';
import { StatusBadge } from '../status-badge.tsx';
import { useRegions } from '../use-regions.ts';
import { orderedMembers } from './member-order.ts';

interface Draft {
  regionCode: string;
  street: string;
  number: string;
  reference: string;
  distributionPoint: string;
  relationships: Readonly<Record<string, Relationship>>;
  reason: string;
}

const draftOf = (h: HouseholdView): Draft => ({
  regionCode: h.regionCode,
  street: h.address.street,
  number: h.address.number ?? '',
  reference: h.address.reference ?? '',
  distributionPoint: h.distributionPoint ?? '',
  relationships: Object.fromEntries(h.members.map((m) => [m.id, m.relationship])),
  reason: '',
});

/** Only what the official changed: the server records those fields, and the members whose record they change. */
function changesOf(h: HouseholdView, d: Draft): HouseholdEdit['changes'] {
  const changes: HouseholdEdit['changes'] = {};
  const address = {
    street: d.street.trim(),
    ...(d.number.trim() ? { number: d.number.trim() } : {}),
    ...(d.reference.trim() ? { reference: d.reference.trim() } : {}),
  };
  if (address.street !== h.address.street || (address.number ?? '') !== (h.address.number ?? '') || (address.reference ?? '') !== (h.address.reference ?? '')) {
    changes.address = address;
  }
  if ((d.distributionPoint.trim() || null) !== h.distributionPoint) changes.distributionPoint = d.distributionPoint.trim() || null;
  if (d.regionCode !== h.regionCode) changes.regionCode = d.regionCode;
  const relationships = h.members.filter((m) => d.relationships[m.id] !== m.relationship).map((m) => ({ personId: m.id, relationship: d.relationships[m.id]! }));
  if (relationships.length) changes.relationships = relationships;
  return changes;
}

interface HouseholdCorrectFormProps {
  household: HouseholdView;
  onSaved: (household: HouseholdRecord) => void;
  onCancel: () => void;
  /** Reads the household again, after someone else changed it. */
  onReload: () => void;
}

/**
 * Corrects a household: where it lives, where it collects, and how its members are
 * related. The reason is required and goes into the history of the household and of
 * every member whose record changes; the version read goes with the change, so that
 * a change made meanwhile by someone else is never silently overwritten.
 */
export function HouseholdCorrectForm({ household, onSaved, onCancel, onReload }: HouseholdCorrectFormProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const [draft, setDraft] = useState(() => draftOf(household));
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [nothing, setNothing] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const members = orderedMembers(household.members);

  const problems = useMemo(() => {
    const found = new Map<string, ProblemKey>();
    if (!draft.regionCode) found.set('hh-region', 'required');
    if (!draft.street.trim()) found.set('hh-street', 'required');
    const heads = household.members.filter((m) => draft.relationships[m.id] === 'head');
    // The problem sits where the fix is: on the old head, who must take another relationship (or stay head).
    const oldHead = household.members.find((m) => m.relationship === 'head') ?? household.members[0];
    if (heads.length !== 1 && oldHead) found.set(`hh-relationship-${oldHead.id}`, 'oneHead');
    else if (heads[0] && heads[0].status !== 'active') found.set(`hh-relationship-${heads[0].id}`, 'headInactive');
    if (draft.reason.trim().length < 3) found.set('hh-reason', 'reasonRequired');
    return found;
  }, [draft, household.members]);
  const problem = (field: string) => (showProblems ? problems.get(field) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    setNothing(false);
    if (problems.size) {
      document.getElementById([...problems.keys()][0]!)?.focus();
      return;
    }
    const changes = changesOf(household, draft);
    if (Object.keys(changes).length === 0) return setNothing(true);
    setWorking(true);
    setError(undefined);
    try {
      onSaved(await editHousehold(household.id, { expectedVersion: household.version, reason: draft.reason.trim(), changes }));
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  const conflict = error instanceof ApiError && error.code === 'CONFLICT';
  const text = (id: string, key: 'street' | 'number' | 'reference' | 'distributionPoint', max: number, options: { required?: boolean; wide?: boolean } = {}) => (
    <div className={`field${options.wide ? ' field-wide' : ''}`}>
      <label htmlFor={id}>
        {t(`registry.fields.${key}`)} {options.required && <span className="required-mark">{t('registry.required')}</span>}
      </label>
      <input id={id} value={draft[key]} maxLength={max} autoComplete="off" onChange={(e) => set(key, e.target.value)} {...problemProps(id, problem(id))} data-testid={id} />
      <FieldProblem id={id} problem={problem(id)} />
    </div>
  );

  return (
    <form className="card correct-form" onSubmit={submit} noValidate aria-labelledby="hh-correct-heading" data-testid="hh-correct-form">
      <h2 id="hh-correct-heading">{t('registry.householdCorrect.title')}</h2>
      <p className="hint">{t('registry.householdCorrect.intro', { version: household.version })}</p>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="hh-region">
            {t('registry.enrol.parish')} <span className="required-mark">{t('registry.required')}</span>
          </label>
          <RegionSelect
            id="hh-region"
            value={draft.regionCode}
            onChange={(v) => set('regionCode', v)}
            emptyLabel={t('registry.enrol.chooseParish')}
            parishesOnly
            invalid={Boolean(problem('hh-region'))}
            describedBy={draft.regionCode !== household.regionCode ? 'hh-region-hint' : undefined}
            testId="hh-region"
          />
          {draft.regionCode && draft.regionCode !== household.regionCode && (
            <p className="hint" id="hh-region-hint" data-testid="hh-region-hint">
              {regions.fullName(draft.regionCode)}. {t('registry.householdCorrect.parishMoves', { count: household.members.length })}
            </p>
          )}
          <FieldProblem id="hh-region" problem={problem('hh-region')} />
        </div>
        {text('hh-street', 'street', 200, { required: true, wide: true })}
        {text('hh-number', 'number', 60)}
        {text('hh-reference', 'reference', 300, { wide: true })}
        {text('hh-point', 'distributionPoint', 40)}
      </div>

      <fieldset className="subfields">
        <legend>{t('registry.householdCorrect.relationships')}</legend>
        <p className="hint">{t('registry.householdCorrect.relationshipsHint')}</p>
        <div className="field-grid">
          {members.map((m) => {
            const id = `hh-relationship-${m.id}`;
            return (
              <div className="field" key={m.id} data-testid="hh-member" data-person-id={m.id}>
                <label htmlFor={id}>
                  {personName(m)} {m.status !== 'active' && <StatusBadge status={m.status} />}
                </label>
                <select
                  id={id}
                  value={draft.relationships[m.id]}
                  onChange={(e) => set('relationships', { ...draft.relationships, [m.id]: e.target.value as Relationship })}
                  {...problemProps(id, problem(id))}
                  data-testid="hh-relationship"
                >
                  {RELATIONSHIPS.map((r) => (
                    <option key={r} value={r} disabled={r === 'head' && m.status !== 'active'}>
                      {t(`registry.relationship.${r}`)}
                    </option>
                  ))}
                </select>
                <FieldProblem id={id} problem={problem(id)} />
              </div>
            );
          })}
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor="hh-reason">
          {t('registry.correct.reason')} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <textarea
          id="hh-reason"
          rows={2}
          maxLength={500}
          value={draft.reason}
          onChange={(e) => set('reason', e.target.value)}
          {...problemProps('hh-reason', problem('hh-reason'), 'hh-reason-hint')}
          data-testid="hh-reason"
        />
        <p className="hint" id="hh-reason-hint">
          {t('registry.householdCorrect.reasonHint')}
        </p>
        <FieldProblem id="hh-reason" problem={problem('hh-reason')} />
      </div>
      <div aria-live="polite">
        {nothing && (
          <p className="notice notice-info" data-testid="hh-nothing">
            {t('registry.correct.nothing')}
          </p>
        )}
        <ProblemMessage error={error} testId="hh-error" />
        {conflict && (
          <p>
            <button type="button" onClick={onReload} data-testid="hh-reload">
              {t('registry.correct.reload')}
            </button>
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="hh-submit">
          {working ? t('registry.saving') : t('registry.correct.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={working} data-testid="hh-cancel">
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
