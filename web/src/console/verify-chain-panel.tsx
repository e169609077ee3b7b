import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { verifyAuditLog } from '../api/audit.ts';
import type { VerifyReport } from '../api/contracts.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { useFormat } from '../i18n/use-format.ts';

/** Recomputes every hash chain and checks every signed checkpoint, on the server, on demand. */
export function VerifyChainPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const [working, setWorking] = useState(false);
  const [report, setReport] = useState<VerifyReport>();
  const [error, setError] = useState<unknown>();

  const verify = async () => {
    setWorking(true);
    setError(undefined);
    setReport(undefined);
    try {
      setReport(await verifyAuditLog());
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };

  return (
    <section className="card" aria-labelledby="verify-heading">
      <h2 id="verify-heading">{t('audit.verify.title')}</h2>
      <p className="muted">{t('audit.verify.intro')}</p>
      <button type="button" onClick={verify} disabled={working} data-testid="verify-chain">
        {working ? t('audit.verify.working') : t('audit.verify.button')}
      </button>
      <div aria-live="polite">
        <ErrorMessage error={error} testId="verify-error" />
        {report?.ok && (
          <p className="notice notice-ok" data-testid="verify-result" data-ok="true">
            {t('audit.verify.ok', { entries: format.number(report.entries), checkpoints: format.number(report.checkpoints) })}
          </p>
        )}
        {report && !report.ok && (
          <div className="notice notice-error" data-testid="verify-result" data-ok="false">
            <p>
              <strong>{t('audit.verify.broken', { count: report.problems.length })}</strong>
            </p>
            <ul>
              {report.problems.map((p, i) => (
                <li key={i}>
                  {p.entryId === null
                    ? t('audit.verify.problemNoEntry', { chain: p.chain, seq: p.seq, reason: p.reason })
                    : t('audit.verify.problem', { entryId: p.entryId, chain: p.chain, seq: p.seq, reason: p.reason })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
