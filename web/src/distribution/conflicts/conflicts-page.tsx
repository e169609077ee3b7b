import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictDecision, ConflictDetail, ConflictStatus, ConflictSummary } from '../../api/contracts.ts';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { navigate, useLocation } from '../../router/location.ts';
import { useOfficial } from '../../session/session.tsx';
import { listConflicts, readConflict, resolveConflict } from './conflicts-api.ts';

const STATUSES: readonly ConflictStatus[] = ['open', 'resolved'];
const DECISIONS: readonly ConflictDecision[] = ['accepted_loss', 'recovered', 'refunded'];
type Filter = ConflictStatus | 'all';
const isFilter = (v: string | null): v is Filter => v === 'all' || STATUSES.includes(v as ConflictStatus);

/**
 * Conflicts found by offline sync: a pickup recorded on a device that the entitlement
 * could not take (another device handed it over first, more than was left, the cycle
 * closed). Program managers decide each once; auditors read them. No names: the
 * entitlement is shown by its sector pseudonym.
 */
export function ConflictsPage() {
  const { t } = useTranslation();
  const me = useOfficial();
  const { path, search } = useLocation();
  const requested = search.get('status');
  const filter: Filter = isFilter(requested) ? requested : 'open';
  const [conflicts, setConflicts] = useState<ConflictSummary[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    setConflicts(undefined);
    setError(undefined);
    listConflicts(filter === 'all' ? undefined : filter, abort.signal).then(setConflicts, (failure: unknown) => !abort.signal.aborted && setError(failure));
    return () => abort.abort();
  }, [filter]);

  return (
    <>
      <PageHeading title={t('conflicts.title')} testId="conflicts-title" />
      <p className="lead">{me.role === 'program_manager' ? t('conflicts.introManager') : t('conflicts.introAuditor')}</p>
      <div className="filters filters-inline">
        <div className="field field-narrow">
          <label htmlFor="conflicts-status">{t('conflicts.show')}</label>
          <select id="conflicts-status" value={filter} onChange={(e) => navigate(e.target.value === 'open' ? path : `${path}?status=${e.target.value}`)} data-testid="conflicts-status">
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`conflicts.statuses.${s}`)}
              </option>
            ))}
            <option value="all">{t('conflicts.all')}</option>
          </select>
        </div>
      </div>
      <ProblemMessage error={error} testId="conflicts-error" />
      {!conflicts && !error && <Loading />}
      {conflicts && conflicts.length === 0 && (
        <p className="empty" data-testid="conflicts-empty">
          {t('conflicts.empty')}
        </p>
      )}
      {conflicts && conflicts.length > 0 && (
        <ul className="request-list" data-testid="conflicts-list">
          {conflicts.map((c) => (
            <ConflictItem key={c.id} conflict={c} decides={me.role === 'program_manager'} />
          ))}
        </ul>
      )}
    </>
  );
}

function ConflictItem({ conflict, decides }: { conflict: ConflictSummary; decides: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [c, setC] = useState<ConflictSummary | ConflictDetail>(conflict);
  const [detail, setDetail] = useState<ConflictDetail>();
  const [decision, setDecision] = useState<ConflictDecision>('accepted_loss');
  const [note, setNote] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const noteId = `conflict-note-${c.id}`;
  const decisionId = `conflict-decision-${c.id}`;

  const showDetail = async () => {
    setError(undefined);
    try {
      setDetail(await readConflict(c.id));
    } catch (failure) {
      setError(failure);
    }
  };

  const decide = async () => {
    setWorking(true);
    setError(undefined);
    try {
      const answer = await resolveConflict(c.id, decision, note.trim());
      setC(answer);
      setDetail(answer);
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };

  return (
    <li className="card request" data-testid="conflict" data-conflict-id={c.id} data-status={c.status}>
      <div className="request-head">
        <h2 className="h3">
          {c.program} · {c.period} · {c.pointCode}
        </h2>
        <span className="badges">
          <span className="badge" data-testid="conflict-reason">
            {t(`conflicts.reasons.${c.reason}`)}
          </span>{' '}
          <span className="badge" data-testid="conflict-status">
            {t(`conflicts.statuses.${c.status}`)}
          </span>
        </span>
      </div>
      <dl className="facts">
        <dt>{t('conflicts.pickedUp')}</dt>
        <dd>
          <time dateTime={c.redeemedAt}>{format.dateTime(c.redeemedAt)}</time> · {c.terminalLabel ?? c.terminalId} · {c.agentName}
        </dd>
        <dt>{t('conflicts.quantity')}</dt>
        <dd>{c.quantity}</dd>
        <dt>{t('conflicts.amount')}</dt>
        <dd>
          {c.amount} {c.currency} ({t(`conflicts.methods.${c.paymentMethod}`)}
          {c.paymentReference ? ` ${c.paymentReference}` : ''})
        </dd>
        <dt>{t('conflicts.subject')}</dt>
        <dd>
          <code>{c.subject}</code>
        </dd>
        {c.resolution && (
          <>
            <dt>{t('conflicts.decision')}</dt>
            <dd data-testid="conflict-resolution">
              {t(`conflicts.decisions.${c.resolution.decision}`)} — {c.resolution.note} ({c.resolution.decidedBy}, <time dateTime={c.resolution.decidedAt}>{format.dateTime(c.resolution.decidedAt)}</time>)
            </dd>
          </>
        )}
      </dl>
      {!detail && (
        <button type="button" onClick={showDetail} data-testid="conflict-show">
          {t('conflicts.showCollisions')}
        </button>
      )}
      {detail && (
        <div data-testid="conflict-collisions">
          <h3 className="h4">{t('conflicts.collidesWith')}</h3>
          {detail.redemptions.length === 0 ? (
            <p className="empty">{t('conflicts.noCollisions')}</p>
          ) : (
            <ul>
              {detail.redemptions.map((r) => (
                <li key={r.redemptionId}>
                  {t('conflicts.receipt', { number: r.receiptNo })}: {r.quantity} · <time dateTime={r.redeemedAt}>{format.dateTime(r.redeemedAt)}</time> · {r.pointCode} · {r.terminalLabel ?? '—'} · {r.agentName}
                  {r.offline ? ` · ${t('conflicts.offline')}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {decides && c.status === 'open' && (
        <div className="pair-decide">
          <div className="field field-narrow">
            <label htmlFor={decisionId}>{t('conflicts.decision')}</label>
            <select id={decisionId} value={decision} onChange={(e) => setDecision(e.target.value as ConflictDecision)} data-testid="conflict-decision">
              {DECISIONS.filter((d) => d !== 'refunded' || c.postingId).map((d) => (
                <option key={d} value={d}>
                  {t(`conflicts.decisions.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={noteId}>{t('conflicts.note')}</label>
            <input id={noteId} value={note} maxLength={1000} autoComplete="off" onChange={(e) => setNote(e.target.value)} data-testid="conflict-note" />
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={decide} disabled={working || note.trim().length < 3} data-testid="conflict-resolve">
              {working ? t('conflicts.saving') : t('conflicts.resolve')}
            </button>
          </div>
        </div>
      )}
      <div aria-live="polite">
        <ProblemMessage error={error} testId="conflict-error" />
      </div>
    </li>
  );
}
