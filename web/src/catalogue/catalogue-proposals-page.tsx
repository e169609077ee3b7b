import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approveProposal, listProposals, rejectProposal } from '../api/catalogue.ts';
import type { CatalogueEntry, Proposal, ProposalStatus } from '../api/contracts.ts';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { PUBLIC_CATALOGUE_PATH } from '../console/console-pages.ts';
import { useFormat } from '../i18n/use-format.ts';
import { Link } from '../router/link.tsx';
import { navigate, useLocation } from '../router/location.ts';
import { ProblemMessage } from '../registry/problem-message.tsx';
import { useOfficial } from '../session/session.tsx';
import { refusalText } from './catalogue-text.ts';
import { EntryFacts } from './entry-facts.tsx';
import { ProposalForm } from './proposal-form.tsx';
import { entryLabel, forgetCatalogue, useCatalogue } from './use-catalogue.ts';

const STATUSES: readonly ProposalStatus[] = ['pending', 'approved', 'rejected'];
type Filter = ProposalStatus | 'all';
const isFilter = (v: string | null): v is Filter => v === 'all' || STATUSES.includes(v as ProposalStatus);

/**
 * Changes to the attribute catalogue take two officials: an administrator proposes,
 * an auditor approves or rejects (never their own). Approved entries are published at
 * once on the public catalogue page.
 */
export function CatalogueProposalsPage() {
  const { t, i18n } = useTranslation();
  const me = useOfficial();
  const { path, search } = useLocation();
  const requested = search.get('status');
  const filter: Filter = isFilter(requested) ? requested : 'pending';
  const [proposals, setProposals] = useState<Proposal[]>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [proposed, setProposed] = useState<Proposal>();
  const [start, setStart] = useState<{ entry: CatalogueEntry | undefined; n: number }>({ entry: undefined, n: 0 });
  const catalogue = useCatalogue();
  const proposes = me.role === 'administrator';
  const decides = me.role === 'auditor';
  const formRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setProposals(undefined);
    setError(undefined);
    listProposals(filter === 'all' ? undefined : filter, abort.signal).then(setProposals, (failure: unknown) => !abort.signal.aborted && setError(failure));
    return () => abort.abort();
  }, [filter, attempt]);

  const decided = (p: Proposal) => {
    setProposals((list) => list?.map((x) => (x.id === p.id ? p : x)));
    if (p.status === 'approved') {
      forgetCatalogue();
      catalogue.reload();
    }
  };

  return (
    <>
      <PageHeading title={t('catalogue.proposals.title')} testId="proposals-title" />
      <p className="lead">{proposes ? t('catalogue.proposals.introAdmin') : t('catalogue.proposals.introAuditor')}</p>
      <p className="muted">
        <Link to={PUBLIC_CATALOGUE_PATH} data-testid="public-catalogue-link">
          {t('catalogue.proposals.public')}
        </Link>
      </p>
      {proposes && (
        <div ref={formRef}>
          {proposed && (
            <p className="notice notice-ok" role="status" data-testid="proposal-sent">
              {t('catalogue.propose.sent', { key: proposed.key })}
            </p>
          )}
          <ProposalForm
            key={start.n}
            start={start.entry}
            onProposed={(p) => {
              setProposed(p);
              setStart({ entry: undefined, n: start.n + 1 });
              if (filter === 'pending' || filter === 'all') setAttempt((n) => n + 1);
            }}
          />
          {catalogue.entries && catalogue.entries.length > 0 && (
            <details className="card">
              <summary>{t('catalogue.proposals.changeExisting')}</summary>
              <ul className="pick-list">
                {catalogue.entries.map((entry) => (
                  <li key={entry.key}>
                    <span>
                      {entryLabel(entry, i18n.language)} <code>{entry.key}</code>
                    </span>
                    <button
                      type="button"
                      onClick={() => {
                        setProposed(undefined);
                        setStart({ entry, n: start.n + 1 });
                        formRef.current?.scrollIntoView();
                        requestAnimationFrame(() => document.getElementById('proposal-labelEs')?.focus());
                      }}
                    >
                      {t('catalogue.proposals.change')}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}

      <h2 className="section-heading">{t('catalogue.proposals.listTitle')}</h2>
      <div className="filters filters-inline">
        <div className="field field-narrow">
          <label htmlFor="proposals-status">{t('registry.removals.show')}</label>
          <select id="proposals-status" value={filter} onChange={(e) => navigate(e.target.value === 'pending' ? path : `${path}?status=${e.target.value}`)} data-testid="proposals-status">
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`catalogue.proposals.statuses.${s}`)}
              </option>
            ))}
            <option value="all">{t('registry.removals.all')}</option>
          </select>
        </div>
      </div>
      <ProblemMessage error={error} testId="proposals-error" />
      {!proposals && !error && <Loading />}
      {proposals && proposals.length === 0 && (
        <p className="empty" data-testid="proposals-empty">
          {t('catalogue.proposals.empty')}
        </p>
      )}
      {proposals && proposals.length > 0 && (
        <ul className="request-list" data-testid="proposals-list">
          {proposals.map((p) => (
            <ProposalItem key={p.id} proposal={p} decides={decides} onDecided={decided} />
          ))}
        </ul>
      )}
    </>
  );
}

