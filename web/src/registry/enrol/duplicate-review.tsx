import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DedupCandidate, DuplicateSuspected, HouseholdInput, PersonInput } from '../../api/contracts.ts';
import { personPath } from '../../console/console-pages.ts';
import { CompareTable, type Comparable } from '../compare-table.tsx';
import { personName } from '../person-name.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { ReasonList } from '../reason-list.tsx';
import { ScoreBar } from '../score-bar.tsx';

export type Answer = 'same' | 'different';
/** Answers by `${member}:${candidateId}`. */
export type Answers = Readonly<Record<string, Answer>>;
export const answerKey = (member: number, candidateId: string) => `${member}:${candidateId}`;

interface DuplicateReviewProps {
  suspected: DuplicateSuspected;
  body: HouseholdInput;
  answers: Answers;
  onAnswer: (member: number, candidateId: string, answer: Answer) => void;
  onSubmit: () => void;
  onBack: () => void;
  working: boolean;
  error: unknown;
  /** What "same person" does, when it is not linking a member being enrolled. */
  sameHelp?: string;
  submitLabel?: string;
}

const comparableOf = (m: PersonInput, regionCode: string): Comparable => ({
  givenNames: m.givenNames,
  familyNames: m.familyNames,
  sex: m.sex ?? null,
  birthDate: m.birthDate ? { value: m.birthDate.value, precision: m.birthDate.precision ?? 'day', declared: m.birthDate.declared ?? false } : null,
  regionCode,
});

/** Members that were said to be the same as more than one record: one link per member. */
export function membersWithTwoLinks(suspected: DuplicateSuspected, answers: Answers): number[] {
  return suspected.members
    .filter(({ member, candidates }) => candidates.filter((c) => answers[answerKey(member, c.personId)] === 'same').length > 1)
    .map(({ member }) => member);
}

/**
 * The server found registered people who look like members being enrolled. For each,
 * the new data and the registered record side by side, how alike they are and why;
 * the registrar answers "same person" (the member is linked to that record) or
 * "different person" (a new record is made), then enrols again with the answers.
 */
export function DuplicateReview({ suspected, body, answers, onAnswer, onSubmit, onBack, working, error, sameHelp, submitLabel }: DuplicateReviewProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [suspected]);

  const all = suspected.members.flatMap(({ member, candidates }) => candidates.map((c) => answerKey(member, c.personId)));
  const unanswered = all.filter((k) => !answers[k]).length;
  const twoLinks = membersWithTwoLinks(suspected, answers);

  return (
    <section className="duplicate-review" aria-labelledby="dup-heading" data-testid="duplicate-review">
      <h2 id="dup-heading" ref={heading} tabIndex={-1}>
        {t('registry.duplicates.title')}
      </h2>
      <p className="notice notice-info">{t('registry.duplicates.intro')}</p>
      {suspected.members.map(({ member, candidates }) => {
        const input = body.members[member];
        if (!input) return null;
        const fresh = comparableOf(input, body.regionCode);
        return (
          <section key={member} className="card dup-member" aria-labelledby={`dup-member-${member}`} data-testid="dup-member" data-member={member}>
            <h3 id={`dup-member-${member}`}>
              {t('registry.enrol.memberHeading', { number: member + 1 })}: {personName(input)}
              <span className="muted"> — {t('registry.duplicates.candidates', { count: candidates.length })}</span>
            </h3>
            {candidates.map((c, i) => (
              <Candidate
                key={c.personId}
                candidate={c}
                index={i}
                member={member}
                fresh={fresh}
                answer={answers[answerKey(member, c.personId)]}
                onAnswer={(a) => onAnswer(member, c.personId, a)}
                sameHelp={sameHelp}
              />
            ))}
          </section>
        );
      })}
      <div aria-live="polite">
        {twoLinks.length > 0 && (
          <p className="notice notice-error" role="alert" data-testid="dup-two-links">
            {t('registry.duplicates.twoLinks', { members: twoLinks.map((m) => m + 1).join(', ') })}
          </p>
        )}
        <ProblemMessage error={error} testId="dup-error" />
      </div>
      <div className="actions submit-actions">
        <button type="button" className="primary" onClick={onSubmit} disabled={working || unanswered > 0 || twoLinks.length > 0} data-testid="dup-submit">
          {working ? (submitLabel ? t('registry.saving') : t('registry.enrol.working')) : (submitLabel ?? t('registry.duplicates.submit'))}
        </button>
        <button type="button" onClick={onBack} disabled={working} data-testid="dup-back">
          {t('registry.duplicates.back')}
        </button>
        {unanswered > 0 && (
          <span className="muted" data-testid="dup-unanswered">
            {t('registry.duplicates.unanswered', { count: unanswered })}
          </span>
        )}
      </div>
    </section>
  );
}

interface CandidateProps {
  candidate: DedupCandidate;
  index: number;
  member: number;
  fresh: Comparable;
  answer: Answer | undefined;
  onAnswer: (answer: Answer) => void;
  sameHelp: string | undefined;
}

function Candidate({ candidate: c, index, member, fresh, answer, onAnswer, sameHelp }: CandidateProps) {
  const { t } = useTranslation();
  const name = `dup-${member}-${c.personId}`;
  return (
    <article className={`dup-candidate${answer ? ` answered-${answer}` : ''}`} data-testid="dup-candidate" data-candidate-id={c.personId}>
      <h4>{t('registry.duplicates.candidateHeading', { number: index + 1 })}</h4>
      <div className="dup-layout">
        <CompareTable
          caption={t('registry.duplicates.compareCaption')}
          columns={[
            { heading: t('registry.duplicates.newData'), record: fresh },
            {
              heading: (
                <>
                  {t('registry.duplicates.registered')}{' '}
                  {/* A new tab: the form and the answers so far stay here. */}
                  <a href={personPath(c.personId)} target="_blank" rel="noopener" className="small-link">
                    {t('registry.duplicates.open')}
                  </a>
                </>
              ),
              record: c,
            },
          ]}
        />
        <div className="dup-why">
          <ScoreBar score={c.score} />
          {c.decision === 'same' && <p className="likely-same">{t('registry.duplicates.likelySame')}</p>}
          <h5>{t('registry.score.why')}</h5>
          <ReasonList reasons={c.reasons} />
        </div>
      </div>
      <fieldset className="decision">
        <legend>{t('registry.duplicates.question')}</legend>
        <div className="choices">
          <label className={`choice${answer === 'same' ? ' chosen-choice' : ''}`}>
            <input type="radio" name={name} value="same" checked={answer === 'same'} onChange={() => onAnswer('same')} data-testid="dup-same" />
            <span>
              <strong>{t('registry.duplicates.same')}</strong>
              <span className="choice-help">{sameHelp ?? t('registry.duplicates.sameHelp')}</span>
            </span>
          </label>
          <label className={`choice${answer === 'different' ? ' chosen-choice' : ''}`}>
            <input type="radio" name={name} value="different" checked={answer === 'different'} onChange={() => onAnswer('different')} data-testid="dup-different" />
            <span>
              <strong>{t('registry.duplicates.different')}</strong>
              <span className="choice-help">{t('registry.duplicates.differentHelp')}</span>
            </span>
          </label>
        </div>
      </fieldset>
    </article>
  );
}
