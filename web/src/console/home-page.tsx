import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../api/contracts.ts';
import { listRegions } from '../api/regions.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Link } from '../router/link.tsx';
import { useOfficial } from '../session/session.tsx';
import { pagesFor } from './console-pages.ts';

const NATIONAL = '*';

/** Every official's start: their account and scopes, and the screens their role may use. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useOfficial();
  const regionNames = useRegionNames();
  const tools = pagesFor(me.role).filter((page) => page.id !== 'home');

  const regionLabel = (code: string) => {
    if (code === NATIONAL) return t('home.wholeCountry');
    const name = regionNames.get(code);
    return name ? `${name} (${code})` : code;
  };
  const programs = me.programScopes.includes(NATIONAL) ? [t('home.allPrograms')] : me.programScopes;

  return (
    <>
      <PageHeading title={t('home.title', { name: me.displayName })} testId="home-title" />
      <div className="cards">
        <section className="card" aria-labelledby="account-heading">
          <h2 id="account-heading">{t('home.account')}</h2>
          <dl className="facts" data-testid="account">
            <dt>{t('home.username')}</dt>
            <dd>{me.username}</dd>
            <dt>{t('home.role')}</dt>
            <dd data-testid="account-role">{t(`roles.${me.role}`)}</dd>
            <dt>{t('home.regions')}</dt>
            <dd data-testid="account-regions">{me.regionScopes.length ? me.regionScopes.map(regionLabel).join(', ') : t('home.none')}</dd>
            <dt>{t('home.programs')}</dt>
            <dd>{programs.length ? programs.join(', ') : t('home.none')}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="tools-heading">
          <h2 id="tools-heading">{t('home.tools')}</h2>
          {tools.length ? (
            <ul className="tools" data-testid="tools">
              {tools.map((page) => (
                <li key={page.id}>
                  <Link to={page.path}>{t(`nav.${page.id}`)}</Link>
                  <p>{t(`navHelp.${page.id}`)}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p data-testid="no-tools">{t('home.noTools')}</p>
          )}
        </section>
      </div>
      <p className="notice notice-info">{t('home.recorded')}</p>
    </>
  );
}

/** Region names by code, for showing scopes; codes alone if the list cannot be had. */
function useRegionNames(): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    const abort = new AbortController();
    listRegions(abort.signal).then(
      (regions: Region[]) => setNames(new Map(regions.map((r) => [r.code, r.name]))),
      () => undefined, // the codes are still meaningful on their own
    );
    return () => abort.abort();
  }, []);
  return names;
}
