import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAuditEntries } from '../api/audit.ts';
import type { AuditEntry } from '../api/contracts.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { navigate, useLocation } from '../router/location.ts';
import { filterFromSearch, queryFromFilter, searchFromFilter, type AuditFilter } from './audit-filter.ts';
import { AuditFilters } from './audit-filters.tsx';
import { AuditTable } from './audit-table.tsx';
import { VerifyChainPanel } from './verify-chain-panel.tsx';

interface Loaded {
  entries: AuditEntry[];
  nextBefore: number | null;
}

/** The auditor's view of the hash-chained log: filter, page back in time, verify. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { path, search } = useLocation();
  const searchText = search.toString();
  const filter = useMemo(() => filterFromSearch(new URLSearchParams(searchText)), [searchText]);
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    setLoaded(undefined);
    setError(undefined);
    listAuditEntries(queryFromFilter(filter), abort.signal).then(setLoaded, (failure: unknown) => {
      if (!abort.signal.aborted) setError(failure);
    });
    return () => abort.abort();
  }, [filter]);

  const loadOlder = async () => {
    if (!loaded?.nextBefore) return;
    setLoadingMore(true);
    setError(undefined);
    try {
      const page = await listAuditEntries({ ...queryFromFilter(filter), before: loaded.nextBefore });
      setLoaded({ entries: [...loaded.entries, ...page.entries], nextBefore: page.nextBefore });
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  const apply = (next: AuditFilter) => navigate(`${path}${searchFromFilter(next)}`);

  return (
    <>
      <PageHeading title={t('audit.title')} testId="audit-title" />
      <p className="lead">{t('audit.intro')}</p>
      <VerifyChainPanel />
      <AuditFilters applied={filter} onApply={apply} />
      <ErrorMessage error={error} testId="audit-error" />
      {!loaded && !error && <Loading text={t('audit.loading')} />}
      {loaded && loaded.entries.length === 0 && (
        <p className="empty" data-testid="audit-empty">
          {t('audit.empty')}
        </p>
      )}
      {loaded && loaded.entries.length > 0 && (
        <>
          <p className="muted" role="status" data-testid="audit-count">
            {t('audit.shown', { count: format.number(loaded.entries.length) })}
          </p>
          <AuditTable entries={loaded.entries} />
          {loaded.nextBefore !== null ? (
            <button type="button" className="load-more" onClick={loadOlder} disabled={loadingMore} data-testid="audit-load-older">
              {loadingMore ? t('audit.loading') : t('audit.loadOlder')}
            </button>
          ) : (
            <p className="muted" data-testid="audit-end">
              {t('audit.end')}
            </p>
          )}
        </>
      )}
    </>
  );
}
