import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { logIn } from '../api/auth.ts';
import type { LoginResponse } from '../api/contracts.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { CredentialFields } from './credential-fields.tsx';

/** First step of login. Hands the server's answer (what comes next) to `onAnswer`. */
export function PasswordForm({ onAnswer }: { onAnswer: (answer: LoginResponse) => Promise<void> }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setError(undefined);
    try {
      await onAnswer(await logIn({ username: username.trim(), password }));
    } catch (failure) {
      setError(failure);
      setPassword('');
      setWorking(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} data-testid="password-form">
      <ErrorMessage error={error} testId="login-error" />
      <CredentialFields username={username} password={password} onUsername={setUsername} onPassword={setPassword} autoFocus />
      <button type="submit" className="primary" disabled={working} data-testid="login-submit">
        {working ? t('login.working') : t('login.submit')}
      </button>
    </form>
  );
}
