import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdView, VersionView } from '../api/contracts.ts';
import { getHousehold, getHouseholdHistory, requestHouseholdRemoval } from '../api/registry.ts';
import { useCatalogue } from '../catalogue/use-catalogue.ts';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { personPath } from '../console/console-pages.ts';
import { Link } from '../router/link.tsx';
import { BirthDateText } from './birth-date-text.tsx';
import { dropFlash, peekFlash } from './flash.ts';
import { HistoryTimeline } from './history-timeline.tsx';
import { AddMemberForm } from './household/add-member-form.tsx';
import { HouseholdCorrectForm } from './household/household-correct-form.tsx';
import { MembersValue } from './household/members-value.tsx';
import { orderedMembers } from './household/member-order.ts';
import { MoveMemberForm } from './household/move-member-form.tsx';
import { RemovalRequestForm } from './person/removal-request-form.tsx';
import { personName } from './person-name.ts';
import { ProblemMessage } from './problem-message.tsx';
import { addressText, useRecordValues } from './record-values.tsx';
import { StatusBadge } from './status-badge.tsx';
import { useRegions } from './use-regions.ts';

type Panel = 'none' | 'correct' | 'add' | 'move' | 'removal';
type Notice = 'corrected' | 'memberAdded' | 'memberLinked' | 'moved' | 'removalRequested';

/**
 * A household: where it lives, who lives there, and every version of it. A registrar
 * corrects it here (address, distribution point, parish, relationships), adds and
 * moves members, and asks for an emptied household to be removed.
 */
export function HouseholdPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const catalogue = useCatalogue();
  const values = useRecordValues(catalogue.entries);
  const [household, setHousehold] = useState<HouseholdView>();
  const [history, setHistory] = useState<VersionView[]>();
  const [error, setError] = useState<unknown>();
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<Notice>();
  const [attempt, setAttempt] = useState(0);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const [flash] = useState(() => peekFlash(id));
  useEffect(() => dropFlash(id), [id]);

  useEffect(() => {
    const abort = new AbortController();
    const fail = (failure: unknown) => !abort.signal.aborted && setError(failure);
    setError(undefined);
    getHousehold(id, abort.signal).then(setHousehold, fail);
    getHouseholdHistory(id, abort.signal).then(setHistory, fail);
    return () => abort.abort();
  }, [id, attempt]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  /** After a change: close the panel, say what happened, and read the household and its history again. */
  const changed = useCallback((what: Notice) => {
    setPanel('none');
    setNotice(what);
    setAttempt((n) => n + 1);
  }, []);
  const open = (next: Panel) => {
    setNotice(undefined);
    setPanel(next);
  };

  const head = household?.members.find((m) => m.relationship === 'head');
  const title = head
    ? t('registry.household.titleOf', { name: personName(head) })
    : household
      ? t('registry.household.titleAt', { address: addressText(household.address) })
      : t('registry.household.title');
  const active = household?.status === 'active';
  const activeMembers = household?.members.filter((m) => m.status === 'active') ?? [];
  const movable = activeMembers.some((m) => m.relationship !== 'head');
  // Former members are named only by a link: reading their record is a read of its own.
  const historyValue = (field: string, v: unknown): ReactNode =>
    field === 'members' ? <MembersValue value={v} current={household?.members ?? []} /> : values.value(field, v);

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
      {notice && (
        <p className="notice notice-ok" role="status" tabIndex={-1} ref={noticeRef} data-testid="household-notice" data-notice={notice}>
          {t(`registry.household.notices.${notice}`)}
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
              <dd data-testid="household-point">{household.distributionPoint ?? <span className="muted">{t('registry.notRecorded')}</span>}</dd>
              <dt>{t('registry.fields.status')}</dt>
              <dd>
                <span className={`badge badge-${household.status}`}>{t(`registry.status.${household.status}`)}</span>
              </dd>
              <dt>{t('registry.fields.version')}</dt>
              <dd data-testid="household-version">{household.version}</dd>
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
                  {orderedMembers(household.members).map((m) => (
                    <tr key={m.id} data-testid="household-member" data-person-id={m.id} data-relationship={m.relationship}>
                      <td className="card-title">
                        <Link to={personPath(m.id)} data-testid="member-link">
                          {personName(m)}
                        </Link>
                      </td>
                      <td data-label={t('registry.fields.relationship')} data-testid="member-relationship">
                        {t(`registry.relationship.${m.relationship}`)}
                      </td>
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

          {active && activeMembers.length === 0 && panel === 'none' && (
            <p className="notice notice-info" data-testid="household-removable">
              {t('registry.household.removable')}
            </p>
          )}
          {active && panel === 'none' && (
            <div className="actions" role="group" aria-label={t('registry.household.actions')}>
              <button type="button" className="primary" onClick={() => open('correct')} data-testid="open-hh-correct">
                {t('registry.householdCorrect.open')}
              </button>
              <button type="button" onClick={() => open('add')} data-testid="open-add-member">
                {t('registry.addMember.open')}
              </button>
              {movable && (
                <button type="button" onClick={() => open('move')} data-testid="open-move">
                  {t('registry.move.open')}
                </button>
              )}
              {activeMembers.length === 0 && (
                <button type="button" onClick={() => open('removal')} data-testid="open-hh-removal">
                  {t('registry.householdRemoval.open')}
                </button>
              )}
            </div>
          )}
          {active && panel === 'correct' && (
            <HouseholdCorrectForm
              key={household.version}
              household={household}
              onSaved={() => changed('corrected')}
              onCancel={() => setPanel('none')}
              onReload={() => setAttempt((n) => n + 1)}
            />
          )}
          {active && panel === 'add' && (
            <AddMemberForm
              // Kept across a reload: what was typed stays, and the next try names the version read.
              key={household.id}
              household={household}
              onAdded={(result) => changed(result.linked ? 'memberLinked' : 'memberAdded')}
              onCancel={() => setPanel('none')}
              onReload={() => setAttempt((n) => n + 1)}
            />
          )}
          {active && panel === 'move' && (
            <MoveMemberForm
              key={household.version}
              household={household}
              onMoved={() => changed('moved')}
              onCancel={() => setPanel('none')}
              onReload={() => setAttempt((n) => n + 1)}
            />
          )}
          {active && panel === 'removal' && (
            <RemovalRequestForm
              kind="household"
              send={(body) => requestHouseholdRemoval(household.id, body)}
              onDone={() => {
                setPanel('none');
                setNotice('removalRequested');
              }}
              onCancel={() => setPanel('none')}
            />
          )}
        </>
      )}
      {history && (
        <section className="card" aria-labelledby="household-history">
          <h2 id="household-history">{t('registry.history.title')}</h2>
          <HistoryTimeline versions={history} label={values.label} value={historyValue} />
        </section>
      )}
    </>
  );
}
