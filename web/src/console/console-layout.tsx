import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/error-message.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { Link } from '../router/link.tsx';
import { useLocation } from '../router/location.ts';
import { useSession } from '../session/session.tsx';
import { CONSOLE_HOME, pagesFor, VERIFY_PATH } from './console-pages.ts';
import { DemoBanner } from './demo-banner.tsx';

/** The frame of every console screen: who is signed in, the menu of their role, the page. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, signOut } = useSession();
  const { path } = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<unknown>();
  if (state.status !== 'signed_in') return null;
  const { me, demoSkippedSecondFactor } = state;

  const onSignOut = async () => {
    setSigningOut(true);
    setSignOutError(undefined);
    try {
      await signOut();
    } catch (error) {
      setSignOutError(error);
      setSigningOut(false);
    }
  };

  return (
    <div className="console">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="console-header">
        <div className="header-row">
          <Link to={CONSOLE_HOME} className="brand" data-testid="brand">
            {t('app.name')}
          </Link>
          <div className="account">
            <p className="official" data-testid="official">
              <span className="visually-hidden">{t('header.signedInAs')} </span>
              <span className="official-name" data-testid="official-name">
                {me.displayName}
              </span>
              <span className="official-role" data-testid="official-role">
                {t(`roles.${me.role}`)}
              </span>
            </p>
            <LanguageSwitch />
            <button type="button" className="sign-out" onClick={onSignOut} disabled={signingOut} data-testid="sign-out">
              {signingOut ? t('header.signingOut') : t('header.signOut')}
            </button>
          </div>
        </div>
        <div className="console-nav-bar">
          <nav aria-label={t('header.menu')} className="console-nav">
            <ul>
              {pagesFor(me.role).map((page) => (
                <li key={page.id}>
                  <Link to={page.path} aria-current={page.path === path ? 'page' : undefined} data-testid={`nav-${page.id}`}>
                    {t(`nav.${page.id}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {/* The public card verifier, for every role: beside the role's menu, not part of it. */}
          <Link to={VERIFY_PATH} className="nav-aside" data-testid="nav-verify">
            {t('verify.navLink')}
          </Link>
        </div>
      </header>
      {(me.demo || demoSkippedSecondFactor) && <DemoBanner skippedSecondFactor={demoSkippedSecondFactor} />}
      <ErrorMessage error={signOutError} testId="sign-out-error" />
      <main id="main" className="console-main">
        {children}
      </main>
    </div>
  );
}
