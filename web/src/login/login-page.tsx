import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import type { LoginResponse } from '../api/contracts.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { PUBLIC_CATALOGUE_PATH, PUBLIC_PROGRAMS_PATH, VERIFY_PATH } from '../console/console-pages.ts';
import { Link } from '../router/link.tsx';
import { useSession } from '../session/session.tsx';
import { CodeForm } from './code-form.tsx';
import { EnrolmentInstructions } from './enrolment-instructions.tsx';
import { PasswordForm } from './password-form.tsx';

type Step =
  | { kind: 'password' }
  | { kind: 'second_factor' }
  | { kind: 'enrol'; secret: string; otpauthUri: string };

/**
 * Login for officials, one step at a time as the server directs: password, then the
 * code of the authenticator, or first its enrolment. On success the session holds the
 * official and the app leaves this page.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { state, completeSignIn } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'password' });

  const onAnswer = async (answer: LoginResponse) => {
    switch (answer.next) {
      case 'done':
        return completeSignIn(answer.demoSkippedSecondFactor === true);
      case 'second_factor':
        return setStep({ kind: 'second_factor' });
      case 'enrol_second_factor':
        if (!answer.secret || !answer.otpauthUri) throw new ApiError(500, 'INTERNAL', 'enrolment without a secret');
        return setStep({ kind: 'enrol', secret: answer.secret, otpauthUri: answer.otpauthUri });
    }
  };
  const startOver = () => setStep({ kind: 'password' });

  const title = step.kind === 'password' ? t('login.title') : step.kind === 'enrol' ? t('login.enrol.title') : t('login.code.title');
  const reason = state.status === 'signed_out' ? state.reason : undefined;

  return (
    <div className="login-screen">
      <header className="login-top">
        <span className="brand" data-testid="brand">
          {t('app.name')}
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="login-card" data-testid="login-page">
        <PageHeading title={title} testId="login-title" />
        {step.kind === 'password' && (
          <>
            {reason && (
              <p className="notice notice-info" role="status" data-testid="login-notice">
                {reason === 'session_ended' ? t('login.sessionEnded') : t('login.signedOut')}
              </p>
            )}
            <p className="muted" data-testid="login-intro">
              {t('login.intro')}
            </p>
            <PasswordForm onAnswer={onAnswer} />
          </>
        )}
        {step.kind === 'second_factor' && (
          <>
            <p>{t('login.code.intro')}</p>
            <CodeForm onAnswer={onAnswer} onExpired={startOver} />
          </>
        )}
        {step.kind === 'enrol' && (
          <>
            <EnrolmentInstructions secret={step.secret} otpauthUri={step.otpauthUri} />
            <CodeForm onAnswer={onAnswer} onExpired={startOver} />
          </>
        )}
        {step.kind !== 'password' && (
          <button type="button" className="link-button" onClick={startOver} data-testid="login-start-over">
            {t('login.startOver')}
          </button>
        )}
      </main>
      <footer className="login-footer">
        <p className="tagline">{t('app.tagline')}</p>
        <p>
          <Link to={PUBLIC_CATALOGUE_PATH} data-testid="catalogue-link">
            {t('loginFooter.catalogue')}
          </Link>
        </p>
        <p>
          <Link to={PUBLIC_PROGRAMS_PATH} data-testid="programs-link">
            {t('loginFooter.programs')}
          </Link>
        </p>
        <p>
          <Link to={VERIFY_PATH} data-testid="verify-link">
            {t('loginFooter.verify')}
          </Link>
        </p>
      </footer>
    </div>
  );
}
