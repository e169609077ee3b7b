import { useTranslation } from 'react-i18next';
import type { Reconciliation, ReconciliationDiscrepancy } from '../../api/contracts.ts';
import { moneyText } from '../../programs/money-text.ts';

/** Decimal text as the API sends it, signed or not, with the locale's separators; never a JavaScript number. */
function useDecimal() {
  const { i18n } = useTranslation();
  return (text: string) => (text.startsWith('-') ? `−${moneyText(text.slice(1), i18n.language)}` : moneyText(text, i18n.language));
}

/** The figures of a reconciliation: entitlements, money by method against the ledger, conflicts, the till. */
export function ReconciliationFigures({ report: r }: { report: Reconciliation }) {
  const { t } = useTranslation();
  const n = useDecimal();
  const money = (m: 'cash' | 'mobile') => [r.expected[m].count, r.expected[m].amount, r.ledger[m]] as const;
  return (
    <>
      <h3>{t('reconciliation.figures')}</h3>
      <table className="data-table" data-testid="reconciliation-entitlements">
        <thead>
          <tr>
            <th />
            <th>{t('reconciliation.count')}</th>
            <th>{t('reconciliation.quantity', { measure: r.cycle.measure })}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>{t('reconciliation.assigned')}</th>
            <td>{r.entitlements.count}</td>
            <td>{n(r.entitlements.quantity)}</td>
          </tr>
          <tr>
            <th>
              {t('reconciliation.redeemed')} <span className="muted small">{t('reconciliation.pickups', { count: r.redeemed.pickups })}</span>
            </th>
            <td>{r.redeemed.entitlements}</td>
            <td>{n(r.redeemed.quantity)}</td>
          </tr>
          <tr>
            <th>{t('reconciliation.outstanding')}</th>
            <td>{r.outstanding.count}</td>
            <td>{n(r.outstanding.quantity)}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t('reconciliation.money', { currency: r.cycle.currency })}</h3>
      <table className="data-table" data-testid="reconciliation-money">
        <thead>
          <tr>
            <th>{t('reconciliation.method')}</th>
            <th>{t('reconciliation.count')}</th>
            <th>{t('reconciliation.expected')}</th>
            <th>{t('reconciliation.ledger')}</th>
          </tr>
        </thead>
        <tbody>
          {(['cash', 'mobile'] as const).map((m) => {
            const [count, expected, ledger] = money(m);
            return (
              <tr key={m}>
                <th>{t(`reconciliation.${m}`)}</th>
                <td>{count}</td>
                <td>{n(expected)}</td>
                <td>{n(ledger)}</td>
              </tr>
            );
          })}
          <tr>
            <th>{t('reconciliation.none')}</th>
            <td>{r.expected.none.count}</td>
            <td>{n('0.00')}</td>
            <td />
          </tr>
          <tr>
            <th>{t('reconciliation.collected')}</th>
            <td />
            <td />
            <td>
              {n(r.ledger.collected)} <span className="muted small">{t('reconciliation.postings', { postings: r.ledger.postings, reversals: r.ledger.reversals })}</span>
            </td>
          </tr>
        </tbody>
      </table>
      <h3>{t('reconciliation.conflicts')}</h3>
      <p data-testid="reconciliation-conflicts">
        {t('reconciliation.conflictsLine', { count: r.conflicts.count, quantity: n(r.conflicts.quantity), amount: n(r.conflicts.amount), open: r.conflicts.open, resolved: r.conflicts.resolved })}
      </p>
      {r.till.length > 0 && (
        <>
          <h3>{t('reconciliation.till')}</h3>
          <table className="data-table" data-testid="reconciliation-till">
            <tbody>
              {r.till.map((till) => (
                <tr key={till.currency}>
                  <td>{till.currency}</td>
                  <td>
                    {t('reconciliation.tillCollected')}: {n(till.collected)}
                  </td>
                  <td>
                    {t('reconciliation.tillDeposited')}: {n(till.deposited)}
                  </td>
                  <td>
                    {t('reconciliation.tillShortages')}: {n(till.shortages)}
                  </td>
                  <td>
                    {t('reconciliation.tillOverages')}: {n(till.overages)}
                  </td>
                  <td>
                    <strong>
                      {t('reconciliation.tillIn')}: {n(till.inTill)}
                    </strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/** Every discrepancy, one sentence each, naming the record it is about. */
export function DiscrepancyList({ report }: { report: Reconciliation }) {
  const { t } = useTranslation();
  const n = useDecimal();
  if (report.discrepancies.length === 0) return null;
  const method = (m: string | null) => (m === 'cash' || m === 'mobile' ? t(`reconciliation.${m}`) : '—');
  const params = (d: ReconciliationDiscrepancy): Record<string, string | number> => {
    switch (d.kind) {
      case 'redemption_without_posting':
        return { id: d.redemptionId, amount: n(d.amount), method: method(d.method) };
      case 'conflict_without_posting':
        return { id: d.conflictId, amount: n(d.amount), method: method(d.method) };
      case 'posting_without_redemption':
        return { id: d.postingId, amount: n(d.amount) };
      case 'amount_differs':
        return { id: d.redemptionId, posting: d.postingId, expected: n(d.expected), recorded: n(d.recorded) };
      case 'method_differs':
        return { id: d.redemptionId, posting: d.postingId, expected: method(d.expected), recorded: method(d.recorded) };
      case 'posting_reversed':
        return { id: d.redemptionId, amount: n(d.amount) };
      case 'refund_not_reversed':
        return { id: d.conflictId, amount: n(d.amount) };
      case 'ledger_total_differs':
        return { account: d.account === 'collected' ? t('reconciliation.collected') : method(d.account), expected: n(d.expected), ledger: n(d.ledger), difference: n(d.difference) };
      case 'other_currency':
        return { account: d.account, balance: n(d.balance), currency: d.currency };
      case 'open_conflict':
        return { id: d.conflictId, reason: t(`conflicts.reasons.${d.reason}`, { defaultValue: d.reason }), quantity: n(d.quantity), amount: n(d.amount) };
      case 'redeemed_elsewhere_assigned':
        return { id: d.redemptionId, point: d.assignedPoint ?? '—' };
      case 'over_redeemed':
        return { count: d.entitlements };
      case 'entitlements_unassigned':
        return { count: d.entitlements, quantity: n(d.quantity), region: d.regionCode };
    }
  };
  return (
    <>
      <h3>{t('reconciliation.discrepancies')}</h3>
      <ul data-testid="reconciliation-discrepancies">
        {report.discrepancies.map((d, i) => (
          <li key={i} data-kind={d.kind}>
            {t(`reconciliation.kinds.${d.kind}`, params(d))}
          </li>
        ))}
      </ul>
    </>
  );
}
