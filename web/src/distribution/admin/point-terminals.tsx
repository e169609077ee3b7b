import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionPoint, RegisteredTerminal, Terminal } from '../../api/contracts.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { EnrolmentCodeNotice } from './enrolment-code-notice.tsx';
import { registerTerminal, revokeTerminal } from './points-api.ts';

/**
 * The point's terminals: register one (its one-time enrolment code is shown once, here),
 * and revoke one with a reason — from the next request on, the terminal is refused.
 */
export function PointTerminals({ point, terminals, onChanged }: { point: DistributionPoint; terminals: Terminal[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [label, setLabel] = useState('');
  const [registered, setRegistered] = useState<RegisteredTerminal>();
  const [revoking, setRevoking] = useState<string>();
  const [reason, setReason] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  const act = async (work: () => Promise<void>) => {
    setWorking(true);
    setError(undefined);
    try {
      await work();
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };
  const register = (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim()) return;
    void act(async () => {
      setRegistered(await registerTerminal(point.code, label.trim()));
      setLabel('');
    });
  };
  const revoke = (event: FormEvent) => {
    event.preventDefault();
    if (!revoking || reason.trim().length < 3) return;
    void act(async () => {
      await revokeTerminal(revoking, reason.trim());
      setRevoking(undefined);
      setReason('');
    });
  };

  return (
    <section aria-labelledby="point-terminals-heading">
      <h2 id="point-terminals-heading" className="section-heading">
        {t('points.terminals.title')}
      </h2>
      {registered && <EnrolmentCodeNotice registered={registered} onDone={() => setRegistered(undefined)} />}
      {terminals.length === 0 ? (
        <p className="empty" data-testid="point-terminals-empty">
          {t('points.terminals.none')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table cards-on-phone" data-testid="point-terminals">
            <thead>
              <tr>
                <th scope="col">{t('points.terminals.label')}</th>
                <th scope="col">{t('points.fields.status')}</th>
                <th scope="col">{t('points.terminals.registered')}</th>
                <th scope="col">{t('points.terminals.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {terminals.map((x) => (
                <tr key={x.id} data-testid="point-terminal" data-state={x.state}>
                  <td className="card-title">
                    {x.label} <code className="small muted">{x.id.slice(0, 8)}</code>
                  </td>
                  <td data-label={t('points.fields.status')}>
                    <span className={`badge badge-terminal-${x.state}`}>{t(`points.terminals.states.${x.state}`)}</span>
                    <div className="muted small">
                      {x.state === 'enrolled' && x.enrolledAt && t('points.terminals.enrolledAt', { date: format.dateTime(x.enrolledAt) })}
                      {x.state === 'awaiting_enrolment' && t('points.terminals.expiresAt', { date: format.dateTime(x.enrolmentExpiresAt) })}
                      {x.state === 'revoked' && x.revokedAt && t('points.terminals.revokedAt', { date: format.dateTime(x.revokedAt), name: x.revokedByName, reason: x.revocationReason })}
                    </div>
                  </td>
                  <td data-label={t('points.terminals.registered')}>{t('points.detail.createdBy', { date: format.date(x.registeredAt), name: x.registeredByName })}</td>
                  <td data-label={t('points.terminals.actions')}>
                    {x.state !== 'revoked' &&
                      (revoking === x.id ? (
                        <form onSubmit={revoke} className="stack" data-testid="terminal-revoke-form">
                          <label htmlFor={`revoke-${x.id}`}>{t('points.terminals.reason')}</label>
                          <input id={`revoke-${x.id}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="terminal-revoke-reason" />
                          <div className="actions">
                            <button type="submit" className="danger" disabled={working || reason.trim().length < 3} data-testid="terminal-revoke-confirm">
                              {t('points.terminals.revokeConfirm')}
                            </button>
                            <button type="button" onClick={() => setRevoking(undefined)} disabled={working}>
                              {t('registry.cancel')}
                            </button>
                          </div>
                        </form>
                      ) : (
                        <button type="button" onClick={() => setRevoking(x.id)} data-testid="terminal-revoke">
                          {t('points.terminals.revoke')}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {point.status === 'active' && (
        <form className="filters-inline" onSubmit={register} data-testid="terminal-register-form">
          <div className="field">
            <label htmlFor="terminal-label">{t('points.terminals.newLabel')}</label>
            <input id="terminal-label" value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} placeholder={t('points.terminals.labelExample')} data-testid="terminal-label" />
          </div>
          <button type="submit" className="primary" disabled={working || !label.trim()} data-testid="terminal-register">
            {t('points.terminals.register')}
          </button>
        </form>
      )}
      <ProblemMessage error={error} testId="point-terminals-error" />
    </section>
  );
}
