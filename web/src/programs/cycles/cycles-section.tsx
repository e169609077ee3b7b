import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cycle, CyclePreview, ProgramDetail } from '../../api/contracts.ts';
import { listCycles, previewCycle, runCycle } from '../../api/cycles.ts';
import { Loading } from '../../components/loading.tsx';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { PreviewView, useCycleFormat } from './cycle-figures.tsx';
import { CyclePanel } from './cycle-panel.tsx';
import { nextPeriod, PERIOD_PATTERN, todayUtc } from './next-period.ts';

/**
 * A program's cycles: preview a period (counts, quantity, cost against the budget, per
 * distribution point; nothing written), run it (the server evaluates in the background
 * and the panel follows its progress), and the cycles so far with their status and
 * totals. Running a cycle that was evaluated creates nothing, and says so.
 */
export function CyclesSection({ program }: { program: ProgramDetail }) {
  const { t } = useTranslation();
  const format = useCycleFormat();
  const [period, setPeriod] = useState(() => nextPeriod(program.frequency, todayUtc()));
  const [badPeriod, setBadPeriod] = useState(false);
  const [cycles, setCycles] = useState<Cycle[]>();
  const [listError, setListError] = useState<unknown>();
  const [preview, setPreview] = useState<CyclePreview>();
  const [working, setWorking] = useState<'preview' | 'run'>();
  const [error, setError] = useState<unknown>();
  const [selected, setSelected] = useState<string>();
  const [alreadyRun, setAlreadyRun] = useState<string>();
  const [started, setStarted] = useState<string>();
  const runs = program.status === 'active';

  useEffect(() => {
    const abort = new AbortController();
    listCycles(program.code, abort.signal).then(
      (found) => {
        setCycles(found);
        // A run still going (started earlier, or by someone else) is followed as soon as the page opens.
        const running = found.find((c) => c.status === 'running');
        if (running) setSelected((current) => current ?? running.period);
      },
      (failure: unknown) => !abort.signal.aborted && setListError(failure),
    );
    return () => abort.abort();
  }, [program.code]);

  /** The panel reports each state of its cycle: the list shows the same. */
  const onChanged = useCallback((cycle: Cycle) => {
    setCycles((list) => {
      const others = (list ?? []).filter((c) => c.period !== cycle.period);
      return [...others, cycle].sort((a, b) => b.period.localeCompare(a.period));
    });
  }, []);

  const checkPeriod = () => {
    const ok = new RegExp(`^${PERIOD_PATTERN[program.frequency]}$`).test(period.trim());
    setBadPeriod(!ok);
    if (!ok) document.getElementById('cycle-period')?.focus();
    return ok;
  };

  const act = async (event: { preventDefault: () => void }, what: 'preview' | 'run') => {
    event.preventDefault();
    if (!checkPeriod()) return;
    const chosen = period.trim();
    setWorking(what);
    setError(undefined);
    setAlreadyRun(undefined);
    setStarted(undefined);
    try {
      if (what === 'preview') {
        setPreview(await previewCycle(program.code, chosen));
      } else {
        const answer = await runCycle(program.code, chosen);
        onChanged(answer.cycle);
        if (answer.alreadyRun) setAlreadyRun(chosen);
        else setStarted(chosen);
        setSelected(chosen);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(undefined);
    }
  };

  return (
    <section className="program-section" aria-labelledby="cycles-heading" data-testid="cycles">
      <h2 id="cycles-heading" className="section-heading">
        {t('programs.console.cycles.title')}
      </h2>
      {runs ? (
        <form className="card cycle-run-form" onSubmit={(e) => void act(e, 'run')} noValidate data-testid="cycle-form">
          <p className="hint">{t(`programs.console.cycles.intro.${program.frequency}`)}</p>
          <div className="field field-narrow">
            <label htmlFor="cycle-period">{t('programs.console.cycles.period')}</label>
            <input
              id="cycle-period"
              className="mono"
              value={period}
              autoComplete="off"
              onChange={(e) => setPeriod(e.target.value)}
              aria-invalid={badPeriod ? true : undefined}
              aria-describedby="cycle-period-hint"
              data-testid="cycle-period"
            />
            <p className="hint" id="cycle-period-hint">
              {t(`programs.console.cycles.periodHint.${program.frequency}`)}
            </p>
            {badPeriod && (
              <p className="field-problem" data-testid="cycle-period-problem">
                {t(`programs.console.cycles.periodHint.${program.frequency}`)}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="button" onClick={(e) => void act(e, 'preview')} disabled={working !== undefined} data-testid="cycle-preview">
              {working === 'preview' ? t('programs.console.cycles.previewing') : t('programs.console.cycles.preview')}
            </button>
            <button type="submit" className="primary" disabled={working !== undefined} data-testid="cycle-run">
              {working === 'run' ? t('programs.console.cycles.starting') : t('programs.console.cycles.run')}
            </button>
          </div>
          <p className="hint">{t('programs.console.cycles.runHint')}</p>
          <div aria-live="polite">
            <ProblemMessage error={error} testId="cycle-form-error" />
            {alreadyRun && (
              <p className="notice notice-info" role="status" data-testid="cycle-already-run">
                {t('programs.console.cycles.alreadyRun', { period: alreadyRun })}
              </p>
            )}
            {started && (
              <p className="notice notice-ok" role="status" data-testid="cycle-started">
                {t('programs.console.cycles.runStarted', { period: started })}
              </p>
            )}
          </div>
        </form>
      ) : (
        <p className="notice notice-info" data-testid="cycles-not-active">
          {t(program.status === 'draft' ? 'programs.console.cycles.draft' : 'programs.console.cycles.closedProgram')}
        </p>
      )}

      {preview && <PreviewView preview={preview} />}
      {selected && <CyclePanel key={selected} code={program.code} period={selected} onChanged={onChanged} />}

      <h3 className="h3">{t('programs.console.cycles.listTitle')}</h3>
      <ProblemMessage error={listError} testId="cycles-error" />
      {!cycles && !listError && <Loading />}
      {cycles && cycles.length === 0 && (
        <p className="empty" data-testid="cycles-empty">
          {t('programs.console.cycles.empty')}
        </p>
      )}
      {cycles && cycles.length > 0 && (
        <div className="table-scroll">
          <table className="data-table cards-on-phone" data-testid="cycles-list">
            <thead>
              <tr>
                <th scope="col">{t('programs.console.cycles.period')}</th>
                <th scope="col">{t('programs.console.cycles.status')}</th>
                <th scope="col">{t('programs.console.cycles.entitlements')}</th>
                <th scope="col">{t('programs.console.cycles.totalQuantity')}</th>
                <th scope="col">{t('programs.console.cycles.totalCost')}</th>
                <th scope="col">{t('programs.console.cycles.started')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('programs.console.cycles.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cycles.map((c) => (
                <tr key={c.period} data-testid="cycle-row" data-period={c.period} data-status={c.status} aria-current={c.period === selected ? 'true' : undefined}>
                  <td className="card-title">
                    <code>{c.period}</code>
                  </td>
                  <td data-label={t('programs.console.cycles.status')}>
                    <span>
                      <span className={`badge badge-cycle-${c.status}`} data-testid="cycle-row-status">
                        {t(`programs.console.cycleStatuses.${c.status}`)}
                      </span>
                      {c.status === 'running' && (
                        <span className="muted small">
                          {' '}
                          {format.number(c.progress.householdsDone)} / {format.number(c.progress.householdsTotal)}
                        </span>
                      )}
                    </span>
                  </td>
                  <td data-label={t('programs.console.cycles.entitlements')} data-testid="cycle-row-entitlements">
                    {c.totals ? format.number(c.totals.entitlements) : '—'}
                  </td>
                  <td data-label={t('programs.console.cycles.totalQuantity')} data-testid="cycle-row-quantity">
                    {c.totals ? format.quantity(c.totals.totalQuantity, c.measure) : '—'}
                  </td>
                  <td data-label={t('programs.console.cycles.totalCost')} data-testid="cycle-row-cost">
                    {c.totals ? (
                      <span>
                        {format.money(c.totals.totalCost, c.currency)}
                        <span className="muted small"> / {format.money(c.budget, c.currency)}</span>
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label={t('programs.console.cycles.started')}>
                    <span className="small">{t('programs.console.cycles.startedCell', { name: c.startedBy, time: format.dateTime(c.startedAt) })}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setAlreadyRun(undefined);
                        setStarted(undefined);
                        setSelected(c.period);
                      }}
                      aria-pressed={c.period === selected}
                      data-testid="cycle-row-open"
                    >
                      {t('programs.console.cycles.show', { period: c.period })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
