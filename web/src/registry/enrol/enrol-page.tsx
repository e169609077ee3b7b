import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { DuplicateSuspected, HouseholdInput } from '../../api/contracts.ts';
import { enrolHousehold } from '../../api/registry.ts';
import { attributeFieldId } from '../../catalogue/attribute-fields.tsx';
import { firstInvalidAttribute } from '../../catalogue/attribute-value.ts';
import { useCatalogue } from '../../catalogue/use-catalogue.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { householdPath } from '../../console/console-pages.ts';
import { navigate } from '../../router/location.ts';
import { FieldProblem, problemProps } from '../field-problem.tsx';
import { leaveFlash } from '../flash.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { RegionSelect } from '../region-select.tsx';
import { answerKey, DuplicateReview, type Answer, type Answers } from './duplicate-review.tsx';
import { MemberFields } from './member-fields.tsx';
import { emptyHousehold, emptyMember, householdFromDraft, problemsOf, type HouseholdDraft, type MemberDraft, type ProblemKey } from './member-draft.ts';

interface Review {
  suspected: DuplicateSuspected;
  body: HouseholdInput;
  answers: Answers;
}

/**
 * Enrols a household: where it lives and who lives there. The server looks for each
 * member among the registered; if someone looks alike, the registrar says whether it
 * is the same person before anything is created.
 */
