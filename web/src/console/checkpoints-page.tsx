import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listPublishedCheckpoints, signCheckpoint } from '../api/audit.ts';
import type { Checkpoint, PublishedCheckpoints, Role } from '../api/contracts.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { useOfficial } from '../session/session.tsx';

const PUBLISHED_AT = '/transparency/audit-checkpoints';
/** Mirrors the access of POST /api/audit/checkpoints (src/audit/routes.ts). */
const SIGNERS: readonly Role[] = ['auditor', 'administrator'];

/** The published, signed checkpoints of the audit log; auditors and administrators sign one on demand. */
export function CheckpointsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useOfficial();
  const [published, setPublished] = useState<PublishedCheckpoints>();
  const [error, setError] = useState<unknown>();
  const [signing, setSigning] = useState(false);
  const [signedId, setSignedId] = useState<number>();

  const load = useCallback((signal?: AbortSignal) => {
    setError(undefined);
    return listPublishedCheckpoints(signal).then(setPublished, (failure: unknown) => {
      if (!signal?.aborted) setError(failure);
    });
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);

  const sign = async () => {
    setSigning(true);
    setError(undefined);
    setSignedId(undefined);
    try {
      const made = await signCheckpoint();
      setSignedId(made.id);
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      setSigning(false);
    }
  };

  return (
    <>
      <PageHeading title={t('checkpoints.title')} testId="checkpoints-title" />
      <p className="lead">{t('checkpoints.intro')}</p>
      <p className="muted">
        {t('checkpoints.public')} <a href={PUBLISHED_AT}>{PUBLISHED_AT}</a>
      </p>
      {SIGNERS.includes(me.role) && (
        <div className="actions">
          <button type="button" className="primary" onClick={sign} disabled={signing} data-testid="sign-checkpoint">
            {signing ? t('checkpoints.signing') : t('checkpoints.sign')}
          </button>
        </div>
      )}
      <div aria-live="polite">
        {signedId !== undefined && (
          <p className="notice notice-ok" data-testid="checkpoint-signed">
            {t('checkpoints.signed', { id: signedId })}
          </p>
        )}
        <ErrorMessage error={error} testId="checkpoints-error" />
      </div>
      {!published && !error && <Loading text={t('checkpoints.loading')} />}
      {published && published.checkpoints.length === 0 && (
        <p className="empty" data-testid="checkpoints-empty">
          {t('checkpoints.empty')}
        </p>
      )}
      {published && published.checkpoints.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('checkpoints.title')}>
          <table className="data-table" data-testid="checkpoints-table">
            <thead>
              <tr>
                <th scope="col">{t('checkpoints.columns.id')}</th>
                <th scope="col">{t('checkpoints.columns.time')}</th>
                <th scope="col">{t('checkpoints.columns.entries')}</th>
                <th scope="col">{t('checkpoints.columns.chains')}</th>
                <th scope="col">{t('checkpoints.columns.key')}</th>
                <th scope="col">{t('checkpoints.columns.signature')}</th>
              </tr>
            </thead>
            <tbody>
              {published.checkpoints.map((checkpoint) => {
                const statement = readStatement(checkpoint);
                return (
                  <tr key={checkpoint.id} data-testid="checkpoint-row" data-id={checkpoint.id}>
                    <td>{checkpoint.id}</td>
                    <td className="nowrap">
                      <time dateTime={checkpoint.at}>{format.dateTime(checkpoint.at)}</time>
                    </td>
                    <td>{statement ? format.number(statement.count) : t('checkpoints.unreadable')}</td>
                    <td>{statement ? statement.chains : t('checkpoints.unreadable')}</td>
                    <td className="mono">{checkpoint.kid}</td>
                    <td className="mono" title={checkpoint.signature}>
                      {checkpoint.signature.slice(0, 16)}…
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {published && published.keys.length > 0 && (
        <section className="card" aria-labelledby="keys-heading">
          <h2 id="keys-heading">{t('checkpoints.keys')}</h2>
          <p className="muted">{t('checkpoints.keysIntro')}</p>
          <ul className="keys" data-testid="checkpoint-keys">
            {published.keys.map((key) => (
              <li key={key.kid}>
                <span className="mono">{key.kid}</span> — <span className="mono break">{key.publicKey}</span>{' '}
                <span className="muted">({t('checkpoints.keyCreated', { time: format.dateTime(key.createdAt) })})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * What the signed statement says. It is shown as published; the page does not verify
 * the signature (the auditor's "verify chain" does, on the server).
 */
function readStatement(checkpoint: Checkpoint): { count: number; chains: number } | undefined {
  try {
    const statement: unknown = JSON.parse(checkpoint.payload);
    if (typeof statement !== 'object' || statement === null) return undefined;
    const { count, heads } = statement as { count?: unknown; heads?: unknown };
    if (typeof count !== 'number' || !Array.isArray(heads)) return undefined;
    return { count, chains: heads.length };
  } catch {
    return undefined;
  }
}
