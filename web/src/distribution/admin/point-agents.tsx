import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionPoint, DistributionPointAgent, Official } from '../../api/contracts.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { assignAgent, coversRegion, endAssignment, listOfficials } from './points-api.ts';

/** The agents assigned to the point now: assign one (a distribution agent whose regions cover it), or end an assignment. */
export function PointAgents({ point, agents, onChanged }: { point: DistributionPoint; agents: DistributionPointAgent[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [candidates, setCandidates] = useState<Official[]>();
  const [chosen, setChosen] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (point.status !== 'active') return;
    const abort = new AbortController();
    listOfficials(abort.signal).then(
      (all) => setCandidates(all.filter((o) => o.role === 'distribution_agent' && !o.disabled && coversRegion(o.regionScopes, point.regionCode))),
      (failure: unknown) => !abort.signal.aborted && setError(failure),
    );
    return () => abort.abort();
  }, [point.status, point.regionCode]);

  const act = async (work: () => Promise<void>) => {
    setWorking(true);
    setError(undefined);
    try {
      await work();
      setChosen('');
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };
  const assign = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) void act(() => assignAgent(point.code, chosen));
  };
  const assigned = new Set(agents.map((a) => a.officialId));
  const free = (candidates ?? []).filter((o) => !assigned.has(o.id));

  return (
    <section aria-labelledby="point-agents-heading">
      <h2 id="point-agents-heading" className="section-heading">
        {t('points.agents.title')}
      </h2>
      {agents.length === 0 ? (
        <p className="empty" data-testid="point-agents-empty">
          {t('points.agents.none')}
        </p>
      ) : (
        <ul className="plain-list" data-testid="point-agents">
          {agents.map((a) => (
            <li key={a.officialId} data-testid="point-agent" data-username={a.username}>
              <strong>{a.displayName}</strong> <code className="small">{a.username}</code>{' '}
              <span className="muted small">{t('points.agents.since', { date: format.date(a.assignedAt), name: a.assignedByName })}</span>
              {a.disabled && <span className="badge"> {t('points.agents.disabled')}</span>}{' '}
              <button type="button" disabled={working} onClick={() => void act(() => endAssignment(point.code, a.officialId))} data-testid="point-agent-end">
                {t('points.agents.end')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {point.status === 'active' && (
        <form className="filters-inline" onSubmit={assign} data-testid="point-agent-form">
          <div className="field">
            <label htmlFor="point-agent-choice">{t('points.agents.choose')}</label>
            <select id="point-agent-choice" value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="point-agent-choice">
              <option value="">{candidates ? (free.length ? t('points.agents.choosePrompt') : t('points.agents.noCandidates')) : t('app.loading')}</option>
              {free.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.displayName} ({o.username})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={working || !chosen} data-testid="point-agent-assign">
            {t('points.agents.assign')}
          </button>
        </form>
      )}
      <p className="hint">{t('points.agents.hint')}</p>
      <ProblemMessage error={error} testId="point-agents-error" />
    </section>
  );
}
