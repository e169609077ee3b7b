import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionPointSummary, Region } from '../../api/contracts.ts';
import { listRegions } from '../../api/regions.ts';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import './points-admin.css';
import { Link } from '../../router/link.tsx';
import { navigate } from '../../router/location.ts';
import { useOfficial } from '../../session/session.tsx';
import { NewPointForm } from './new-point-form.tsx';
import { coversRegion, listPoints, pointPath } from './points-api.ts';

/** The distribution points in the administrator's regions, a filter by region, and the form for a new one. */
export function PointsPage() {
  const { t } = useTranslation();
  const me = useOfficial();
  const [regions, setRegions] = useState<Region[]>([]);
  const [region, setRegion] = useState('');
  const [points, setPoints] = useState<DistributionPointSummary[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    listRegions(abort.signal).then((all) => setRegions(all.filter((r) => coversRegion(me.regionScopes, r.code))), () => undefined);
    return () => abort.abort();
  }, [me.regionScopes]);

  useEffect(() => {
    const abort = new AbortController();
    setPoints(undefined);
    setError(undefined);
    listPoints(region ? { region } : {}, abort.signal).then(
      (page) => {
        setPoints(page.points);
        setNext(page.next);
      },
      (failure: unknown) => !abort.signal.aborted && setError(failure),
    );
    return () => abort.abort();
  }, [region]);

  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await listPoints({ ...(region ? { region } : {}), after: next });
      setPoints((shown) => [...(shown ?? []), ...page.points]);
      setNext(page.next);
    } catch (failure) {
      setError(failure);
    }
  };

  const scopes = me.regionScopes.includes('*') ? t('home.wholeCountry') : me.regionScopes.join(', ') || t('home.none');
  const regionName = new Map(regions.map((r) => [r.code, r.name]));

  return (
    <>
      <PageHeading title={t('points.list.title')} testId="points-title" />
      <p className="lead">{t('points.list.intro')}</p>
      <p className="muted small">{t('points.list.scopes', { scopes })}</p>
      {creating ? (
        <NewPointForm regions={regions} onCreated={(point) => navigate(pointPath(point.code))} onCancel={() => setCreating(false)} />
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-point">
            {t('points.create.open')}
          </button>
        </div>
      )}
      <div className="filters">
        <div className="field">
          <label htmlFor="points-region">{t('points.list.region')}</label>
          <select id="points-region" value={region} onChange={(e) => setRegion(e.target.value)} data-testid="points-region">
            <option value="">{t('points.list.allRegions')}</option>
            {regions
              .filter((r) => r.level !== 'parish')
              .map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} · {r.name}
                </option>
              ))}
          </select>
        </div>
      </div>
      <ProblemMessage error={error} testId="points-error" />
      {!points && !error && <Loading />}
      {points && points.length === 0 && (
        <p className="empty" data-testid="points-empty">
          {t('points.list.empty')}
        </p>
      )}
      {points && points.length > 0 && (
        <div className="table-scroll">
          <table className="data-table cards-on-phone" data-testid="points">
            <thead>
              <tr>
                <th scope="col">{t('points.fields.point')}</th>
                <th scope="col">{t('points.fields.kind')}</th>
                <th scope="col">{t('points.fields.region')}</th>
                <th scope="col">{t('points.fields.status')}</th>
                <th scope="col">{t('points.fields.agents')}</th>
                <th scope="col">{t('points.fields.terminals')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.code} data-testid="point-row" data-code={p.code}>
                  <td className="card-title">
                    <Link to={pointPath(p.code)} data-testid="point-link">
                      {p.name}
                    </Link>{' '}
                    <code className="entry-key small">{p.code}</code>
                  </td>
                  <td data-label={t('points.fields.kind')}>{t(`points.kinds.${p.kind}`)}</td>
                  <td data-label={t('points.fields.region')}>
                    {p.regionCode}
                    {regionName.has(p.regionCode) && <span className="muted"> · {regionName.get(p.regionCode)}</span>}
                  </td>
                  <td data-label={t('points.fields.status')}>
                    <span className={`badge badge-point-${p.status}`}>{t(`points.statuses.${p.status}`)}</span>
                  </td>
                  <td data-label={t('points.fields.agents')}>{p.agents}</td>
                  <td data-label={t('points.fields.terminals')}>{p.terminals}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <div className="load-more">
          <button type="button" onClick={() => void loadMore()} data-testid="points-more">
            {t('points.list.more')}
          </button>
        </div>
      )}
    </>
  );
}
