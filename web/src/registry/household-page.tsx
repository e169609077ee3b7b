import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdView, VersionView } from '../api/contracts.ts';
import { getHousehold, getHouseholdHistory } from '../api/registry.ts';
import { useCatalogue } from '../catalogue/use-catalogue.ts';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { personPath } from '../console/console-pages.ts';
import { Link } from '../router/link.tsx';
import { BirthDateText } from './birth-date-text.tsx';
import { dropFlash, peekFlash } from './flash.ts';
import { HistoryTimeline } from './history-timeline.tsx';
import { personName } from './person-name.ts';
import { ProblemMessage } from './problem-message.tsx';
import { addressText, useRecordValues } from './record-values.tsx';
import { StatusBadge } from './status-badge.tsx';
import { useRegions } from './use-regions.ts';

/** The head first, then the closest relatives. */
const RELATIONSHIP_ORDER = ['head', 'spouse', 'child', 'parent', 'other'];

/** A household: where it lives, who lives there, and every version of it. */
export function HouseholdPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const catalogue = useCatalogue();
  const values = useRecordValues(catalogue.entries);
  const [household, setHousehold] = useState<HouseholdView>();
  const [history, setHistory] = useState<VersionView[]>();
  const [error, setError] = useState<unknown>();
  const [flash] = useState(() => peekFlash(id));
  useEffect(() => dropFlash(id), [id]);

  useEffect(() => {
    const abort = new AbortController();
    const fail = (failure: unknown) => !abort.signal.aborted && setError(failure);
    getHousehold(id, abort.signal).then(setHousehold, fail);
    getHouseholdHistory(id, abort.signal).then(setHistory, fail);
    return () => abort.abort();
  }, [id]);

  const head = household?.members.find((m) => m.relationship === 'head');
  const title = head
    ? t('registry.household.titleOf', { name: personName(head) })
    : household
      ? t('registry.household.titleAt', { address: addressText(household.address) })
      : t('registry.household.title');

  return (
    <>
      <PageHeading title={title} testId="household-title" />
      {flash && (
        <p className="notice notice-ok" role="status" data-testid="enrolled-notice">
          {t('registry.household.enrolled', { count: flash.created })}
          {flash.linked.length > 0 && (
            <>
              {` ${t('registry.household.linked', { count: flash.linked.length })}`}{' '}
              {flash.linked.map((personId, i) => (
                <span key={personId}>
                  {i > 0 && ', '}
                  <Link to={personPath(personId)} data-testid="linked-person">
                    {t('registry.household.openLinked', { number: i + 1 })}
                  </Link>
                </span>
              ))}
            </>
          )}
        </p>
      )}
      <ProblemMessage error={error} testId="household-error" />
      {!household && !error && <Loading />}
      {household && (
        <>
          {household.status === 'tombstoned' && (
            <p className="banner banner-removed" role="note" data-testid="household-banner">
              {t('registry.household.tombstoned')}
            </p>
          )}
          <section className="card" aria-labelledby="household-facts">
            <h2 id="household-facts">{t('registry.household.facts')}</h2>
            <dl className="facts" data-testid="household-facts">
              <dt>{t('registry.fields.region')}</dt>
              <dd data-testid="household-region">{regions.fullName(household.regionCode)}</dd>
              <dt>{t('registry.fields.address')}</dt>
              <dd data-testid="household-address">{addressText(household.address)}</dd>
              <dt>{t('registry.fields.distributionPoint')}</dt>
              <dd>{household.distributionPoint ?? <span className="muted">{t('registry.notRecorded')}</span>}</dd>
              <dt>{t('registry.fields.status')}</dt>
              <dd>
                <span className={`badge badge-${household.status}`}>{t(`registry.status.${household.status}`)}</span>
              </dd>
              <dt>{t('registry.fields.version')}</dt>
              <dd>{household.version}</dd>
            </dl>
          </section>

          <section className="card" aria-labelledby="household-members">
            <h2 id="household-members">{t('registry.household.members', { count: household.members.length })}</h2>
            <div className="table-scroll flat">
              <table className="data-table cards-on-phone" data-testid="household-members">
                <thead>
                  <tr>
                    <th scope="col">{t('registry.fields.name')}</th>
                    <th scope="col">{t('registry.fields.relationship')}</th>
                    <th scope="col">{t('registry.fields.birthDate')}</th>
                    <th scope="col">{t('registry.fields.evidence')}</th>
                    <th scope="col">{t('registry.fields.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...household.members].sort((a, b) => RELATIONSHIP_ORDER.indexOf(a.relationship) - RELATIONSHIP_ORDER.indexOf(b.relationship)).map((m) => (
                    <tr key={m.id} data-testid="household-member" data-person-id={m.id}>
                      <td className="card-title">
                        <Link to={personPath(m.id)} data-testid="member-link">
                          {personName(m)}
                        </Link>
                      </td>
                      <td data-label={t('registry.fields.relationship')}>{t(`registry.relationship.${m.relationship}`)}</td>
                      <td data-label={t('registry.fields.birthDate')}>
                        <BirthDateText birthDate={m.birthDate} />
                      </td>
                      <td data-label={t('registry.fields.evidence')}>{values.value('evidence', m.evidence)}</td>
                      <td data-label={t('registry.fields.status')}>
                        <StatusBadge status={m.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      {history && (
        <section className="card" aria-labelledby="household-history">
          <h2 id="household-history">{t('registry.history.title')}</h2>
          <HistoryTimeline versions={history} label={values.label} value={values.value} />
        </section>
      )}
    </>
  );
}
