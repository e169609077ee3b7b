import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchPage as ResultPage, SearchResult } from '../../api/contracts.ts';
import { searchPersons } from '../../api/registry.ts';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { personPath } from '../../console/console-pages.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { Link } from '../../router/link.tsx';
import { navigate, useLocation } from '../../router/location.ts';
import { BirthDateText } from '../birth-date-text.tsx';
import { personName } from '../person-name.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { RegionSelect } from '../region-select.tsx';
import { StatusBadge } from '../status-badge.tsx';
import { useRegions } from '../use-regions.ts';
import { asksSomething, EMPTY_SEARCH, formFromSearch, queryFromForm, searchFromForm, type SearchForm } from './search-query.ts';

/** Finds a person by names (typos and missing accents are fine), birth date or year, region and document, or exactly by card number. */
export function SearchPage() {
  const { t } = useTranslation();
  const { path, search } = useLocation();
  const searchText = search.toString();
  const applied = useMemo(() => formFromSearch(new URLSearchParams(searchText)), [searchText]);
  const [draft, setDraft] = useState<SearchForm>(applied);
  const [found, setFound] = useState<ResultPage>();
  const [error, setError] = useState<unknown>();
  const [tooLittle, setTooLittle] = useState(false);
  const [more, setMore] = useState<{ working: boolean; error?: unknown }>({ working: false });
  useEffect(() => setDraft(applied), [applied]);
  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) => setDraft((d) => ({ ...d, [key]: value }));

  useEffect(() => {
    setFound(undefined);
    setError(undefined);
    setMore({ working: false });
    if (!asksSomething(applied)) return;
    const abort = new AbortController();
    searchPersons(queryFromForm(applied), abort.signal).then(setFound, (failure: unknown) => {
      if (!abort.signal.aborted) setError(failure);
    });
    return () => abort.abort();
  }, [applied]);

  // The next page of the same search, after the last result shown: each page is read (and audited) only when asked for.
  const loadMore = async () => {
    if (!found?.next) return;
    setMore({ working: true });
    try {
      const page = await searchPersons({ ...queryFromForm(applied), cursor: found.next });
      setFound((current) => current && { results: [...current.results, ...page.results], next: page.next, capped: page.capped });
      setMore({ working: false });
    } catch (failure) {
      setMore({ working: false, error: failure });
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTooLittle(!asksSomething(draft));
    if (asksSomething(draft)) navigate(`${path}${searchFromForm(draft)}`);
  };
  const searching = asksSomething(applied) && !found && !error;

  return (
    <>
      <PageHeading title={t('registry.search.title')} testId="search-title" />
      <p className="lead">{t('registry.search.intro')}</p>
      <form className="filters search-filters" role="search" aria-label={t('registry.search.title')} onSubmit={submit} noValidate data-testid="search-form">
        <div className="field field-wide">
          <label htmlFor="search-name">{t('registry.search.name')}</label>
          <input id="search-name" value={draft.name} maxLength={200} autoComplete="off" onChange={(e) => set('name', e.target.value)} data-testid="search-name" />
          <p className="hint">{t('registry.search.nameHint')}</p>
        </div>
        <div className="field">
          <label htmlFor="search-birth-date">{t('registry.search.birthDate')}</label>
          <input id="search-birth-date" type="date" value={draft.birthDate} min="1890-01-01" onChange={(e) => set('birthDate', e.target.value)} data-testid="search-birth-date" />
        </div>
        <div className="field">
          <label htmlFor="search-birth-year">{t('registry.search.birthYear')}</label>
          <input
            id="search-birth-year"
            inputMode="numeric"
            pattern="[0-9]{4}"
            maxLength={4}
            value={draft.birthYear}
            disabled={Boolean(draft.birthDate)}
            onChange={(e) => set('birthYear', e.target.value.replace(/\D/g, ''))}
            aria-describedby="search-birth-year-hint"
            data-testid="search-birth-year"
          />
          <p className="hint" id="search-birth-year-hint">
            {t('registry.search.birthYearHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="search-region">{t('registry.search.region')}</label>
          <RegionSelect id="search-region" value={draft.regionCode} onChange={(v) => set('regionCode', v)} emptyLabel={t('registry.search.anyRegion')} testId="search-region" />
        </div>
        <div className="field">
          <label htmlFor="search-document">{t('registry.search.document')}</label>
          <input id="search-document" value={draft.document} maxLength={20} autoComplete="off" spellCheck={false} onChange={(e) => set('document', e.target.value)} data-testid="search-document" />
        </div>
        <div className="field">
          <label htmlFor="search-card">{t('registry.search.card')}</label>
          <input id="search-card" value={draft.card} maxLength={40} autoComplete="off" spellCheck={false} placeholder="XXXX-XXXX-XXX" onChange={(e) => set('card', e.target.value)} aria-describedby="search-card-hint" data-testid="search-card" />
          <p className="hint" id="search-card-hint">
            {t('registry.search.cardHint')}
          </p>
        </div>
        <div className="filter-buttons">
          <button type="submit" className="primary" data-testid="search-submit">
            {t('registry.search.submit')}
          </button>
          <button type="button" onClick={() => navigate(path)} data-testid="search-clear">
            {t('registry.search.clear')}
          </button>
        </div>
        {tooLittle && (
          <p className="notice notice-error filter-message" role="alert" data-testid="search-too-little">
            {t('registry.search.tooLittle')}
          </p>
        )}
      </form>
      <ProblemMessage error={error} testId="search-error" />
      {searching && <Loading text={t('registry.search.searching')} />}
      {found && <SearchResults results={found.results} />}
      {found && found.capped && (
        <p className="notice notice-info" data-testid="search-capped">
          {t('registry.search.capped')}
        </p>
      )}
      {found?.next && (
        <div className="actions">
          <button type="button" onClick={loadMore} disabled={more.working} data-testid="search-more">
            {more.working ? t('registry.search.searching') : t('registry.search.more')}
          </button>
        </div>
      )}
      <ProblemMessage error={more.error} testId="search-more-error" />
    </>
  );
}

function SearchResults({ results }: { results: SearchResult[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { place } = useRegions();
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 });
  if (!results.length) {
    return (
      <p className="empty" role="status" data-testid="search-empty">
        {t('registry.search.empty')}
      </p>
    );
  }
  return (
    <>
      <p className="muted" role="status" data-testid="search-count">
        {t('registry.search.count', { count: results.length })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('registry.search.results')}>
        <table className="data-table clickable cards-on-phone" data-testid="search-results">
          <thead>
            <tr>
              <th scope="col">{t('registry.fields.name')}</th>
              <th scope="col">{t('registry.fields.birthDate')}</th>
              <th scope="col">{t('registry.fields.region')}</th>
              <th scope="col">{t('registry.fields.status')}</th>
              <th scope="col">{t('registry.search.score')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <SearchRow key={r.personId} result={r} score={r.score === null ? '—' : percent.format(r.score)} place={place} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function SearchRow({ result, score, place }: { result: SearchResult; score: string; place: (code: string) => string }) {
  const { t } = useTranslation();
  const to = personPath(result.personId);
  return (
    // The link is the way in for keyboards and screen readers; a click anywhere on the row does the same.
    <tr data-testid="search-result" data-person-id={result.personId} onClick={(e) => !(e.target as HTMLElement).closest('a') && navigate(to)}>
      <td className="card-title">
        <Link to={to} data-testid="search-result-link">
          {personName(result)}
        </Link>
      </td>
      <td data-label={t('registry.fields.birthDate')}>
        <BirthDateText birthDate={result.birthDate} />
      </td>
      <td data-label={t('registry.fields.region')}>{place(result.regionCode)}</td>
      <td data-label={t('registry.fields.status')}>
        <StatusBadge status={result.status} />
      </td>
      <td data-label={t('registry.search.score')} className="nowrap">
        {score}
      </td>
    </tr>
  );
}
