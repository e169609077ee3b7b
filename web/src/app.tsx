import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleLayout } from './console/console-layout.tsx';
import { afterLoginPath, CONSOLE_HOME, LOGIN_PATH, pageAt, PUBLIC_CATALOGUE_PATH, PUBLIC_PROGRAMS_PATH, VERIFY_PATH } from './console/console-pages.ts';
import { ConsoleScreen } from './console/console-screen.tsx';
import { NotFoundPage } from './console/not-found-page.tsx';
import { ErrorMessage } from './components/error-message.tsx';
import { Loading } from './components/loading.tsx';
import { LoginPage } from './login/login-page.tsx';
import { useLocation } from './router/location.ts';
import { Redirect } from './router/redirect.tsx';
import { useSession } from './session/session.tsx';
import { TERMINAL_SCOPE } from './terminal/install-terminal.ts';
import { useEnrolledDevice } from './terminal/use-enrolled-device.ts';

const PublicCataloguePage = lazy(() => import('./catalogue/public-catalogue-page.tsx').then((m) => ({ default: m.PublicCataloguePage })));
const PublicProgramsPage = lazy(() => import('./programs/public-programs-page.tsx').then((m) => ({ default: m.PublicProgramsPage })));
const PublicProgramPage = lazy(() => import('./programs/public-program-page.tsx').then((m) => ({ default: m.PublicProgramPage })));
const TerminalApp = lazy(() => import('./terminal/terminal-app.tsx').then((m) => ({ default: m.TerminalApp })));
const VerifyPage = lazy(() => import('./verify/verify-page.tsx').then((m) => ({ default: m.VerifyPage })));

/**
 * Chooses the screen from the path and the session. Console paths need a signed-in
 * official and send others to the login, which returns them where they were going.
 */
export function App() {
  const { t } = useTranslation();
  const { state, retry } = useSession();
  const { path, search, url } = useLocation();

  // Public pages need no session: they do not wait for one, nor fail without one.
  const bare = path.replace(/\/+$/, '');
  if (bare === PUBLIC_CATALOGUE_PATH) {
    return (
      <Suspense fallback={<Loading />}>
        <PublicCataloguePage signedIn={state.status === 'signed_in'} />
      </Suspense>
    );
  }
  if (bare === PUBLIC_PROGRAMS_PATH) {
    return (
      <Suspense fallback={<Loading />}>
        <PublicProgramsPage signedIn={state.status === 'signed_in'} />
      </Suspense>
    );
  }
  const programCode = programCodeIn(bare);
  if (programCode !== undefined) {
    return (
      <Suspense fallback={<Loading />}>
        <PublicProgramPage key={programCode} code={programCode} signedIn={state.status === 'signed_in'} />
      </Suspense>
    );
  }
  if (bare === VERIFY_PATH) {
    return (
      <Suspense fallback={<Loading />}>
        <VerifyPage signedIn={state.status === 'signed_in'} />
      </Suspense>
    );
  }
  // The terminal signs its agent in itself, and opens offline, where the session cannot be asked for.
  if (bare === TERMINAL_SCOPE) {
    return (
      <Suspense fallback={<Loading />}>
        <TerminalApp />
      </Suspense>
    );
  }
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') {
    return (
      <main id="main" className="center-message">
        <ErrorMessage error={state.error} testId="app-error" />
        <button type="button" onClick={retry} data-testid="app-retry">
          {t('app.retry')}
        </button>
      </main>
    );
  }

  if (path === '/') return <Redirect to={CONSOLE_HOME} />;
  if (path === LOGIN_PATH) {
    return state.status === 'signed_in' ? <Redirect to={afterLoginPath(search.get('next'))} /> : <LoginPage />;
  }
  if (path === CONSOLE_HOME || path.startsWith(`${CONSOLE_HOME}/`)) {
    if (state.status !== 'signed_in') {
      // A sign-out lands on a plain login; anything else comes back here afterwards.
      const next = state.reason === 'signed_out' || path === CONSOLE_HOME ? '' : `?next=${encodeURIComponent(url)}`;
      return <Redirect to={`${LOGIN_PATH}${next}`} />;
    }
    // A distribution agent on an enrolled terminal device works in the terminal.
    if (path === CONSOLE_HOME && state.me.role === 'distribution_agent') return <AgentLanding />;
    const page = pageAt(path, state.me.role);
    return <ConsoleLayout>{page ? <ConsoleScreen page={page.id} params={page.params} /> : <NotFoundPage />}</ConsoleLayout>;
  }

  return state.status === 'signed_in' ? (
    <ConsoleLayout>
      <NotFoundPage />
    </ConsoleLayout>
  ) : (
    <main id="main" className="center-message">
      <NotFoundPage />
    </main>
  );
}

/** The terminal when this device is an enrolled terminal, else the console's home. */
function AgentLanding() {
  const enrolled = useEnrolledDevice();
  if (enrolled === undefined) return <Loading />;
  if (enrolled) return <Redirect to={TERMINAL_SCOPE} />;
  const page = pageAt(CONSOLE_HOME, 'distribution_agent');
  return <ConsoleLayout>{page ? <ConsoleScreen page={page.id} params={page.params} /> : <NotFoundPage />}</ConsoleLayout>;
}

/** The code in /programs/:code, or undefined for any other path. */
function programCodeIn(path: string): string | undefined {
  const match = new RegExp(`^${PUBLIC_PROGRAMS_PATH}/([^/]+)$`).exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}