function ProposalItem({ proposal: p, decides, onDecided }: { proposal: Proposal; decides: boolean; onDecided: (p: Proposal) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [reason, setReason] = useState('');
  const [working, setWorking] = useState<'approve' | 'reject'>();
  const [error, setError] = useState<unknown>();
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonId = `proposal-decision-${p.id}`;

  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && reason.trim().length < 3) {
      setReasonMissing(true);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonMissing(false);
    setWorking(decision);
    setError(undefined);
    try {
      const outcome =
        decision === 'approve' ? await approveProposal(p.id, reason.trim() ? { reason: reason.trim() } : {}) : await rejectProposal(p.id, { reason: reason.trim() });
      onDecided(outcome.proposal);
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(undefined);
    }
  };

  return (
    <li className="card request" data-testid="proposal" data-proposal-id={p.id} data-key={p.key} data-status={p.status}>
      <div className="request-head">
        <h3>
          {entryLabel({ key: p.key, labels: p.entry.labels }, i18n.language)} <code>{p.key}</code>
        </h3>
        <span className={`badge badge-proposal-${p.status}`} data-testid="proposal-status">
          {t(`catalogue.proposals.statuses.${p.status}`)}
        </span>
      </div>
      <p className="muted">
        {t(`catalogue.proposals.kinds.${p.kind}`)}
        {p.entry.status === 'retired' && ` · ${t('catalogue.public.retired')}`} ·{' '}
        {t('catalogue.proposals.proposedBy', { name: p.proposedBy ?? t('catalogue.proposals.installation'), time: format.dateTime(p.proposedAt) })}
      </p>
      <EntryFacts entry={p.entry} />
      {p.reason && (
        <p>
          <span className="muted">{t('catalogue.fields.reason')}:</span> {p.reason}
        </p>
      )}
      {p.status !== 'pending' && p.decidedAt && (
        <p className="muted" data-testid="proposal-decision">
          {t('catalogue.proposals.decidedBy', { name: p.decidedBy ?? t('catalogue.proposals.installation'), time: format.dateTime(p.decidedAt) })}
          {p.decisionReason && ` — ${p.decisionReason}`}
        </p>
      )}
      {decides && p.status === 'pending' && (
        <div className="pair-decide">
          <div className="field">
            <label htmlFor={reasonId}>{t('catalogue.proposals.decisionReason')}</label>
            <input
              id={reasonId}
              value={reason}
              maxLength={2000}
              autoComplete="off"
              onChange={(e) => {
                setReason(e.target.value);
                if (e.target.value.trim().length >= 3) setReasonMissing(false);
              }}
              aria-invalid={reasonMissing || undefined}
              aria-describedby={reasonMissing ? `${reasonId}-problem` : `${reasonId}-hint`}
              data-testid="proposal-decision-reason"
            />
            <p className="hint" id={`${reasonId}-hint`}>
              {t('catalogue.proposals.decisionReasonHint')}
            </p>
            {reasonMissing && (
              <p className="field-problem" id={`${reasonId}-problem`}>
                {t('catalogue.proposals.rejectNeedsReason')}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={() => decide('approve')} disabled={working !== undefined} data-testid="proposal-approve">
              {working === 'approve' ? t('registry.saving') : t('catalogue.proposals.approve')}
            </button>
            <button type="button" onClick={() => decide('reject')} disabled={working !== undefined} data-testid="proposal-reject">
              {working === 'reject' ? t('registry.saving') : t('catalogue.proposals.reject')}
            </button>
          </div>
        </div>
      )}
      <ProblemMessage error={error} testId="proposal-decision-error" explanation={refusalText(t, error)} />
    </li>
  );
}
