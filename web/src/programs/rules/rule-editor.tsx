import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { ProgramDetail, RuleProblem, RuleVersion, Vocabulary } from '../../api/contracts.ts';
import { publishRule } from '../../api/programs.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
// The server's own amount patterns, so that the form refuses exactly what the server would.
import { BUDGET_DIGITS, moneyPattern, PRICE_DIGITS } from '../../../../src/programs/money.ts';
import { todayUtc } from '../cycles/next-period.ts';
import { useProgramFormat } from '../program-parts.tsx';
import { isExplainedProblem, problemExcerpt, ruleProblemsOf } from './rule-problems.ts';
import { VocabularyPanel } from './vocabulary-panel.tsx';

type Expression = 'eligibility' | 'quantity';
type MoneyField = 'pricePerUnit' | 'costPerUnit' | 'budgetPerCycle';

interface RuleDraft {
  eligibility: string;
  quantity: string;
  pricePerUnit: string;
  costPerUnit: string;
  budgetPerCycle: string;
  validFrom: string;
  reason: string;
}

type Field = keyof RuleDraft;
type Problem = 'required' | 'amount' | 'pastDate' | 'reason';

const PRICE = moneyPattern(PRICE_DIGITS);
const BUDGET = moneyPattern(BUDGET_DIGITS);

/** "12,50" as typed on a Spanish keyboard is "12.50"; anything with grouping is left for the check to refuse. */
const amountOf = (text: string) => {
  const trimmed = text.trim();
  return /^\d+,\d{1,2}$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
};

/** The latest version's text and numbers, to start from; a fresh rule otherwise. */
function draftFrom(program: ProgramDetail): RuleDraft {
  const latest = program.rules.reduce<RuleVersion | undefined>((a, r) => (!a || r.version > a.version ? r : a), undefined);
  const cash = program.benefitKind === 'cash';
  return {
    eligibility: latest?.eligibility ?? '',
    quantity: latest?.quantity ?? '1',
    pricePerUnit: cash ? '0.00' : (latest?.pricePerUnit ?? ''),
    costPerUnit: cash ? '' : (latest?.costPerUnit ?? ''),
    budgetPerCycle: latest?.budgetPerCycle ?? '',
    validFrom: todayUtc(),
    reason: '',
  };
}

/** The rule as last sent, with what the server found wrong in it. */
interface Refusal {
  sources: Record<Expression, string>;
  problems: RuleProblem[];
}

interface RuleEditorProps {
  program: ProgramDetail;
  vocabulary: Vocabulary | undefined;
  vocabularyError: unknown;
  onPublished: (rule: RuleVersion) => void;
  onReload: () => void;
}

/**
 * Writes a new version of the program's rule: who is eligible, how much is due, the
 * price, the cost to the budget (in kind), the budget per cycle and the day it takes
 * effect, with the reason. The server checks both expressions against the published
 * catalogue; a refused rule writes nothing, and each problem is shown under the
 * expression it is in, naming the offending term and marking it in the line.
 */
