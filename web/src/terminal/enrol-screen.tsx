import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/error-message.tsx';
import { enrolDevice, newDeviceKeys } from './terminal-api.ts';
import { writeDevice, type DeviceIdentity } from './terminal-store.ts';

/**
 * Enrols this browser as the terminal an administrator registered: it makes its own
 * Ed25519 key pair (the private key cannot leave the browser), sends the public key
 * with the one-time code, and keeps the private key in IndexedDB.
 */
export function EnrolScreen({ onEnrolled }: { onEnrolled: (device: DeviceIdentity) => Promise<void> }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setError(undefined);
    try {
      const keys = await newDeviceKeys();
      const answer = await enrolDevice(code.trim(), keys.publicKey);
      const device: DeviceIdentity = { terminalId: answer.terminalId, privateKey: keys.privateKey, publicKey: keys.publicKey, point: answer.point, enrolledAt: new Date().toISOString() };
      await writeDevice('identity', device);
      await onEnrolled(device);
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  return (
    <form className="terminal-card stack" onSubmit={submit} data-testid="terminal-enrol">
      <h2>{t('terminal.enrol.title')}</h2>
      <p>{t('terminal.enrol.intro')}</p>
      <ErrorMessage error={error} testId="terminal-enrol-error" />
      <div className="field">
        <label htmlFor="enrolment-code">{t('terminal.enrol.code')}</label>
        <input
          id="enrolment-code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          maxLength={64}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="enrolment-code"
        />
      </div>
      <button type="submit" className="primary big-button" disabled={working || !code.trim()} data-testid="enrol-submit">
        {working ? t('terminal.enrol.working') : t('terminal.enrol.submit')}
      </button>
    </form>
  );
}
