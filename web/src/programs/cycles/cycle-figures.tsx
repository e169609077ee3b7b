import { useTranslation } from 'react-i18next';
import type { CyclePreview } from '../../api/contracts.ts';
import { useProgramFormat } from '../program-parts.tsx';
import { quantityText } from './quantity-text.ts';

type ByPoint = CyclePreview['byDistributionPoint'];

/** Decimal strings of the API shown with the locale's separators; never turned into numbers. */
export function useCycleFormat() {
  const format = useProgramFormat();
  return { ...format, quantity: (q: string, measure: string) => `${quantityText(q, format.locale)} ${measure}` };
}

/**
 * Entitlements and quantity per distribution point. Those with no point serving the
 * program are a row of their own ("no distribution point"), never dropped.
 */
export function ByPointTable({ rows, measure, testId }: { rows: ByPoint; measure: string; testId: string }) {
  const { t } = useTranslation();
  const format = useCycleFormat();
  // The points by code; "no distribution point" last, where it stands out.
  const sorted = [...rows].sort((a, b) => (a.distributionPoint === null ? 1 : b.distributionPoint === null ? -1 : a.distributionPoint.localeCompare(b.distributionPoint)));
  if (sorted.length === 0) {
    return (
      <p className="muted" data-testid={`${testId}-empty`}>
        {t('programs.console.cycles.noEntitlements')}
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table point-table" data-testid={testId}>
        <caption className="visually-hidden">{t('programs.console.cycles.byPoint')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('programs.console.cycles.point')}</th>
            <th scope="col" className="number">
              {t('programs.console.cycles.entitlements')}
            </th>
            <th scope="col" className="number">
              {t('programs.console.cycles.quantity')}
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.distributionPoint ?? '-'} data-testid="point-row" data-point={row.distributionPoint ?? '-'}>
              <th scope="row">{row.distributionPoint === null ? <em data-testid="no-point">{t('programs.console.cycles.noPoint')}</em> : <code>{row.distributionPoint}</code>}</th>
              <td className="number" data-testid="point-entitlements">
                {format.number(row.entitlements)}
              </td>
              <td className="number" data-testid="point-quantity">
                {format.quantity(row.quantity, measure)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Totals {
  entitlements: number;
  totalQuantity: string;
  totalCost: string;
  totalPrice: string;
  overBudget: boolean;
}

/** Entitlements, quantity, cost against the budget, and what beneficiaries pay: the same rows for a preview and a run. */
export function TotalsFacts({ totals, budget, measure, currency, testId }: { totals: Totals; budget: string; measure: string; currency: string; testId: string }) {
  const { t } = useTranslation();
  const format = useCycleFormat();
  return (
    <dl className="facts cycle-totals" data-testid={testId}>
      <dt>{t('programs.console.cycles.entitlements')}</dt>
      <dd data-testid="total-entitlements">{format.number(totals.entitlements)}</dd>
      <dt>{t('programs.console.cycles.totalQuantity')}</dt>
      <dd data-testid="total-quantity">{format.quantity(totals.totalQuantity, measure)}</dd>
      <dt>{t('programs.console.cycles.totalCost')}</dt>
      <dd data-testid="total-cost">
        {format.money(totals.totalCost, currency)}{' '}
        <span className={totals.overBudget ? 'over-budget' : 'muted'}>{t('programs.console.cycles.ofBudget', { budget: format.money(budget, currency) })}</span>
      </dd>
      <dt>{t('programs.console.cycles.totalPrice')}</dt>
      <dd data-testid="total-price">{format.money(totals.totalPrice, currency)}</dd>
    </dl>
  );
}

/** The preview of a run: what it would create, nothing written. */
export function PreviewView({ preview }: { preview: CyclePreview }) {
  const { t } = useTranslation();
  const format = useCycleFormat();
  return (
    <section className="card preview" aria-labelledby="preview-heading" data-testid="cycle-preview-result" data-period={preview.period} data-over-budget={preview.overBudget}>
      <h4 id="preview-heading">{t('programs.console.cycles.previewTitle', { period: preview.period })}</h4>
      <p className="hint">
        {t('programs.console.cycles.basis', {
          version: preview.ruleVersion,
          date: format.day(preview.referenceDate),
          from: format.day(preview.validFrom),
          until: format.day(preview.validUntil),
        })}
      </p>
      {preview.overBudget && (
        <p className="notice notice-warning" role="alert" data-testid="preview-over-budget">
          {t('programs.console.cycles.overBudgetWarning', { cost: format.money(preview.totalCost, preview.currency), budget: format.money(preview.budget, preview.currency) })}
        </p>
      )}
      <dl className="facts cycle-counts" data-testid="preview-counts">
        <dt>{t('programs.console.cycles.households')}</dt>
        <dd data-testid="preview-households">{format.number(preview.households)}</dd>
        <dt>{t('programs.console.cycles.evaluated')}</dt>
        <dd data-testid="preview-evaluated">{format.number(preview.subjectsEvaluated)}</dd>
        <dt>{t('programs.console.cycles.eligible')}</dt>
        <dd data-testid="preview-eligible">{format.number(preview.eligible)}</dd>
        <dt>{t('programs.console.cycles.notComputed')}</dt>
        <dd data-testid="preview-not-computed">{format.number(preview.notComputed)}</dd>
      </dl>
      <TotalsFacts totals={preview} budget={preview.budget} measure={preview.measure} currency={preview.currency} testId="preview-totals" />
      <h5 className="h5">{t('programs.console.cycles.byPoint')}</h5>
      <ByPointTable rows={preview.byDistributionPoint} measure={preview.measure} testId="preview-by-point" />
    </section>
  );
}
