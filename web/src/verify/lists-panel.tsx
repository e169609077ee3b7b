import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import type { AnchorChanged } from './verification-lists.ts';
import { usableStatusList } from './verification-lists.ts';
import type { ListsProblem, ListsState } from './use-verification-lists.ts';

/**
 * Which lists the verifier uses and from when, a button to refresh them, and what
 * went wrong with the last download (the lists in use stay until a good one comes).
 */
export function ListsPanel({ state, onRefresh, onTrustAnchor }: { state: ListsState; onRefresh: () => void; onTrustAnchor: (typed: string) => boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { lists, problem, refreshing } = state;
  const from = lists ? format.dateTime(lists.downloadedAt) : undefined;
  const statusExpired = lists !== undefined && usableStatusList(lists) === undefined;

  return (
    <section
      className="lists-panel"
      aria-label={t('verify.lists.label')}
      data-testid="lists-status"
      data-source={state.source}
      data-refreshing={refreshing}
      data-problem={problem?.kind ?? ''}
      data-downloaded-at={lists?.downloadedAt ?? ''}
    >
      <div className="lists-line">
        <p role="status" data-testid="lists-time">
          {refreshing ? t('verify.lists.refreshing') : from ? t('verify.lists.from', { time: from }) : t('verify.lists.none')}
        </p>
        <button type="button" onClick={onRefresh} disabled={refreshing} data-testid="lists-refresh">
          {t('verify.lists.refresh')}
        </button>
      </div>
      {problem && problem.kind !== 'anchorChanged' && !refreshing && <ProblemLine problem={problem} from={from} />}
      {problem?.kind === 'anchorChanged' && <AnchorChangedNotice change={problem.change} from={from} onTrust={onTrustAnchor} />}
      {statusExpired && lists && (
        <p className="notice notice-error" role="alert" data-testid="lists-status-expired">
          {t('verify.lists.statusExpired', { time: format.dateTime(new Date(lists.statusList.expiresAt * 1000).toISOString()) })}
        </p>
      )}
      {state.notKept && (
        <p className="notice notice-warning" data-testid="lists-not-kept">
          {t('verify.lists.notKept')}
        </p>
      )}
    </section>
  );
}

function ProblemLine({ problem, from }: { problem: Exclude<ListsProblem, { kind: 'anchorChanged' }>; from: string | undefined }) {
  const { t } = useTranslation();
  const kept = from ? t('verify.lists.keptFrom', { time: from }) : t('verify.lists.noneYet');
  const what =
    problem.kind === 'offline'
      ? t('verify.lists.offline')
      : problem.kind === 'unreachable'
        ? t('verify.lists.unreachable', { status: problem.status })
        : t(problem.reason === 'bad_signature' ? 'verify.lists.badSignature' : 'verify.lists.badFormat');
  return (
    <p className={`notice ${problem.kind === 'offline' ? 'notice-warning' : 'notice-error'}`} role="status" data-testid="lists-problem" data-problem={problem.kind}>
      {what} {kept}
    </p>
  );
}

/**
 * The lists offered are signed by another anchor than the one this browser pinned:
 * refused. An official who checked the installation's announcement of a new anchor
 * accepts it by typing its key id or key; anyone else is told to keep the old lists.
 */
function AnchorChangedNotice({ change, from, onTrust }: { change: AnchorChanged; from: string | undefined; onTrust: (typed: string) => boolean }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(!onTrust(typed));
  };

  return (
    <div className="notice notice-error" role="alert" data-testid="anchor-changed">
      <p>
        <strong>{t('verify.anchor.changedTitle')}</strong>
      </p>
      <p className="explanation">
        {t('verify.anchor.changedText', { pinned: change.pinned.kid, offered: change.offered.kid })} {from ? t('verify.lists.keptFrom', { time: from }) : t('verify.lists.noneYet')}
      </p>
      <details className="anchor-reset" data-testid="anchor-reset">
        <summary>{t('verify.anchor.resetTitle')}</summary>
        <form onSubmit={submit} noValidate className="stack">
          <p className="explanation">{t('verify.anchor.resetText')}</p>
          <div className="field">
            <label htmlFor="anchor-key">{t('verify.anchor.resetLabel')}</label>
            <input
              id="anchor-key"
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                setMismatch(false);
              }}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              aria-invalid={mismatch || undefined}
              aria-describedby={mismatch ? 'anchor-key-problem' : undefined}
              data-testid="anchor-key"
            />
            {mismatch && (
              <p className="field-problem" id="anchor-key-problem" data-testid="anchor-key-problem">
                {t('verify.anchor.resetMismatch')}
              </p>
            )}
          </div>
          <button type="submit" className="big-button" data-testid="anchor-trust">
            {t('verify.anchor.resetSubmit')}
          </button>
        </form>
      </details>
    </div>
  );
}