export function RuleEditor({ program, vocabulary, vocabularyError, onPublished, onReload }: RuleEditorProps) {
  const { t } = useTranslation();
  const format = useProgramFormat();
  const [draft, setDraft] = useState(() => draftFrom(program));
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [refusal, setRefusal] = useState<Refusal>();
  const lastFocused = useRef<Expression>('eligibility');
  const inputs = { eligibility: useRef<HTMLTextAreaElement>(null), quantity: useRef<HTMLTextAreaElement>(null) };
  const cash = program.benefitKind === 'cash';
  const latestVersion = program.rules.reduce((max, r) => Math.max(max, r.version), 0);
  const today = todayUtc();
  const set = <K extends Field>(key: K, value: RuleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const problems = useMemo(() => {
    const found = new Map<Field, Problem>();
    if (!draft.eligibility.trim()) found.set('eligibility', 'required');
    if (!draft.quantity.trim()) found.set('quantity', 'required');
    const amount = (field: MoneyField, pattern: RegExp) => {
      const value = amountOf(draft[field]);
      if (!value) found.set(field, 'required');
      else if (!pattern.test(value)) found.set(field, 'amount');
    };
    if (!cash) {
      amount('pricePerUnit', PRICE);
      amount('costPerUnit', PRICE);
    }
    amount('budgetPerCycle', BUDGET);
    if (!draft.validFrom) found.set('validFrom', 'required');
    else if (draft.validFrom < today) found.set('validFrom', 'pastDate');
    if (draft.reason.trim().length < 3) found.set('reason', 'reason');
    return found;
  }, [draft, cash, today]);
  const problem = (field: Field) => (showProblems ? problems.get(field) : undefined);

  const insert = (path: string) => {
    const which = lastFocused.current;
    const input = inputs[which].current;
    const text = draft[which];
    const start = input?.selectionStart ?? text.length;
    const end = input?.selectionEnd ?? text.length;
    set(which, text.slice(0, start) + path + text.slice(end));
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(start + path.length, start + path.length);
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (problems.size) {
      document.getElementById(`rule-${[...problems.keys()][0]!}`)?.focus();
      return;
    }
    setWorking(true);
    setError(undefined);
    setRefusal(undefined);
    const sent = { eligibility: draft.eligibility, quantity: draft.quantity };
    try {
      const rule = await publishRule(program.code, {
        expectedRuleVersion: latestVersion,
        ...sent,
        pricePerUnit: cash ? '0.00' : amountOf(draft.pricePerUnit),
        ...(cash ? {} : { costPerUnit: amountOf(draft.costPerUnit) }),
        budgetPerCycle: amountOf(draft.budgetPerCycle),
        validFrom: draft.validFrom,
        reason: draft.reason.trim(),
      });
      setDraft((d) => ({ ...d, reason: '' }));
      setShowProblems(false);
      onPublished(rule);
    } catch (failure) {
      const found = ruleProblemsOf(failure);
      if (found) {
        setRefusal({ sources: sent, problems: found });
        document.getElementById(`rule-${found[0]!.rule}`)?.focus();
      } else setError(failure);
    } finally {
      setWorking(false);
    }
  };

  const conflict = error instanceof ApiError && error.code === 'CONFLICT';
  const fieldProblem = (field: Field) => {
    const found = problem(field);
    return found ? (
      <p className="field-problem" id={`rule-${field}-problem`} data-testid={`rule-${field}-problem`}>
        {t(`programs.console.rule.problems.${found}`)}
      </p>
    ) : null;
  };

  const expression = (which: Expression) => {
    const serverProblems = refusal?.problems.filter((p) => p.rule === which) ?? [];
    const invalid = Boolean(problem(which)) || serverProblems.length > 0;
    return (
      <div className="field field-wide">
        <label htmlFor={`rule-${which}`}>
          {t(`programs.console.rule.${which}`)} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <textarea
          id={`rule-${which}`}
          ref={inputs[which]}
          className="mono rule-input"
          rows={which === 'eligibility' ? 4 : 2}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          lang="en"
          translate="no"
          value={draft[which]}
          onFocus={() => (lastFocused.current = which)}
          onChange={(e) => set(which, e.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={[`rule-${which}-hint`, problem(which) ? `rule-${which}-problem` : '', serverProblems.length ? `rule-${which}-refused` : ''].filter(Boolean).join(' ')}
          data-testid={`rule-${which}`}
        />
        <p className="hint" id={`rule-${which}-hint`}>
          {t(`programs.console.rule.${which}Hint`)}
        </p>
        {fieldProblem(which)}
        {serverProblems.length > 0 && (
          <RuleProblems id={`rule-${which}-refused`} which={which} source={refusal!.sources[which]} problems={serverProblems} />
        )}
      </div>
    );
  };

  const money = (field: MoneyField, pattern: RegExp, label: string, hint: string) => {
    const value = amountOf(draft[field]);
    return (
      <div className="field">
        <label htmlFor={`rule-${field}`}>
          {label} <span className="required-mark">{t('registry.required')}</span>
        </label>
        <input
          id={`rule-${field}`}
          inputMode="decimal"
          autoComplete="off"
          className="mono"
          value={draft[field]}
          onChange={(e) => set(field, e.target.value)}
          aria-invalid={problem(field) ? true : undefined}
          aria-describedby={`rule-${field}-hint`}
          data-testid={`rule-${field}`}
        />
        <p className="hint" id={`rule-${field}-hint`}>
          {pattern.test(value) ? <span data-testid={`rule-${field}-shown`}>{format.money(value, program.currency)}</span> : hint}
        </p>
        {fieldProblem(field)}
      </div>
    );
  };

  return (
    <div className="rule-workbench">
      <form className="card rule-editor" onSubmit={submit} noValidate aria-labelledby="rule-editor-heading" data-testid="rule-editor">
        <h3 id="rule-editor-heading">{t('programs.console.rule.title', { version: latestVersion + 1 })}</h3>
        <p className="hint">{t(latestVersion ? 'programs.console.rule.introNext' : 'programs.console.rule.introFirst', { version: latestVersion })}</p>
        <div className="field-grid">
          {expression('eligibility')}
          {expression('quantity')}
          {cash ? (
            <div className="field field-wide">
              <p className="notice notice-info" data-testid="rule-cash-note">
                {t('programs.console.rule.cashNote', { currency: program.currency })}
              </p>
            </div>
          ) : (
            <>
              {money('pricePerUnit', PRICE, t('programs.console.rule.pricePerUnit', { measure: program.measure, currency: program.currency }), t('programs.console.rule.amountHint'))}
              {money('costPerUnit', PRICE, t('programs.console.rule.costPerUnit', { measure: program.measure, currency: program.currency }), t('programs.console.rule.costHint'))}
            </>
          )}
          {money('budgetPerCycle', BUDGET, t('programs.console.rule.budgetPerCycle', { currency: program.currency }), t('programs.console.rule.amountHint'))}
          <div className="field">
            <label htmlFor="rule-validFrom">
              {t('programs.console.rule.validFrom')} <span className="required-mark">{t('registry.required')}</span>
            </label>
            <input
              id="rule-validFrom"
              type="date"
              min={today}
              value={draft.validFrom}
              onChange={(e) => set('validFrom', e.target.value)}
              aria-invalid={problem('validFrom') ? true : undefined}
              aria-describedby="rule-validFrom-hint"
              data-testid="rule-validFrom"
            />
            <p className="hint" id="rule-validFrom-hint">
              {t('programs.console.rule.validFromHint')}
            </p>
            {fieldProblem('validFrom')}
          </div>
          <div className="field field-wide">
            <label htmlFor="rule-reason">
              {t('programs.console.fields.reason')} <span className="required-mark">{t('registry.required')}</span>
            </label>
            <textarea
              id="rule-reason"
              rows={2}
              maxLength={500}
              value={draft.reason}
              onChange={(e) => set('reason', e.target.value)}
              aria-invalid={problem('reason') ? true : undefined}
              aria-describedby="rule-reason-hint"
              data-testid="rule-reason"
            />
            <p className="hint" id="rule-reason-hint">
              {t('programs.console.rule.reasonHint')}
            </p>
            {fieldProblem('reason')}
          </div>
        </div>
        <div aria-live="polite">
          {refusal && (
            <p className="notice notice-error" role="alert" data-testid="rule-refused">
              {t('programs.console.rule.refused', { count: refusal.problems.length })}
            </p>
          )}
          {conflict ? (
            <div className="notice notice-error" role="alert" data-testid="rule-conflict">
              <p>{t('programs.console.rule.conflict')}</p>
              <p>
                <button type="button" onClick={onReload} data-testid="rule-reload">
                  {t('programs.console.reload')}
                </button>
              </p>
            </div>
          ) : (
            <ProblemMessage error={error} testId="rule-error" />
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={working} data-testid="rule-submit">
            {working ? t('programs.console.rule.publishing') : t('programs.console.rule.publish')}
          </button>
        </div>
      </form>
      <VocabularyPanel vocabulary={vocabulary} error={vocabularyError} onInsert={insert} />
    </div>
  );
}

/** The server's problems with one expression: the term, what kind of problem, where, and its own words. */
function RuleProblems({ id, which, source, problems }: { id: string; which: Expression; source: string; problems: RuleProblem[] }) {
  const { t } = useTranslation();
  return (
    <ul className="rule-problems" id={id} data-testid={`rule-${which}-problems`}>
      {problems.map((p, i) => {
        const excerpt = problemExcerpt(source, p);
        return (
          <li key={i} className="rule-problem" data-testid="rule-problem" data-rule={p.rule} data-code={p.code} data-term={p.term}>
            <p>
              {p.term && (
                <>
                  <code className="rule-problem-term" translate="no" data-testid="rule-problem-term">
                    {p.term}
                  </code>{' '}
                </>
              )}
              <strong data-testid="rule-problem-kind">{isExplainedProblem(p.code) ? t(`programs.console.ruleProblems.${p.code}`) : p.code}</strong>
              {p.at && <span className="muted"> · {t('programs.console.rule.at', { line: p.at.line, column: p.at.column })}</span>}
            </p>
            {excerpt && (
              <pre className="rule-excerpt mono" translate="no" aria-hidden="true">
                {excerpt.before}
                <mark>{excerpt.term}</mark>
                {excerpt.after}
              </pre>
            )}
            <p className="small" lang="en" data-testid="rule-problem-message">
              {p.message}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