export function EnrolPage() {
  const { t } = useTranslation();
  const catalogue = useCatalogue({ active: true });
  const entries = useMemo(() => catalogue.entries ?? [], [catalogue.entries]);
  const [draft, setDraft] = useState<HouseholdDraft>(emptyHousehold);
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [review, setReview] = useState<Review>();
  const summary = useRef<HTMLDivElement>(null);

  const problems = useMemo(
    () =>
      problemsOf(draft, (m) => {
        const bad = firstInvalidAttribute(m.attributes, entries);
        return bad ? attributeFieldId(`member-${m.key}`, bad.key) : undefined;
      }),
    [draft, entries],
  );
  const problemAt = useMemo(() => new Map(problems.map((p) => [p.field, p.problem])), [problems]);
  const problem = (field: string): ProblemKey | undefined => (showProblems ? problemAt.get(field) : undefined);

  const set = <K extends keyof HouseholdDraft>(key: K, value: HouseholdDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setMember = (index: number, member: MemberDraft) => setDraft((d) => ({ ...d, members: d.members.map((m, i) => (i === index ? member : m)) }));
  const addMember = () => setDraft((d) => ({ ...d, members: [...d.members, emptyMember(d.members.length === 0 ? 'head' : 'child')] }));
  const removeMember = (index: number) => setDraft((d) => ({ ...d, members: d.members.filter((_, i) => i !== index) }));

  const send = async (body: HouseholdInput, answers: Answers) => {
    setWorking(true);
    setError(undefined);
    const dedupDecisions = Object.entries(answers).map(([k, decision]) => {
      const [member, candidateId] = k.split(':') as [string, string];
      return { member: Number(member), candidateId, decision };
    });
    try {
      const result = await enrolHousehold({ ...body, dedupDecisions });
      leaveFlash(result.householdId, { kind: 'enrolled', created: result.personIds.length, linked: result.linked.map((l) => l.personId) });
      navigate(householdPath(result.householdId));
    } catch (failure) {
      setWorking(false);
      if (failure instanceof ApiError && failure.code === 'DUPLICATE_SUSPECTED' && isDuplicateSuspected(failure.details)) {
        // Answers already given still hold: the body is the same, and they go again with it.
        setReview({ suspected: failure.details, body, answers });
        return;
      }
      setError(failure);
      if (!review) summary.current?.focus();
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (problems.length) {
      // Focus the first input that needs attention; the summary says how many.
      requestAnimationFrame(() => document.getElementById(problems[0]!.field)?.focus());
      return;
    }
    void send(householdFromDraft(draft, entries), {});
  };

  const answer = (member: number, candidateId: string, value: Answer) =>
    setReview((r) => r && { ...r, answers: { ...r.answers, [answerKey(member, candidateId)]: value } });

  if (review) {
    return (
      <>
        <PageHeading title={t('registry.enrol.title')} testId="enrol-title" />
        <DuplicateReview
          suspected={review.suspected}
          body={review.body}
          answers={review.answers}
          onAnswer={answer}
          onSubmit={() => void send(review.body, review.answers)}
          onBack={() => {
            setReview(undefined);
            setError(undefined);
          }}
          working={working}
          error={error}
        />
      </>
    );
  }

  return (
    <>
      <PageHeading title={t('registry.enrol.title')} testId="enrol-title" />
      <p className="lead">{t('registry.enrol.intro')}</p>
      <div ref={summary} tabIndex={-1} aria-live="polite">
        {showProblems && problems.length > 0 && (
          <p className="notice notice-error" data-testid="enrol-problems">
            {t('registry.enrol.problemCount', { count: problems.length })}
          </p>
        )}
        <ProblemMessage error={error} testId="enrol-error" />
      </div>
      <form className="enrol-form" onSubmit={submit} noValidate data-testid="enrol-form">
        <fieldset className="card">
          <legend className="member-legend">{t('registry.enrol.household')}</legend>
          <div className="field-grid">
            <div className="field">
              <label htmlFor="household-region">
                {t('registry.enrol.parish')} <span className="required-mark">{t('registry.required')}</span>
              </label>
              <RegionSelect
                id="household-region"
                value={draft.regionCode}
                onChange={(v) => set('regionCode', v)}
                emptyLabel={t('registry.enrol.chooseParish')}
                parishesOnly
                invalid={Boolean(problem('household-region'))}
                describedBy={problem('household-region') ? 'household-region-problem' : undefined}
                testId="household-region"
              />
              <FieldProblem id="household-region" problem={problem('household-region')} />
            </div>
            <div className="field field-wide">
              <label htmlFor="household-street">
                {t('registry.fields.street')} <span className="required-mark">{t('registry.required')}</span>
              </label>
              <input
                id="household-street"
                value={draft.street}
                maxLength={200}
                autoComplete="off"
                onChange={(e) => set('street', e.target.value)}
                {...problemProps('household-street', problem('household-street'))}
                data-testid="household-street"
              />
              <FieldProblem id="household-street" problem={problem('household-street')} />
            </div>
            <div className="field field-narrow">
              <label htmlFor="household-number">{t('registry.fields.number')}</label>
              <input id="household-number" value={draft.number} maxLength={60} autoComplete="off" onChange={(e) => set('number', e.target.value)} data-testid="household-number" />
            </div>
            <div className="field field-wide">
              <label htmlFor="household-reference">{t('registry.fields.reference')}</label>
              <input
                id="household-reference"
                value={draft.reference}
                maxLength={300}
                autoComplete="off"
                aria-describedby="household-reference-hint"
                onChange={(e) => set('reference', e.target.value)}
                data-testid="household-reference"
              />
              <p className="hint" id="household-reference-hint">
                {t('registry.enrol.referenceHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor="household-point">{t('registry.fields.distributionPoint')}</label>
              <input
                id="household-point"
                value={draft.distributionPoint}
                maxLength={40}
                autoComplete="off"
                onChange={(e) => set('distributionPoint', e.target.value)}
                data-testid="household-point"
              />
            </div>
          </div>
        </fieldset>

        <h2 className="members-heading">{t('registry.enrol.members', { count: draft.members.length })}</h2>
        {catalogue.error !== undefined && <p className="muted">{t('registry.enrol.catalogueUnavailable')}</p>}
        {draft.members.map((m, i) => (
          <MemberFields
            key={m.key}
            member={m}
            index={i}
            count={draft.members.length}
            onChange={(member) => setMember(i, member)}
            onRemove={() => removeMember(i)}
            problem={problem}
            catalogue={catalogue.entries}
            showProblems={showProblems}
          />
        ))}
        <div className="actions">
          <button type="button" onClick={addMember} disabled={draft.members.length >= 40} data-testid="add-member">
            {t('registry.enrol.addMember')}
          </button>
        </div>
        <div className="actions submit-actions">
          <button type="submit" className="primary" disabled={working} data-testid="enrol-submit">
            {working ? t('registry.enrol.working') : t('registry.enrol.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

function isDuplicateSuspected(details: unknown): details is DuplicateSuspected {
  return typeof details === 'object' && details !== null && Array.isArray((details as { members?: unknown }).members);
}
