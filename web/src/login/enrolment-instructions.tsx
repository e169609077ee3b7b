import { useTranslation } from 'react-i18next';
import { TotpQrCode } from './totp-qr-code.tsx';

/** How to add the account to an authenticator app: scan the QR, or type the key. */
export function EnrolmentInstructions({ secret, otpauthUri }: { secret: string; otpauthUri: string }) {
  const { t } = useTranslation();
  // Groups of four are easier to copy by hand; authenticator apps ignore the spaces.
  const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <div className="stack" data-testid="enrolment">
      <p>{t('login.enrol.intro')}</p>
      <ol className="steps">
        <li>
          {t('login.enrol.step1')}
          <TotpQrCode uri={otpauthUri} alt={t('login.enrol.qrAlt')} />
        </li>
        <li>
          {t('login.enrol.step2')}
          <p className="secret">
            <span className="secret-label">{t('login.enrol.secretLabel')}: </span>
            <code data-testid="totp-secret">{grouped}</code>
          </p>
        </li>
        <li>{t('login.enrol.step3')}</li>
      </ol>
    </div>
  );
}
