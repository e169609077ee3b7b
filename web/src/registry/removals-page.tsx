import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemovalAction, RemovalStatus, RemovalView } from '../api/contracts.ts';
import { decideRemoval, listRemovals } from '../api/registry.ts';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { householdPath, personPath } from '../console/console-pages.ts';
import { useFormat } from '../i18n/use-format.ts';
import { Link } from '../router/link.tsx';
import { navigate, useLocation } from '../router/location.ts';
import { useOfficial } from '../session/session.tsx';
import { ProblemMessage } from './problem-message.tsx';
import { useRegions } from './use-regions.ts';

const STATUSES: readonly RemovalStatus[] = ['pending', 'approved', 'rejected', 'undone'];
type Filter = RemovalStatus | 'all';
const isFilter = (v: string | null): v is Filter => v === 'all' || STATUSES.includes(v as RemovalStatus);

/**
 * Removal requests: a registrar asks, a second official (an auditor) approves or
 * rejects, and may later undo an approval. The buttons are the ones the server says
 * the request's status allows.
 */
export function RemovalsPage() {
  const { t } = useTranslation();
  const me = useOfficial();
  const { path, search } = useLocation();
  const requested = search.get('status');
  const filter: Filter = isFilter(requested) ? requested : 'pending';
  const [requests, setRequests] = useState<RemovalView[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    setRequests(undefined);
    setError(undefined);
    listRemovals(filter === 'all' ? undefined : filter, abort.signal).then(setRequests, (failure: unknown) => !abort.signal.aborted && setError(failure));
    return () => abort.abort();
  }, [filter]);

  const changed = (id: string, patch: Pick<RemovalView, 'status' | 'actions'>) => setRequests((list) => list?.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const decides = me.role === 'auditor';

  return (
    <>
      <PageHeading title={t('registry.removals.title')} testId="removals-title" />
      <p className="lead">{decides ? t('registry.removals.introAuditor') : t('registry.removals.introRegistrar')}</p>
      <div className="filters filters-inline">
        <div className="field field-narrow">
          <label htmlFor="removals-status">{t('registry.removals.show')}</label>
          <select id="removals-status" value={filter} onChange={(e) => navigate(e.target.value === 'pending' ? path : `${path}?status=${e.target.value}`)} data-testid="removals-status">
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`registry.removals.statuses.${s}`)}
              </option>
            ))}
            <option value="all">{t('registry.removals.all')}</option>
          </select>
        </div>
      </div>
      <ProblemMessage error={error} testId="removals-error" />
      {!requests && !error && <Loading />}
      {requests && requests.length === 0 && (
        <p className="empty" data-testid="removals-empty">
          {t('registry.removals.empty')}
        </p>
      )}
      {requests && requests.length > 0 && (
        <ul className="request-list" data-testid="removals-list">
          {requests.map((r) => (
            <RemovalItem key={r.id} request={r} decides={decides} linksToRecord={me.role === 'registrar'} onChanged={(patch) => changed(r.id, patch)} />
          ))}
        </ul>
      )}
    </>
  );
}

interface RemovalItemProps {
  request: RemovalView;
  decides: boolean;
  /** Registrars open the record; auditors decide from what the request says. */
  linksToRecord: boolean;
  onChanged: (patch: Pick<RemovalView, 'status' | 'actions'>) => void;
}

function RemovalItem({ request: r, decides, linksToRecord, onChanged }: RemovalItemProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { place } = useRegions();
  const [note, setNote] = useState('');
  const [working, setWorking] = useState<RemovalAction>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<RemovalAction>();
  const [noteMissing, setNoteMissing] = useState(false);
  const noteId = `removal-note-${r.id}`;
  const actions = decides ? r.actions : [];
  const title = r.kind === 'household' ? t('registry.removals.householdOf', { name: r.personName }) : r.personName;

  const act = async (action: RemovalAction) => {
    if (note.trim().length < 3) {
      setNoteMissing(true);
      document.getElementById(noteId)?.focus();
      return;
    }
    setNoteMissing(false);
    setWorking(action);
    setError(undefined);
    try {
      const answer = await decideRemoval(r.id, action, note.trim());
      setDone(action);
      setNote('');
      onChanged({ status: answer.status, actions: answer.actions });
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(undefined);
    }
  };

  return (
    <li
      className="card request"
      data-testid="removal"
      data-removal-id={r.id}
      data-kind={r.kind}
      data-person-id={r.personId ?? undefined}
      data-household-id={r.householdId}
      data-status={r.status}
    >
      <div className="request-head">
        <h2 className="h3">
          {linksToRecord ? <Link to={r.personId ? personPath(r.personId) : householdPath(r.householdId)}>{title}</Link> : title}
        </h2>
        <span className="badges">
          <span className="badge" data-testid="removal-kind">
            {t(`registry.removals.kinds.${r.kind}`)}
          </span>{' '}
          <span className={`badge badge-removal-${r.status}`} data-testid="removal-status">
            {t(`registry.removals.statuses.${r.status}`)}
          </span>
        </span>
      </div>
      <dl className="facts">
        <dt>{t('registry.removal.reason')}</dt>
        <dd>{t(`registry.removal.reasons.${r.reason}`)}</dd>
        <dt>{t('registry.removal.note')}</dt>
        <dd data-testid="removal-request-note">{r.note}</dd>
        <dt>{t('registry.fields.region')}</dt>
        <dd>{place(r.regionCode)}</dd>
        <dt>{t('registry.removals.requestedAt')}</dt>
        <dd>
          <time dateTime={r.requestedAt}>{format.dateTime(r.requestedAt)}</time>
        </dd>
      </dl>
      {actions.length > 0 && (
        <div className="pair-decide">
          <div className="field">
            <label htmlFor={noteId}>
              {t('registry.removals.decisionNote')} <span className="required-mark">{t('registry.required')}</span>
            </label>
            <input
              id={noteId}
              value={note}
              maxLength={1000}
              autoComplete="off"
              onChange={(e) => {
                setNote(e.target.value);
                if (e.target.value.trim().length >= 3) setNoteMissing(false);
              }}
              aria-invalid={noteMissing || undefined}
              aria-describedby={noteMissing ? `${noteId}-problem` : undefined}
              data-testid="decision-note"
            />
            {noteMissing && (
              <p className="field-problem" id={`${noteId}-problem`}>
                {t('registry.problems.noteRequired')}
              </p>
            )}
          </div>
          <div className="actions">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'approve' ? 'primary' : undefined}
                onClick={() => act(action)}
                disabled={working !== undefined}
                data-testid={`removal-${action}`}
              >
                {working === action ? t('registry.saving') : t(`registry.removals.actions.${action}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      <div aria-live="polite">
        {done && (
          <p className="notice notice-ok" data-testid="removal-done">
            {t(`registry.removals.done.${done}`)}
          </p>
        )}
        <ProblemMessage error={error} testId="removal-decision-error" />
      </div>
    </li>
  );
}
