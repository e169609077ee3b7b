import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisteredTerminal } from '../../api/contracts.ts';
import { useFormat } from '../../i18n/use-format.ts';

/**
 * The one-time enrolment code of a terminal just registered, big enough to read across a
 * counter and copyable. The server keeps only its hash: once this is closed, it is gone.
 */
export function EnrolmentCodeNotice({ registered, onDone }: { registered: RegisteredTerminal; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(registered.enrolmentCode);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="notice notice-ok enrolment-code" role="status" data-testid="enrolment-code-notice">
      <p>{t('points.terminals.codeIntro', { label: registered.terminal.label })}</p>
      <p className="enrolment-code-value" translate="no" data-testid="enrolment-code">
        {registered.enrolmentCode}
      </p>
      <p className="small">{t('points.terminals.codeExpires', { date: format.dateTime(registered.expiresAt) })}</p>
      <p className="small">{t('points.terminals.codeOnce')}</p>
      <div className="actions">
        <button type="button" onClick={() => void copy()} data-testid="enrolment-code-copy">
          {copied ? t('points.terminals.copied') : t('points.terminals.copy')}
        </button>
        <button type="button" className="primary" onClick={onDone} data-testid="enrolment-code-done">
          {t('points.terminals.codeDone')}
        </button>
      </div>
    </div>
  );
}
