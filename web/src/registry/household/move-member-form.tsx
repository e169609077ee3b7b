import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { HouseholdView, MoveResult, Relationship, SearchResult } from '../../api/contracts.ts';
import { moveMember, searchPersons } from '../../api/registry.ts';
import { BirthDateText } from '../birth-date-text.tsx';
import type { ProblemKey } from '../enrol/member-draft.ts';
import { RELATIONSHIPS } from '../enrol/member-fields.tsx';
import { FieldProblem, problemProps } from '../field-problem.tsx';
import { personName } from '../person-name.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { useRegions } from '../use-regions.ts';
import { orderedMembers } from './member-order.ts';

type Joining = Exclude<Relationship, 'head'>;
const JOINING = RELATIONSHIPS.filter((r): r is Joining => r !== 'head');

interface Target {
  householdId: string;
  /** The person through whom the household was found. */
  name: string;
  regionCode: string;
}

interface MoveMemberFormProps {
  household: HouseholdView;
  onMoved: (result: MoveResult) => void;
  onCancel: () => void;
  onReload: () => void;
}

/**
 * Moves a member to another household in the official's regions, found through one
 * of the people who live there. Only active members other than the head can leave.
 */
export function MoveMemberForm({ household, onMoved, onCancel, onReload }: MoveMemberFormProps) {
  const { t } = useTranslation();
  const { place } = useRegions();
  const movable = orderedMembers(household.members).filter((m) => m.status === 'active' && m.relationship !== 'head');
  const [personId, setPersonId] = useState(movable.length === 1 ? movable[0]!.id : '');
  const [target, setTarget] = useState<Target>();
  const [relationship, setRelationship] = useState<Joining>('other');
  const [reason, setReason] = useState('');
  const [name, setName] = useState('');
  const [results, setResults] = useState<SearchResult[]>();
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<unknown>();
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  const problems = useMemo(() => {
    const found = new Map<string, ProblemKey>();
    if (!personId) found.set('move-member', 'required');
    if (!target) found.set('move-find-name', 'required');
    if (reason.trim().length < 3) found.set('move-reason', 'reasonRequired');
    return found;
  }, [personId, target, reason]);
  const problem = (field: string) => (showProblems ? problems.get(field) : undefined);

  const find = async () => {
    if (name.trim().length < 2) return;
    setSearching(true);
    setSearchError(undefined);
    try {
      setResults((await searchPersons({ name: name.trim(), limit: 10 })).results.filter((r) => r.status === 'active'));
    } catch (failure) {
      setSearchError(failure);
    } finally {
      setSearching(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (problems.size) {
      document.getElementById([...problems.keys()][0]!)?.focus();
      return;
    }
    setWorking(true);
    setError(undefined);
    try {
      onMoved(await moveMember(household.id, { expectedVersion: household.version, personId, toHouseholdId: target!.householdId, relationship, reason: reason.trim() }));
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  const conflict = error instanceof ApiError && error.code === 'CONFLICT';

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="move-heading" data-testid="move-form">
      <h2 id="move-heading">{t('registry.move.title')}</h2>
      <p className="hint">{t('registry.move.intro')}</p>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="move-member">{t('registry.move.member')}</label>
          <select id="move-member" value={personId} onChange={(e) => setPersonId(e.target.value)} {...problemProps('move-member', problem('move-member'))} data-testid="move-member">
            <option value="">{t('registry.move.chooseMember')}</option>
            {movable.map((m) => (
              <option key={m.id} value={m.id}>
                {personName(m)} ({t(`registry.relationship.${m.relationship}`)})
              </option>
            ))}
          </select>
          <FieldProblem id="move-member" problem={problem('move-member')} />
        </div>
        <div className="field">
          <label htmlFor="move-relationship">{t('registry.move.relationship')}</label>
          <select id="move-relationship" value={relationship} onChange={(e) => setRelationship(e.target.value as Joining)} data-testid="move-relationship">
            {JOINING.map((r) => (
              <option key={r} value={r}>
                {t(`registry.relationship.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <fieldset className="subfields">
        <legend>{t('registry.move.target')}</legend>
        {target ? (
          <p className="chosen" data-testid="move-chosen" data-household-id={target.householdId}>
            {t('registry.move.chosen', { name: target.name, place: place(target.regionCode) })}{' '}
            <button type="button" className="link-button" onClick={() => setTarget(undefined)} data-testid="move-change">
              {t('registry.move.change')}
            </button>
          </p>
        ) : (
          <>
            <div className="field">
              <label htmlFor="move-find-name">{t('registry.move.findLabel')}</label>
              <div className="inline-input">
                <input
                  id="move-find-name"
                  value={name}
                  autoComplete="off"
                  maxLength={200}
                  onChange={(e) => setName(e.target.value)}
                  // Enter finds, instead of sending the move.
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void find();
                    }
                  }}
                  {...problemProps('move-find-name', problem('move-find-name'))}
                  data-testid="move-find-name"
                />
                <button type="button" onClick={find} disabled={searching || name.trim().length < 2} data-testid="move-find">
                  {searching ? t('registry.search.searching') : t('registry.evidence.find')}
                </button>
              </div>
              <FieldProblem id="move-find-name" problem={problem('move-find-name')} />
            </div>
            <ProblemMessage error={searchError} testId="move-find-error" />
            {results && results.length === 0 && (
              <p className="muted" role="status">
                {t('registry.search.empty')}
              </p>
            )}
            {results && results.length > 0 && (
              <ul className="pick-list" aria-label={t('registry.search.results')}>
                {results.map((r) => (
                  <li key={r.personId}>
                    <span>
                      <strong>{personName(r)}</strong> · <BirthDateText birthDate={r.birthDate} /> · {place(r.regionCode)}
                    </span>
                    {r.householdId === household.id ? (
                      <span className="muted">({t('registry.move.thisHousehold')})</span>
                    ) : (
                      <button
                        type="button"
                        onClick={() => setTarget({ householdId: r.householdId, name: personName(r), regionCode: r.regionCode })}
                        data-testid="move-pick"
                        data-household-id={r.householdId}
                      >
                        {t('registry.move.chooseHousehold')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor="move-reason">
          {t('registry.move.reason')} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <textarea
          id="move-reason"
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...problemProps('move-reason', problem('move-reason'), 'move-reason-hint')}
          data-testid="move-reason"
        />
        <p className="hint" id="move-reason-hint">
          {t('registry.move.reasonHint')}
        </p>
        <FieldProblem id="move-reason" problem={problem('move-reason')} />
      </div>
      <div aria-live="polite">
        <ProblemMessage error={error} testId="move-error" />
        {conflict && (
          <p>
            <button type="button" onClick={onReload} data-testid="move-reload">
              {t('registry.correct.reload')}
            </button>
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="move-submit">
          {working ? t('registry.saving') : t('registry.move.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={working} data-testid="move-cancel">
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
