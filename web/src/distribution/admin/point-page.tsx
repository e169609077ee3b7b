import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionPointDetail } from '../../api/contracts.ts';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import './points-admin.css';
import { Link } from '../../router/link.tsx';
import { bilingualText } from '../../programs/program-parts.tsx';
import { PointAgents } from './point-agents.tsx';
import { PointSettings } from './point-settings.tsx';
import { PointTerminals } from './point-terminals.tsx';
import { getPoint, POINTS_PATH } from './points-api.ts';

/**
 * One distribution point: what it is, the programs it serves, the agents assigned to it
 * now, and its terminals — registered here (the enrolment code is shown once) and revoked
 * here with one click and a reason.
 */
export function PointPage({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [detail, setDetail] = useState<DistributionPointDetail>();
  const [error, setError] = useState<unknown>();

  const reload = useCallback(
    (signal?: AbortSignal) =>
      getPoint(code, signal).then(setDetail, (failure: unknown) => !signal?.aborted && setError(failure)),
    [code],
  );
  useEffect(() => {
    const abort = new AbortController();
    void reload(abort.signal);
    return () => abort.abort();
  }, [reload]);

  if (error && !detail) {
    return (
      <>
        <PageHeading title={t('points.detail.title', { code })} />
        <ProblemMessage error={error} testId="point-error" />
        <p>
          <Link to={POINTS_PATH}>{t('points.detail.back')}</Link>
        </p>
      </>
    );
  }
  if (!detail) return <Loading />;
  const { point } = detail;

  return (
    <>
      <p className="small">
        <Link to={POINTS_PATH}>{t('points.detail.back')}</Link>
      </p>
      <PageHeading title={point.name} testId="point-title" />
      <dl className="facts" data-testid="point-facts">
        <dt>{t('points.fields.code')}</dt>
        <dd>
          <code>{point.code}</code>
        </dd>
        <dt>{t('points.fields.kind')}</dt>
        <dd>{t(`points.kinds.${point.kind}`)}</dd>
        <dt>{t('points.fields.region')}</dt>
        <dd>{point.regionCode}</dd>
        <dt>{t('points.fields.status')}</dt>
        <dd>
          <span className={`badge badge-point-${point.status}`} data-testid="point-status">
            {t(`points.statuses.${point.status}`)}
          </span>
        </dd>
        <dt>{t('points.fields.created')}</dt>
        <dd>{t('points.detail.createdBy', { date: format.date(point.createdAt), name: point.createdByName })}</dd>
      </dl>
      <PointSettings point={point} onChanged={() => void reload()} />

      <section aria-labelledby="point-programs-heading">
        <h2 id="point-programs-heading" className="section-heading">
          {t('points.programs.title')}
        </h2>
        {detail.programs.length === 0 ? (
          <p className="empty">{t('points.programs.none')}</p>
        ) : (
          <ul className="plain-list" data-testid="point-programs">
            {detail.programs.map((p) => (
              <li key={p.code}>
                {bilingualText(p.name, i18n.language)} <code className="small">{p.code}</code>{' '}
                <span className="muted small">{t(`programs.statuses.${p.status as 'draft' | 'active' | 'closed'}`)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="hint">{t('points.programs.hint')}</p>
      </section>

      <PointAgents point={point} agents={detail.agents} onChanged={() => void reload()} />
      <PointTerminals point={point} terminals={detail.terminals} onChanged={() => void reload()} />
    </>
  );
}
