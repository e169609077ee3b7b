import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchMe, logIn } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import type { LoginResponse, Me } from '../api/contracts.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { CodeForm } from '../login/code-form.tsx';
import { CredentialFields } from '../login/credential-fields.tsx';
import { EnrolmentInstructions } from '../login/enrolment-instructions.tsx';
import { TerminalVault } from './terminal-vault.ts';

export type SignedIn =
  /** The server checked the password: a session, and the password to (re)wrap the cache key. */
  | { kind: 'online'; me: Me; password: string }
  /** Already signed in (the console's login): the password opened this agent's cache key on the device. */
  | { kind: 'session'; me: Me; vault: TerminalVault }
  /** No network: the password opened this agent's cache key on the device. */
  | { kind: 'offline'; vault: TerminalVault };

type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'enrolCode'; secret: string; otpauthUri: string };

/**
 * The agent's sign-in at the terminal: the console's login (password, then the second
 * factor), which also unlocks the device's encrypted cache. With no network the same
 * form unlocks the cache alone — the password is checked by the key it opens.
 */
export function TerminalSignIn({ onSignedIn, knownUsername, session }: { onSignedIn: (signedIn: SignedIn) => Promise<void>; knownUsername?: string; session?: Me }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(knownUsername ?? session?.username ?? '');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [problem, setProblem] = useState<'offlineUnlock' | 'notAnAgent'>();
  const typed = useRef('');

  const finishOnline = async () => {
    const me = await fetchMe();
    if (!me) throw new ApiError(401, 'UNAUTHENTICATED', 'no session after login');
    if (me.role !== 'distribution_agent') {
      setProblem('notAnAgent');
      setWorking(false);
      setStep({ kind: 'password' });
      return;
    }
    await onSignedIn({ kind: 'online', me, password: typed.current });
  };

  const onAnswer = async (answer: LoginResponse) => {
    if (answer.next === 'done') return finishOnline();
    if (answer.next === 'second_factor') return setStep({ kind: 'code' });
    if (answer.secret && answer.otpauthUri) return setStep({ kind: 'enrolCode', secret: answer.secret, otpauthUri: answer.otpauthUri });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setError(undefined);
    setProblem(undefined);
    typed.current = password;
    const name = username.trim();
    try {
      // Signed in already (the console's login): the password need only open the cache here.
      if (session && session.username === name && session.role === 'distribution_agent') {
        const vault = await TerminalVault.unlock(name, password);
        if (vault && vault.agentId === session.id) return await onSignedIn({ kind: 'session', me: session, vault });
      }
      let answer: LoginResponse | undefined;
      try {
        answer = await logIn({ username: name, password });
      } catch (failure) {
        if (!(failure instanceof ApiError && failure.code === 'NETWORK')) throw failure;
      }
      if (answer) {
        await onAnswer(answer);
        setWorking(false);
        return;
      }
      // No network: the password is checked by the key it opens.
      const vault = await TerminalVault.unlock(name, password);
      if (vault) return await onSignedIn({ kind: 'offline', vault });
      setProblem('offlineUnlock');
    } catch (failure) {
      setError(failure);
    }
    setPassword('');
    setWorking(false);
  };

  if (step.kind !== 'password') {
    return (
      <section className="terminal-card" data-testid="terminal-code-step">
        {step.kind === 'enrolCode' && <EnrolmentInstructions secret={step.secret} otpauthUri={step.otpauthUri} />}
        <CodeForm onAnswer={onAnswer} onExpired={() => setStep({ kind: 'password' })} />
      </section>
    );
  }

  return (
    <form className="terminal-card stack" onSubmit={submit} data-testid="terminal-sign-in">
      <h2>{t('terminal.signIn.title')}</h2>
      <p className="muted">{t('terminal.signIn.intro')}</p>
      <ErrorMessage error={error} testId="terminal-sign-in-error" />
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="terminal-sign-in-problem" data-problem={problem}>
          {t(`terminal.signIn.${problem}`)}
        </p>
      )}
      <CredentialFields idPrefix="terminal-" username={username} password={password} onUsername={setUsername} onPassword={setPassword} />
      <button type="submit" className="primary big-button" disabled={working} data-testid="login-submit">
        {working ? t('terminal.signIn.working') : t('terminal.signIn.submit')}
      </button>
    </form>
  );
}
