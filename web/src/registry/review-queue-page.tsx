import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DedupAction, DedupPairStatus, DedupPairView } from '../api/contracts.ts';
import { decideDedupPair, listDedupPairs, undoDedupPair } from '../api/registry.ts';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { personPath } from '../console/console-pages.ts';
import { useFormat } from '../i18n/use-format.ts';
import { Link } from '../router/link.tsx';
import { navigate, useLocation } from '../router/location.ts';
import { CompareTable } from './compare-table.tsx';
import { ProblemMessage } from './problem-message.tsx';
import { ReasonList } from './reason-list.tsx';
import { ScoreBar } from './score-bar.tsx';

const STATUSES: readonly DedupPairStatus[] = ['pending', 'same', 'different', 'undone'];
const isStatus = (v: string | null): v is DedupPairStatus => STATUSES.includes(v as DedupPairStatus);

/**
 * Pairs of records that may be one person, found at enrolment, import or in a batch
 * run: the registrar compares them and says whether they are; a decision can be undone.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const { path, search } = useLocation();
  const requested = search.get('status');
  const status: DedupPairStatus = isStatus(requested) ? requested : 'pending';
  const [pairs, setPairs] = useState<DedupPairView[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    setPairs(undefined);
    setError(undefined);
    listDedupPairs(status, abort.signal).then(setPairs, (failure: unknown) => !abort.signal.aborted && setError(failure));
    return () => abort.abort();
  }, [status]);

  const replace = (pair: DedupPairView) => setPairs((list) => list?.map((p) => (p.id === pair.id ? pair : p)));

  return (
    <>
      <PageHeading title={t('registry.queue.title')} testId="queue-title" />
      <p className="lead">{t('registry.queue.intro')}</p>
      <div className="filters filters-inline">
        <div className="field field-narrow">
          <label htmlFor="queue-status">{t('registry.queue.show')}</label>
          <select id="queue-status" value={status} onChange={(e) => navigate(e.target.value === 'pending' ? path : `${path}?status=${e.target.value}`)} data-testid="queue-status">
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`registry.queue.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ProblemMessage error={error} testId="queue-error" />
      {!pairs && !error && <Loading />}
      {pairs && pairs.length === 0 && (
        <p className="empty" data-testid="queue-empty">
          {t(`registry.queue.empty.${status}`)}
        </p>
      )}
      {pairs && pairs.length > 0 && (
        <>
          <p className="muted" role="status" data-testid="queue-count">
            {t('registry.queue.count', { count: pairs.length })}
          </p>
          {pairs.map((pair) => (
            <PairCard key={pair.id} pair={pair} onChanged={replace} />
          ))}
        </>
      )}
    </>
  );
}

function PairCard({ pair, onChanged }: { pair: DedupPairView; onChanged: (pair: DedupPairView) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [note, setNote] = useState('');
  const [working, setWorking] = useState<DedupAction>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<DedupAction>();
  const noteId = `pair-note-${pair.id}`;

  const act = async (action: DedupAction) => {
    setWorking(action);
    setError(undefined);
    try {
      const changed = action === 'undo' ? await undoDedupPair(pair.id, note.trim()) : await decideDedupPair(pair.id, { decision: action, note: note.trim() });
      setDone(action);
      setNote('');
      onChanged(changed);
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(undefined);
    }
  };

  const heading = (label: string, id: string) => (
    <>
      {label}{' '}
      <Link to={personPath(id)} className="small-link">
        {t('registry.queue.open')}
      </Link>
    </>
  );

  return (
    <article className="card pair" aria-labelledby={`pair-${pair.id}`} data-testid="pair" data-pair-id={pair.id} data-status={pair.status}>
      <header className="pair-head">
        <h2 id={`pair-${pair.id}`}>
          {pair.a.givenNames} {pair.a.familyNames} / {pair.b.givenNames} {pair.b.familyNames}
        </h2>
        <p className="muted">
          <span className={`badge badge-pair-${pair.status}`} data-testid="pair-status">
            {t(`registry.queue.statuses.${pair.status}`)}
          </span>{' '}
          {t('registry.queue.found', { source: t(`registry.queue.sources.${sourceKey(pair.source)}`), time: format.dateTime(pair.createdAt) })}
        </p>
      </header>
      <div className="dup-layout">
        <CompareTable
          caption={t('registry.queue.compareCaption')}
          columns={[
            { heading: heading(t('registry.queue.recordA'), pair.a.personId), record: pair.a },
            { heading: heading(t('registry.queue.recordB'), pair.b.personId), record: pair.b },
          ]}
        />
        <div className="dup-why">
          <ScoreBar score={pair.score} />
          <h3 className="h5">{t('registry.score.why')}</h3>
          <ReasonList reasons={pair.reasons} />
        </div>
      </div>
      {pair.actions.length > 0 && (
        <div className="pair-decide">
          <div className="field">
            <label htmlFor={noteId}>{t('registry.queue.note')}</label>
            <input id={noteId} value={note} maxLength={1000} autoComplete="off" onChange={(e) => setNote(e.target.value)} data-testid="pair-note" />
          </div>
          <div className="actions">
            {pair.actions.includes('same') && (
              <button type="button" className="primary" onClick={() => act('same')} disabled={working !== undefined} data-testid="pair-same">
                {working === 'same' ? t('registry.saving') : t('registry.duplicates.same')}
              </button>
            )}
            {pair.actions.includes('different') && (
              <button type="button" onClick={() => act('different')} disabled={working !== undefined} data-testid="pair-different">
                {working === 'different' ? t('registry.saving') : t('registry.duplicates.different')}
              </button>
            )}
            {pair.actions.includes('undo') && (
              <button type="button" onClick={() => act('undo')} disabled={working !== undefined} data-testid="pair-undo">
                {working === 'undo' ? t('registry.saving') : t('registry.queue.undo')}
              </button>
            )}
          </div>
        </div>
      )}
      <div aria-live="polite">
        {done && (
          <p className="notice notice-ok" data-testid="pair-done">
            {t(`registry.queue.done.${done}`)}
          </p>
        )}
        <ProblemMessage error={error} testId="pair-error" />
      </div>
    </article>
  );
}

/** The server's `source` is free text; the three known ones are translated. */
const sourceKey = (source: string): 'enrolment' | 'import' | 'batch' | 'other' =>
  source === 'enrolment' || source === 'import' || source === 'batch' ? source : 'other';
