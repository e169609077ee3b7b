import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/contracts.ts';
import { actorRoleLabel, enumLabel } from '../i18n/enum-label.ts';
import { useFormat } from '../i18n/use-format.ts';

/** The entries of the log, newest first. Long identifiers are shortened, whole on demand. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const column = (key: 'time' | 'official' | 'role' | 'purpose' | 'action' | 'outcome' | 'subject' | 'request' | 'hash' | 'detail') =>
    t(`audit.columns.${key}`);

  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('audit.title')}>
      <table className="data-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{column('time')}</th>
            <th scope="col">{column('official')}</th>
            <th scope="col">{column('role')}</th>
            <th scope="col">{column('purpose')}</th>
            <th scope="col">{column('action')}</th>
            <th scope="col">{column('outcome')}</th>
            <th scope="col">{column('subject')}</th>
            <th scope="col">{column('request')}</th>
            <th scope="col">{column('hash')}</th>
            <th scope="col">{column('detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row" data-action={entry.action} data-actor={entry.actorName} data-outcome={entry.outcome}>
              <td className="nowrap">
                <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
              </td>
              <td data-testid="audit-actor">{entry.actorName}</td>
              <td>{actorRoleLabel(t, entry.role)}</td>
              <td>{enumLabel(t, 'purposes', entry.purpose)}</td>
              <td data-testid="audit-action">{enumLabel(t, 'actions', entry.action)}</td>
              <td>
                <span className={`outcome outcome-${entry.outcome}`}>{t(`outcomes.${entry.outcome}`)}</span>
              </td>
              <td>{entry.subjectType ? `${enumLabel(t, 'subjects', entry.subjectType)} ${shorten(entry.subjectId)}` : ''}</td>
              <td className="mono" title={entry.requestId ?? undefined}>
                {entry.requestId ? shorten(entry.requestId) : t('audit.noRequest')}
              </td>
              <td className="mono" title={entry.hash}>
                {entry.hash.slice(0, 12)}
              </td>
              <td>
                <details>
                  <summary>{t('audit.detailSummary')}</summary>
                  <p>{t('audit.chainPosition', { chain: entry.chain, seq: entry.seq })}</p>
                  <dl className="entry-detail">
                    <dt>{t('audit.fullHash')}</dt>
                    <dd className="mono break">{entry.hash}</dd>
                    {entry.requestId && (
                      <>
                        <dt>{t('audit.fullRequest')}</dt>
                        <dd className="mono break">{entry.requestId}</dd>
                      </>
                    )}
                  </dl>
                  {Object.keys(entry.detail).length > 0 && <pre className="detail-json">{JSON.stringify(entry.detail, null, 2)}</pre>}
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The first block of a UUID is enough to tell entries apart on screen; the title has it all. */
const shorten = (id: string | null) => (id && id.length > 13 ? `${id.slice(0, 8)}…` : (id ?? ''));
