import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSOLE_HOME, LOGIN_PATH } from '../console/console-pages.ts';
import { Link } from '../router/link.tsx';
import { LanguageSwitch } from './language-switch.tsx';

/** The frame of the public pages (catalogue, programs): skip link, header with the way to the console, the language switch. */
export function PublicFrame({ signedIn, testId, children }: { signedIn: boolean; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  const home = signedIn ? CONSOLE_HOME : LOGIN_PATH;
  return (
    <div className="public-page">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="public-header">
        <Link to={home} className="brand" data-testid="brand">
          {t('app.name')}
        </Link>
        <div className="account">
          <Link to={home} className="header-link" data-testid="public-console-link">
            {signedIn ? t('catalogue.public.toConsole') : t('catalogue.public.signIn')}
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="public-main" data-testid={testId}>
        {children}
      </main>
    </div>
  );
}
