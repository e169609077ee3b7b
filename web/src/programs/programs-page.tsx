import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Program } from '../api/contracts.ts';
import { listPrograms } from '../api/programs.ts';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { consoleProgramPath, PUBLIC_PROGRAMS_PATH } from '../console/console-pages.ts';
import { ProblemMessage } from '../registry/problem-message.tsx';
import { Link } from '../router/link.tsx';
import { navigate } from '../router/location.ts';
import { useOfficial } from '../session/session.tsx';
import { announceCreated } from './definition/created-notice.ts';
import { NewProgramForm } from './definition/new-program-form.tsx';
import { bilingualText, useProgramFormat } from './program-parts.tsx';
import './program-console.css';

const STATUS_ORDER: Record<Program['status'], number> = { active: 0, draft: 1, closed: 2 };

/**
 * The programs within the official's program scopes, drafts included, each with its
 * status and the rule in force today; and the form that defines a new one.
 */
export function ProgramsPage() {
  const { t, i18n } = useTranslation();
  const format = useProgramFormat();
  const me = useOfficial();
  const [programs, setPrograms] = useState<Program[]>();
  const [error, setError] = useState<unknown>();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    listPrograms(abort.signal).then(setPrograms, (failure: unknown) => !abort.signal.aborted && setError(failure));
    return () => abort.abort();
  }, []);

  const sorted = [...(programs ?? [])].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || bilingualText(a.name, i18n.language).localeCompare(bilingualText(b.name, i18n.language)),
  );
  const scopes = me.programScopes.includes('*') ? t('home.allPrograms') : me.programScopes.join(', ') || t('home.none');

  return (
    <>
      <PageHeading title={t('programs.console.list.title')} testId="console-programs-title" />
      <p className="lead">{t('programs.console.list.intro')}</p>
      <p className="muted small" data-testid="console-programs-scopes">
        {t('programs.console.list.scopes', { scopes })} · <Link to={PUBLIC_PROGRAMS_PATH}>{t('programs.console.list.public')}</Link>
      </p>
      {creating ? (
        <NewProgramForm
          onCreated={(program) => {
            announceCreated(program.code);
            navigate(consoleProgramPath(program.code));
          }}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-program">
            {t('programs.console.create.open')}
          </button>
        </div>
      )}

      <ProblemMessage error={error} testId="console-programs-error" />
      {!programs && !error && <Loading />}
      {programs && programs.length === 0 && (
        <p className="empty" data-testid="console-programs-empty">
          {t('programs.console.list.empty')}
        </p>
      )}
      {sorted.length > 0 && (
        <div className="table-scroll">
          <table className="data-table cards-on-phone" data-testid="console-programs">
            <thead>
              <tr>
                <th scope="col">{t('programs.console.list.program')}</th>
                <th scope="col">{t('programs.console.list.status')}</th>
                <th scope="col">{t('programs.fields.sector')}</th>
                <th scope="col">{t('programs.fields.frequency')}</th>
                <th scope="col">{t('programs.console.list.rule')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => (
                <tr key={p.code} data-testid="console-program-row" data-code={p.code} data-status={p.status}>
                  <td className="card-title">
                    <Link to={consoleProgramPath(p.code)} data-testid="console-program-link">
                      {bilingualText(p.name, i18n.language)}
                    </Link>{' '}
                    <code className="entry-key small">{p.code}</code>
                  </td>
                  <td data-label={t('programs.console.list.status')}>
                    <span className={`badge badge-program-${p.status}`} data-testid="console-program-row-status">
                      {t(`programs.statuses.${p.status}`)}
                    </span>
                  </td>
                  <td data-label={t('programs.fields.sector')}>{t(`catalogue.sectors.${p.sector}`)}</td>
                  <td data-label={t('programs.fields.frequency')}>{t(`programs.frequencies.${p.frequency}`)}</td>
                  <td data-label={t('programs.console.list.rule')} data-testid="console-program-row-rule">
                    {p.currentRule ? (
                      <>
                        <span>{t('programs.console.list.ruleInForce', { version: p.currentRule.version, date: format.day(p.currentRule.validFrom) })}</span>
                        <code className="rule-inline" translate="no">
                          {p.currentRule.eligibility}
                        </code>
                      </>
                    ) : (
                      <span className="muted">{t('programs.console.list.noRule')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
