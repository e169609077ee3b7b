import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { Cycle, CycleDetail } from '../../api/contracts.ts';
import { closeCycle, getCycle, overrideBudget, runCycle } from '../../api/cycles.ts';
import { Loading } from '../../components/loading.tsx';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { useOfficial } from '../../session/session.tsx';
import { CycleChanges } from './cycle-changes.tsx';
import { ByPointTable, TotalsFacts, useCycleFormat } from './cycle-figures.tsx';
import { CycleReasonForm } from './cycle-reason-form.tsx';

/** How often a running cycle is asked for its progress. */
export const POLL_MS = 1000;

type Panel = 'none' | 'close' | 'override';

interface CyclePanelProps {
  code: string;
  period: string;
  /** Whatever happened to the cycle (progress, end, closing): the list shows it too. */
  onChanged: (cycle: Cycle) => void;
}

/**
 * One cycle: its progress while it runs (asked every second), then its status, totals
 * against the budget and entitlements per distribution point; closing it, overriding an
 * exceeded budget (a second program manager only), and the registry changes since.
 */
export function CyclePanel({ code, period, onChanged }: CyclePanelProps) {
  const { t } = useTranslation();
  const format = useCycleFormat();
  const me = useOfficial();
  const [cycle, setCycle] = useState<CycleDetail>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const [panel, setPanel] = useState<Panel>('none');
  const [resuming, setResuming] = useState(false);
  const [resumeError, setResumeError] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    getCycle(code, period, abort.signal).then(
      (found) => {
        setCycle(found);
        setError(undefined);
        onChanged(found);
        if (found.status === 'running') timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        setError(failure);
        // A dropped connection while following a run: keep asking; anything else stops.
        if (failure instanceof ApiError && failure.code === 'NETWORK') timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
      },
    );
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
    // `onChanged` is the parent's callback, new on each render: following it would re-ask every render.
  }, [code, period, tick]);

  const changed = (next: Cycle) => {
    setPanel('none');
    onChanged(next);
    setTick((n) => n + 1);
  };

  const resume = async () => {
    setResuming(true);
    setResumeError(undefined);
    try {
      await runCycle(code, period);
      setTick((n) => n + 1);
    } catch (failure) {
      setResumeError(failure);
    } finally {
      setResuming(false);
    }
  };

  if (!cycle) {
    return (
      <section className="card cycle-panel" data-testid="cycle-panel" data-period={period}>
        <ProblemMessage error={error} testId="cycle-error" />
        {!error && <Loading />}
      </section>
    );
  }

  const { progress } = cycle;
  const total = progress.householdsTotal;
  const done = Math.min(progress.householdsDone, total);
  const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
  const running = cycle.status === 'running';
  const explainOverride = (failure: unknown) =>
    failure instanceof ApiError && failure.code === 'FORBIDDEN' ? t('programs.console.cycle.overrideSecond', { name: cycle.startedBy }) : undefined;

  return (
    <section className="card cycle-panel" aria-labelledby={`cycle-${period}-heading`} data-testid="cycle-panel" data-period={period} data-status={cycle.status}>
      <div className="request-head">
        <h4 id={`cycle-${period}-heading`}>{t('programs.console.cycle.title', { period: cycle.period })}</h4>
        <span className={`badge badge-cycle-${cycle.status}`} data-testid="cycle-status">
          {t(`programs.console.cycleStatuses.${cycle.status}`)}
        </span>
      </div>
      <p className="hint">
        {t('programs.console.cycles.basis', {
          version: cycle.ruleVersion,
          date: format.day(cycle.referenceDate),
          from: format.day(cycle.validFrom),
          until: format.day(cycle.validUntil),
        })}{' '}
        {t('programs.console.cycle.startedBy', { name: cycle.startedBy, time: format.dateTime(cycle.startedAt) })}
      </p>
      <ProblemMessage error={error} testId="cycle-error" />

      <div className="progress-line cycle-progress" data-testid="cycle-progress" data-done={done} data-total={total}>
        <label htmlFor={`cycle-${period}-bar`}>{running ? t('programs.console.cycle.running') : t('programs.console.cycle.evaluated')}</label>
        <progress id={`cycle-${period}-bar`} max={Math.max(total, 1)} value={total === 0 ? 1 : done} data-testid="cycle-progress-bar">
          {percent}%
        </progress>
        <span data-testid="cycle-progress-text">{t('programs.console.cycle.progress', { done: format.number(done), total: format.number(total), percent })}</span>
      </div>
      <p className="muted small" data-testid="cycle-counts">
        {t('programs.console.cycle.counts', { evaluated: format.number(progress.subjectsEvaluated), eligible: format.number(progress.eligible), notComputed: format.number(progress.notComputed) })}
      </p>

      {running && (
        <div className="actions">
          <button type="button" onClick={() => void resume()} disabled={resuming} data-testid="cycle-resume" aria-describedby={`cycle-${period}-resume-hint`}>
            {t('programs.console.cycle.resume')}
          </button>
          <p className="hint" id={`cycle-${period}-resume-hint`}>
            {t('programs.console.cycle.resumeHint')}
          </p>
          <ProblemMessage error={resumeError} testId="cycle-resume-error" />
        </div>
      )}

      {cycle.status === 'over_budget' && (
        <p className="notice notice-warning" data-testid="cycle-over-budget">
          {t('programs.console.cycle.overBudget')}
        </p>
      )}
      {cycle.totals && <TotalsFacts totals={cycle.totals} budget={cycle.budget} measure={cycle.measure} currency={cycle.currency} testId="cycle-totals" />}
      {cycle.override && (
        <p className="muted" data-testid="cycle-override">
          {t('programs.console.cycle.overridden', { name: cycle.override.by, time: format.dateTime(cycle.override.at), reason: cycle.override.reason })}
        </p>
      )}
      {cycle.closing && (
        <p className="muted" data-testid="cycle-closing">
          {t('programs.console.cycle.closed', { name: cycle.closing.by, time: format.dateTime(cycle.closing.at), reason: cycle.closing.reason })}
        </p>
      )}
      {!running && (
        <>
          <h5 className="h5">{t('programs.console.cycles.byPoint')}</h5>
          <ByPointTable rows={cycle.byDistributionPoint} measure={cycle.measure} testId="cycle-by-point" />
        </>
      )}

      {panel === 'none' && (cycle.actions.includes('override_budget') || cycle.actions.includes('close')) && (
        <div className="actions">
          {cycle.actions.includes('override_budget') && (
            <button type="button" className="primary" onClick={() => setPanel('override')} data-testid="cycle-open-override">
              {t('programs.console.cycle.override')}
            </button>
          )}
          {cycle.actions.includes('close') && (
            <button type="button" className="danger" onClick={() => setPanel('close')} data-testid="cycle-open-close">
              {t('programs.console.cycle.close')}
            </button>
          )}
        </div>
      )}
      {panel === 'override' && (
        <CycleReasonForm
          kind="override"
          title={t('programs.console.cycle.overrideTitle')}
          intro={t('programs.console.cycle.overrideIntro', {
            cost: cycle.totals ? format.money(cycle.totals.totalCost, cycle.currency) : '—',
            budget: format.money(cycle.budget, cycle.currency),
          })}
          submitLabel={t('programs.console.cycle.override')}
          send={(reason) => overrideBudget(code, period, { reason })}
          onDone={changed}
          onCancel={() => setPanel('none')}
          explain={explainOverride}
        >
          {cycle.startedBy === me.username && (
            <p className="notice notice-info" data-testid="cycle-override-own">
              {t('programs.console.cycle.overrideOwn')}
            </p>
          )}
        </CycleReasonForm>
      )}
      {panel === 'close' && (
        <CycleReasonForm
          kind="close"
          title={t('programs.console.cycle.closeTitle')}
          intro={t('programs.console.cycle.closeIntro')}
          submitLabel={t('programs.console.cycle.close')}
          send={(reason) => closeCycle(code, period, { reason })}
          onDone={changed}
          onCancel={() => setPanel('none')}
        />
      )}

      {!running && <CycleChanges key={period} code={code} period={period} measure={cycle.measure} />}
    </section>
  );
}
