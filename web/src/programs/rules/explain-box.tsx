import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Explanation, ExplanationClause, ProgramDetail } from '../../api/contracts.ts';
import { explainDecision } from '../../api/programs.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { useProgramFormat } from '../program-parts.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Subject = 'household' | 'person';

/**
 * "Why is this household (or person) eligible or not?": the rule in force on the date,
 * clause by clause, each with its value and the facts it read. The server reads only
 * the attributes the rule names, and records the read in the audit log under the
 * purpose "eligibility", as it does for every read of a person's record.
 */
export function ExplainBox({ program }: { program: ProgramDetail }) {
  const { t } = useTranslation();
  const format = useProgramFormat();
  const [subject, setSubject] = useState<Subject>(program.unit);
  const [id, setId] = useState('');
  const [date, setDate] = useState('');
  const [badId, setBadId] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [explanation, setExplanation] = useState<Explanation>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = id.trim();
    if (!UUID.test(trimmed)) {
      setBadId(true);
      document.getElementById('explain-id')?.focus();
      return;
    }
    setBadId(false);
    setWorking(true);
    setError(undefined);
    setExplanation(undefined);
    try {
      setExplanation(
        await explainDecision(program.code, { ...(subject === 'household' ? { householdId: trimmed } : { personId: trimmed }), ...(date ? { referenceDate: date } : {}) }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };

  return (
    <section className="card explain" aria-labelledby="explain-heading" data-testid="explain">
      <h3 id="explain-heading">{t('programs.console.explain.title')}</h3>
      <p className="hint">{t('programs.console.explain.intro')}</p>
      <form onSubmit={submit} noValidate className="explain-form">
        <fieldset className="choices-inline">
          <legend>{t('programs.console.explain.subject')}</legend>
          {(['household', 'person'] as const).map((s) => (
            <label key={s} className="check">
              <input type="radio" name="explain-subject" value={s} checked={subject === s} onChange={() => setSubject(s)} data-testid={`explain-subject-${s}`} />{' '}
              {t(`programs.console.explain.subjects.${s}`)}
            </label>
          ))}
        </fieldset>
        <div className="field-grid">
          <div className="field field-wide">
            <label htmlFor="explain-id">{t(`programs.console.explain.idOf.${subject}`)}</label>
            <input
              id="explain-id"
              className="mono"
              value={id}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setId(e.target.value)}
              aria-invalid={badId ? true : undefined}
              data-testid="explain-id"
            />
            {badId && (
              <p className="field-problem" data-testid="explain-id-problem">
                {t('programs.console.explain.badId')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="explain-date">{t('programs.console.explain.date')}</label>
            <input id="explain-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-describedby="explain-date-hint" data-testid="explain-date" />
            <p className="hint" id="explain-date-hint">
              {t('programs.console.explain.dateHint')}
            </p>
          </div>
        </div>
        <div className="actions">
          <button type="submit" disabled={working} data-testid="explain-submit">
            {working ? t('programs.console.explain.working') : t('programs.console.explain.submit')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        <ProblemMessage error={error} testId="explain-error" />
        {explanation && (
          <div className="explanation-result" data-testid="explanation" data-eligible={explanation.eligible}>
            <p className={`notice ${explanation.eligible ? 'notice-ok' : 'notice-info'}`} data-testid="explanation-verdict">
              {explanation.eligible
                ? t('programs.console.explain.eligible', {
                    quantity: format.number(explanation.quantity),
                    measure: explanation.measure,
                  })
                : t('programs.console.explain.notEligible')}
            </p>
            <p className="muted small">
              {t('programs.console.explain.basis', {
                version: explanation.ruleVersion,
                date: format.day(explanation.referenceDate),
                subject: t(`programs.console.explain.subjects.${explanation.subject.type}`),
              })}{' '}
              <code>{explanation.subject.id}</code>
            </p>
            <h4 className="h5">{t('programs.console.rule.eligibility')}</h4>
            <p className="small">{t(`programs.console.explain.join.${explanation.join}`)}</p>
            <ol className="clauses" data-testid="explanation-clauses">
              {explanation.clauses.map((clause, i) => (
                <ClauseItem key={i} clause={clause} />
              ))}
            </ol>
            <h4 className="h5">{t('programs.console.rule.quantity')}</h4>
            <ol className="clauses" data-testid="explanation-quantity">
              <ClauseItem clause={explanation.quantityClause} />
            </ol>
            {explanation.quantityNote && (
              <p className="small muted" lang="en">
                {explanation.quantityNote}
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function ClauseItem({ clause }: { clause: ExplanationClause }) {
  const { t } = useTranslation();
  const format = useProgramFormat();
  const value = (v: boolean | number | string | null) =>
    v === null ? t('programs.console.explain.notRecorded') : typeof v === 'boolean' ? t(v ? 'programs.console.explain.true' : 'programs.console.explain.false') : typeof v === 'number' ? format.number(v) : v;
  const holds = typeof clause.value === 'boolean' ? clause.value : undefined;
  return (
    <li className={`clause${holds === true ? ' clause-true' : holds === false ? ' clause-false' : ''}`} data-testid="explanation-clause" data-value={String(clause.value)}>
      <pre className="rule-text mono" translate="no" data-testid="clause-text">
        {clause.text}
      </pre>
      <p>
        → <strong data-testid="clause-value">{value(clause.value)}</strong>
        {clause.problem && (
          <span className="muted small" lang="en">
            {' '}
            — {clause.problem}
          </span>
        )}
      </p>
      {clause.facts.length > 0 && (
        <dl className="facts clause-facts" data-testid="clause-facts">
          {clause.facts.map((f) => (
            <div key={f.path} className="fact-pair">
              <dt>
                <code translate="no">{f.path}</code>
              </dt>
              <dd data-testid="clause-fact" data-path={f.path}>
                {value(f.value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
