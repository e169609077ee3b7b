import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionView } from '../api/contracts.ts';
import { useFormat } from '../i18n/use-format.ts';
import { versionChanges } from './version-diff.ts';

interface HistoryTimelineProps {
  versions: readonly VersionView[];
  /** The name of a field as the official knows it. */
  label: (field: string) => string;
  /** A value as the official reads it. */
  value: (field: string, value: unknown) => ReactNode;
}

/**
 * Every version of a record, newest first: when, who, why, and each field that
 * changed with its value before and after. Nothing is ever overwritten, so this is the
 * whole story of the record.
 */
export function HistoryTimeline({ versions, label, value }: HistoryTimelineProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const steps = versionChanges(versions).reverse();
  // The server's own default reasons are words of the code; anything an official wrote is shown as written.
  const reasonText = (reason: string) => (reason === 'enrolment' || reason === 'import' ? t(`registry.history.defaultReasons.${reason}`) : reason);
  const empty = <span className="muted">{t('registry.history.empty')}</span>;
  const shown = (field: string, v: unknown) => (v === null || v === undefined || v === '' ? empty : value(field, v));

  return (
    <ol className="timeline" data-testid="history">
      {steps.map(({ version, changes }) => (
        <li key={version.version} className="timeline-step" data-testid="history-version" data-version={version.version}>
          <p className="timeline-head">
            <strong>{t('registry.history.version', { version: version.version })}</strong>
            <span className="muted">
              {' · '}
              <time dateTime={version.changedAt}>{format.dateTime(version.changedAt)}</time>
              {' · '}
              {t('registry.history.by', { name: version.changedBy })}
            </span>
          </p>
          <p className="timeline-reason">
            <span className="muted">{t('registry.history.reason')}</span> <span data-testid="history-reason">{reasonText(version.reason)}</span>
          </p>
          {version.version === 1 || (changes.length === 0 && version === versions[0]) ? (
            <p className="muted">{t('registry.history.created')}</p>
          ) : changes.length === 0 ? (
            <p className="muted">{t('registry.history.noChange')}</p>
          ) : (
            <table className="changes" data-testid="history-changes">
              <caption className="visually-hidden">{t('registry.history.changesCaption', { version: version.version })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registry.history.field')}</th>
                  <th scope="col">{t('registry.history.before')}</th>
                  <th scope="col">{t('registry.history.after')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.field} data-testid="history-change" data-field={c.field}>
                    <th scope="row">{label(c.field)}</th>
                    <td className="before">{shown(c.field, c.before)}</td>
                    <td className="after">{shown(c.field, c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}
