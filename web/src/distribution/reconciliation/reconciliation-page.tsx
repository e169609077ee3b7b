import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepositResult, PointCycles, Reconciliation, ReconciliationPoint } from '../../api/contracts.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useOfficial } from '../../session/session.tsx';
import { findPoints, pointCycles, readReconciliation, reconciliationCsvUrl, recordDeposit } from './reconciliation-api.ts';
import { DiscrepancyList, ReconciliationFigures } from './reconciliation-figures.tsx';

/**
 * A distribution point's reconciliation: pick a point (within the official's regions)
 * and one of its cycles, see entitlements, pickups, the prices taken against the
 * ledger, conflicts, the till and every discrepancy, and download it as CSV. An
 * administrator also records the cash handed to the treasury here.
 */
export function ReconciliationPage() {
  const { t, i18n } = useTranslation();
  const me = useOfficial();
  const [text, setText] = useState('');
  const [points, setPoints] = useState<ReconciliationPoint[]>();
  const [point, setPoint] = useState<PointCycles>();
  const [cycleId, setCycleId] = useState('');
  const [report, setReport] = useState<Reconciliation>();
  const [error, setError] = useState<unknown>();
  const [reload, setReload] = useState(0);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      setPoints(await findPoints(text));
    } catch (failure) {
      setError(failure);
    }
  };

  const choosePoint = async (code: string) => {
    setError(undefined);
    setReport(undefined);
    setCycleId('');
    try {
      const found = await pointCycles(code);
      setPoint(found);
      if (found.cycles[0]) setCycleId(found.cycles[0].id);
    } catch (failure) {
      setError(failure);
    }
  };

  useEffect(() => {
    if (!point || !cycleId) return;
    const abort = new AbortController();
    setReport(undefined);
    readReconciliation(point.point.code, cycleId, abort.signal).then(setReport, (failure: unknown) => !abort.signal.aborted && setError(failure));
    return () => abort.abort();
  }, [point, cycleId, reload]);

  return (
    <>
      <PageHeading title={t('reconciliation.title')} testId="reconciliation-title" />
      <p className="lead">{t('reconciliation.intro')}</p>
      <form className="inline-form" onSubmit={search}>
        <label>
          {t('reconciliation.pointLabel')}
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={100} data-testid="reconciliation-point-text" />
        </label>
        <button type="submit" data-testid="reconciliation-search">
          {t('reconciliation.search')}
        </button>
      </form>
      {points && points.length === 0 && <p className="empty">{t('reconciliation.noPoints')}</p>}
      {points && points.length > 0 && (
        <ul className="choices" data-testid="reconciliation-points">
          {points.map((p) => (
            <li key={p.code}>
              <button type="button" className={point?.point.code === p.code ? 'primary' : ''} onClick={() => void choosePoint(p.code)}>
                {p.code} — {p.name} ({p.regionCode})
              </button>
            </li>
          ))}
        </ul>
      )}
      {point && point.cycles.length === 0 && <p className="empty">{t('reconciliation.noCycles')}</p>}
      {point && point.cycles.length > 0 && (
        <label>
          {t('reconciliation.cycleLabel')}
          <select value={cycleId} onChange={(e) => setCycleId(e.target.value)} data-testid="reconciliation-cycle">
            {point.cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {t('reconciliation.cycleOption', { program: i18n.language.startsWith('es') ? c.programName.es : c.programName.en, period: c.period, status: t(`programs.console.cycleStatuses.${c.status as 'open'}`) })}
              </option>
            ))}
          </select>
        </label>
      )}
      <ErrorMessage error={error} testId="reconciliation-error" />
      {point && cycleId && !report && !error && <Loading text={t('reconciliation.loading')} />}
      {report && (
        <section aria-live="polite">
          <p className={report.balanced ? 'notice notice-ok' : 'notice notice-error'} data-testid="reconciliation-status">
            {report.balanced ? t('reconciliation.balanced') : t('reconciliation.unbalanced', { count: report.discrepancies.length })}
          </p>
          <p>
            <a href={reconciliationCsvUrl(report.point.code, report.cycle.id)} download data-testid="reconciliation-csv">
              {t('reconciliation.download')}
            </a>
          </p>
          <ReconciliationFigures report={report} />
          <DiscrepancyList report={report} />
          {me.role === 'administrator' && <DepositForm pointCode={report.point.code} currency={report.cycle.currency} onRecorded={() => setReload((n) => n + 1)} />}
        </section>
      )}
    </>
  );
}

/** The cash counted at the point and handed to the treasury: one slip, one deposit. */
function DepositForm({ pointCode, currency, onRecorded }: { pointCode: string; currency: string; onRecorded: () => void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [done, setDone] = useState<DepositResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await recordDeposit(pointCode, { amount: amount.trim(), currency, reference: reference.trim() }));
      onRecorded();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="inline-form" data-testid="deposit-form">
      <h3>{t('reconciliation.deposit')}</h3>
      <label>
        {t('reconciliation.amount')} ({currency})
        <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" pattern="\d{1,16}(\.\d{1,2})?" required data-testid="deposit-amount" />
      </label>
      <label>
        {t('reconciliation.reference')}
        <input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={64} required data-testid="deposit-reference" />
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="deposit-submit">
        {t('reconciliation.recordDeposit')}
      </button>
      {done && (
        <p className="notice notice-ok" data-testid="deposit-done">
          {done.created ? t('reconciliation.depositRecorded', { seq: done.seq }) : t('reconciliation.depositReplayed')}
        </p>
      )}
      <ErrorMessage error={error} testId="deposit-error" />
    </form>
  );
}
