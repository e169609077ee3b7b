import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleChange } from '../../api/contracts.ts';
import { getCycleChanges } from '../../api/cycles.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { useCycleFormat } from './cycle-figures.tsx';

type Facts = CycleChange['now']['facts'];

/**
 * The registry changes since a cycle started that bear on its decisions: what the cycle
 * approved beside what the same rule decides on the records now, with the facts that
 * changed. Approved entitlements stay as they are; this is for the next cycle. Each
 * household read is audited, so the list is asked for, not loaded with the page.
 */
export function CycleChanges({ code, period, measure }: { code: string; period: string; measure: string }) {
  const { t } = useTranslation();
  const format = useCycleFormat();
  const [items, setItems] = useState<CycleChange[]>();
  const [next, setNext] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  const load = async (after?: string) => {
    setWorking(true);
    setError(undefined);
    try {
      const page = await getCycleChanges(code, period, after);
      setItems((list) => [...(after ? (list ?? []) : []), ...page.items]);
      setNext(page.next);
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };

  const factValue = (v: Facts[string] | undefined) =>
    v === undefined || v === null
      ? t('programs.console.explain.notRecorded')
      : typeof v === 'boolean'
        ? t(v ? 'programs.console.explain.true' : 'programs.console.explain.false')
        : typeof v === 'number'
          ? format.number(v)
          : v;

  return (
    <section className="cycle-changes" aria-labelledby={`changes-${period}`} data-testid="cycle-changes">
      <h5 className="h5" id={`changes-${period}`}>
        {t('programs.console.changes.title')}
      </h5>
      <p className="hint">{t('programs.console.changes.intro')}</p>
      {items === undefined && (
        <button type="button" onClick={() => void load()} disabled={working} data-testid="changes-load">
          {working ? t('app.loading') : t('programs.console.changes.show')}
        </button>
      )}
      <ProblemMessage error={error} testId="changes-error" />
      {items && items.length === 0 && (
        <p className="empty" data-testid="changes-empty">
          {t('programs.console.changes.none')}
        </p>
      )}
      {items && items.length > 0 && (
        <div className="table-scroll flat">
          <table className="data-table cards-on-phone" data-testid="changes-table">
            <thead>
              <tr>
                <th scope="col">{t('programs.console.changes.household')}</th>
                <th scope="col">{t('programs.console.changes.approved')}</th>
                <th scope="col">{t('programs.console.changes.now')}</th>
                <th scope="col">{t('programs.console.changes.changedFacts')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={`${c.householdId}/${c.personId ?? ''}`} data-testid="change" data-household-id={c.householdId} data-decision-changed={c.decisionChanged}>
                  <td className="card-title">
                    <code className="break">{c.householdId}</code>
                    {c.personId && (
                      <span className="small muted">
                        {' '}
                        {t('programs.console.changes.person')} <code className="break">{c.personId}</code>
                      </span>
                    )}
                    <span className="small muted"> · {c.regionCode}</span>
                    {c.decisionChanged && (
                      <>
                        {' '}
                        <span className="badge badge-decision-changed" data-testid="decision-changed">
                          {t('programs.console.changes.decisionChanged')}
                        </span>
                      </>
                    )}
                  </td>
                  <td data-label={t('programs.console.changes.approved')} data-testid="change-approved">
                    {c.approved ? format.quantity(c.approved.quantity, measure) : <span className="muted">{t('programs.console.changes.nothing')}</span>}
                  </td>
                  <td data-label={t('programs.console.changes.now')} data-testid="change-now">
                    {c.now.eligible && c.now.quantity !== null ? format.quantity(c.now.quantity, measure) : <span className="muted">{t('programs.console.changes.nothing')}</span>}
                  </td>
                  <td data-label={t('programs.console.changes.changedFacts')} data-testid="change-facts">
                    <ul className="plain-list">
                      {c.changedFacts.map((path) => (
                        <li key={path}>
                          <code translate="no">{path}</code>: {c.approved ? `${factValue(c.approved.facts[path])} → ` : ''}
                          {factValue(c.now.facts[path])}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items && next && (
        <button type="button" onClick={() => void load(next)} disabled={working} data-testid="changes-more">
          {working ? t('app.loading') : t('programs.console.changes.more')}
        </button>
      )}
    </section>
  );
}
