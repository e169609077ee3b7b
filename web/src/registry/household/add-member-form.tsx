import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { DuplicateSuspected, HouseholdView, MemberAdded, PersonInput } from '../../api/contracts.ts';
import { addMember } from '../../api/registry.ts';
import { attributeFieldId } from '../../catalogue/attribute-fields.tsx';
import { firstInvalidAttribute } from '../../catalogue/attribute-value.ts';
import { useCatalogue } from '../../catalogue/use-catalogue.ts';
import { answerKey, DuplicateReview, type Answer, type Answers } from '../enrol/duplicate-review.tsx';
import { emptyMember, memberProblems, personFromDraft, type MemberDraft, type ProblemKey } from '../enrol/member-draft.ts';
import { MemberFields, RELATIONSHIPS } from '../enrol/member-fields.tsx';
import { FieldProblem, problemProps } from '../field-problem.tsx';
import { ProblemMessage } from '../problem-message.tsx';

const NOT_HEAD = RELATIONSHIPS.filter((r) => r !== 'head');

interface Review {
  suspected: DuplicateSuspected;
  member: PersonInput;
  answers: Answers;
}

interface AddMemberFormProps {
  household: HouseholdView;
  onAdded: (result: MemberAdded) => void;
  onCancel: () => void;
  onReload: () => void;
}

/**
 * Adds a member to the household. Like an enrolment, the server first looks for the
 * person among the registered: someone alike stops it until the registrar says, for
 * each, "same person" (that record moves into this household) or "different person"
 * (a new record is made).
 */
export function AddMemberForm({ household, onAdded, onCancel, onReload }: AddMemberFormProps) {
  const { t } = useTranslation();
  const catalogue = useCatalogue({ active: true });
  const entries = useMemo(() => catalogue.entries ?? [], [catalogue.entries]);
  const [member, setMember] = useState<MemberDraft>(() => emptyMember('child'));
  const [reason, setReason] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [review, setReview] = useState<Review>();

  const problems = useMemo(() => {
    const found = memberProblems(member, (m) => {
      const bad = firstInvalidAttribute(m.attributes, entries);
      return bad ? attributeFieldId(`member-${m.key}`, bad.key) : undefined;
    });
    if (reason.trim().length < 3) found.push({ field: 'add-reason', problem: 'reasonRequired' });
    return found;
  }, [member, reason, entries]);
  const problemAt = useMemo(() => new Map(problems.map((p) => [p.field, p.problem])), [problems]);
  const problem = (field: string): ProblemKey | undefined => (showProblems ? problemAt.get(field) : undefined);

  const send = async (body: PersonInput, answers: Answers) => {
    setWorking(true);
    setError(undefined);
    const dedupDecisions = Object.entries(answers).map(([k, decision]) => ({ candidateId: k.slice(k.indexOf(':') + 1), decision }));
    try {
      onAdded(await addMember(household.id, { expectedVersion: household.version, reason: reason.trim(), member: body, dedupDecisions }));
    } catch (failure) {
      setWorking(false);
      if (failure instanceof ApiError && failure.code === 'DUPLICATE_SUSPECTED' && isDuplicateSuspected(failure.details)) {
        setReview({ suspected: failure.details, member: body, answers });
        return;
      }
      setError(failure);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (problems.length) {
      requestAnimationFrame(() => document.getElementById(problems[0]!.field)?.focus());
      return;
    }
    void send(personFromDraft(member, entries), {});
  };

  const conflict = error instanceof ApiError && error.code === 'CONFLICT';
  const failure = (
    <div aria-live="polite">
      <ProblemMessage error={error} testId="add-error" />
      {conflict && (
        <p>
          <button type="button" onClick={onReload} data-testid="add-reload">
            {t('registry.correct.reload')}
          </button>
        </p>
      )}
    </div>
  );

  if (review) {
    return (
      <div className="card" data-testid="add-member-review">
        <DuplicateReview
          suspected={review.suspected}
          body={{ regionCode: household.regionCode, address: household.address, members: [review.member] }}
          answers={review.answers}
          onAnswer={(m: number, candidateId: string, value: Answer) => setReview((r) => r && { ...r, answers: { ...r.answers, [answerKey(m, candidateId)]: value } })}
          onSubmit={() => void send(review.member, review.answers)}
          onBack={() => {
            setReview(undefined);
            setError(undefined);
          }}
          working={working}
          error={error}
          sameHelp={t('registry.addMember.sameHelp')}
          submitLabel={t('registry.addMember.dupSubmit')}
        />
        {conflict && failure}
      </div>
    );
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="add-heading" data-testid="add-member-form">
      <h2 id="add-heading">{t('registry.addMember.title')}</h2>
      <p className="hint">{t('registry.addMember.intro')}</p>
      <MemberFields
        member={member}
        index={0}
        count={1}
        onChange={setMember}
        onRemove={() => undefined}
        problem={problem}
        catalogue={catalogue.entries}
        showProblems={showProblems}
        relationships={NOT_HEAD}
        legend={t('registry.addMember.title')}
      />
      <div className="field">
        <label htmlFor="add-reason">
          {t('registry.addMember.reason')} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <textarea
          id="add-reason"
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...problemProps('add-reason', problem('add-reason'), 'add-reason-hint')}
          data-testid="add-reason"
        />
        <p className="hint" id="add-reason-hint">
          {t('registry.addMember.reasonHint')}
        </p>
        <FieldProblem id="add-reason" problem={problem('add-reason')} />
      </div>
      {failure}
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="add-submit">
          {working ? t('registry.addMember.working') : t('registry.addMember.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={working} data-testid="add-cancel">
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}

function isDuplicateSuspected(details: unknown): details is DuplicateSuspected {
  return typeof details === 'object' && details !== null && Array.isArray((details as { members?: unknown }).members);
}
