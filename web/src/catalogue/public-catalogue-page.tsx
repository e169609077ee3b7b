import { useTranslation } from 'react-i18next';
import { PublicFrame } from '../components/public-frame.tsx';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { PUBLIC_PROGRAMS_PATH } from '../console/console-pages.ts';
import { useFormat } from '../i18n/use-format.ts';
import { Link } from '../router/link.tsx';
import { ProblemMessage } from '../registry/problem-message.tsx';
import { CATEGORIES } from './catalogue-text.ts';
import { EntryFacts } from './entry-facts.tsx';
import { entryLabel, useCatalogue } from './use-catalogue.ts';

/**
 * The published attribute catalogue, for anyone, without signing in: every fact the
 * registry may hold about a person, why, for whom and under which law; and what it
 * will never hold.
 */
export function PublicCataloguePage({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const catalogue = useCatalogue();
  const entries = [...(catalogue.entries ?? [])].sort(
    (a, b) => Number(a.status === 'retired') - Number(b.status === 'retired') || entryLabel(a, i18n.language).localeCompare(entryLabel(b, i18n.language)),
  );

  return (
    <PublicFrame signedIn={signedIn} testId="public-catalogue">
        <PageHeading title={t('catalogue.public.title')} testId="catalogue-title" />
        <p className="lead">{t('catalogue.public.intro')}</p>
        <p>
          <Link to={PUBLIC_PROGRAMS_PATH} data-testid="programs-link">
            {t('catalogue.public.programs')}
          </Link>
        </p>
        <details className="card never">
          <summary>{t('catalogue.public.neverTitle')}</summary>
          <p>{t('catalogue.public.neverIntro')}</p>
          <ul data-testid="prohibited-categories">
            {CATEGORIES.map((c) => (
              <li key={c}>{t(`catalogue.categories.${c}`)}</li>
            ))}
          </ul>
        </details>
        <ProblemMessage error={catalogue.error} testId="catalogue-error" />
        {!catalogue.entries && !catalogue.error && <Loading />}
        {catalogue.entries && catalogue.entries.length === 0 && (
          <p className="empty" data-testid="catalogue-empty">
            {t('catalogue.public.empty')}
          </p>
        )}
        {entries.length > 0 && (
          <>
            <p className="muted" role="status" data-testid="catalogue-count">
              {t('catalogue.public.count', { count: entries.filter((e) => e.status === 'active').length })}
            </p>
            <ul className="entry-grid" data-testid="catalogue-entries">
              {entries.map((entry) => (
                <li key={entry.key} className={`card entry entry-${entry.status}`} data-testid="catalogue-entry" data-key={entry.key} data-status={entry.status}>
                  <h2 className="h3">
                    <span data-testid="entry-label">{entryLabel(entry, i18n.language)}</span> <code className="entry-key">{entry.key}</code>
                  </h2>
                  {entry.status === 'retired' && <p className="badge badge-tombstoned">{t('catalogue.public.retired')}</p>}
                  <EntryFacts entry={entry} />
                  <p className="muted small">
                    {t('catalogue.public.version', { version: entry.version, date: format.dateTime(entry.updatedAt) })}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted small">
          {t('catalogue.public.api')} <a href="/api/catalogue">/api/catalogue</a>
        </p>
    </PublicFrame>
  );
}
