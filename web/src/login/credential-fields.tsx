import { useTranslation } from 'react-i18next';

/**
 * The username and password fields of a sign-in, as the console's login and the
 * distribution terminal both ask for them (same limits, autocomplete hints and test ids).
 * `idPrefix` keeps the labels' ids unique where both could be on one page.
 */
export function CredentialFields(props: {
  idPrefix?: string;
  username: string;
  password: string;
  onUsername: (value: string) => void;
  onPassword: (value: string) => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const prefix = props.idPrefix ?? '';
  return (
    <>
      <div className="field">
        <label htmlFor={`${prefix}username`}>{t('login.username')}</label>
        <input
          id={`${prefix}username`}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={40}
          autoFocus={props.autoFocus}
          value={props.username}
          onChange={(e) => props.onUsername(e.target.value)}
          data-testid="login-username"
        />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}password`}>{t('login.password')}</label>
        <input
          id={`${prefix}password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={256}
          value={props.password}
          onChange={(e) => props.onPassword(e.target.value)}
          data-testid="login-password"
        />
      </div>
    </>
  );
}
