import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/error-message.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { useBilingual } from './bilingual.ts';
import type { TerminalWork } from './use-terminal-work.ts';

/** The queue, the last sync, refused records with their reason, and conflicts the server found. */
export function SyncPanel({ work, sessionLive, onSignInAgain }: { work: TerminalWork; sessionLive: boolean; onSignInAgain: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useBilingual();
  const refused = work.queue.filter((q) => q.refused);
  return (
    <section className="terminal-sync" aria-label={t('terminal.sync.title')} data-testid="sync-panel" data-queue={work.queue.length} data-syncing={work.syncing}>
      <p>
        <span data-testid="queue-length" data-loaded={work.loaded}>{work.loaded ? t('terminal.sync.queue', { count: work.queue.length }) : '…'}</span>
        {' · '}
        <span data-testid="last-sync">
          {work.journal.lastSyncAt ? t('terminal.sync.last', { time: format.dateTime(work.journal.lastSyncAt) }) : t('terminal.sync.never')}
        </span>
      </p>
      {!sessionLive && (
        <p className="notice notice-info" data-testid="sync-needs-sign-in">
          {t('terminal.sync.needsSignIn')}{' '}
          <button type="button" className="link-button" onClick={onSignInAgain} data-testid="sign-in-again">
            {t('terminal.sync.signInAgain')}
          </button>
        </p>
      )}
      {work.problem !== undefined && work.online && <ErrorMessage error={work.problem} testId="sync-error" />}
      <button type="button" className="big-button" onClick={() => void work.syncNow()} disabled={work.syncing || !sessionLive || !work.online} data-testid="sync-now">
        {work.syncing ? t('terminal.sync.working') : t('terminal.sync.now')}
      </button>
      {refused.length > 0 && (
        <div className="notice notice-error" data-testid="refused-records">
          <p>{t('terminal.sync.refused', { count: refused.length })}</p>
          <ul className="small">
            {refused.map((q) => (
              <li key={q.record.id}>
                {format.dateTime(q.record.redeemedAt)} · {q.refused?.code}: {q.refused?.message}
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => void work.retryRefused()} data-testid="retry-refused">
            {t('terminal.sync.retry')}
          </button>
        </div>
      )}
      {work.journal.conflicts.length > 0 && (
        <div className="notice notice-error" data-testid="conflicts">
          <p>{t('terminal.sync.conflicts')}</p>
          <ul className="small">
            {work.journal.conflicts.map((c) => (
              <li key={c.id} data-testid="conflict">
                {t('terminal.sync.conflict', { program: c.programName ? name(c.programName) : '', when: format.dateTime(c.redeemedAt), reason: t(`terminal.conflictReasons.${c.reason}`, { defaultValue: c.reason }) })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
