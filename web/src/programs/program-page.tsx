import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramDetail, Vocabulary } from '../api/contracts.ts';
import { getProgram, getVocabulary } from '../api/programs.ts';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { ProblemMessage } from '../registry/problem-message.tsx';
import { PROGRAMS_CONSOLE_PATH } from '../console/console-pages.ts';
import { Link } from '../router/link.tsx';
import { CyclesSection } from './cycles/cycles-section.tsx';
import { forgetCreated, wasJustCreated } from './definition/created-notice.ts';
import { DefinitionForm } from './definition/definition-form.tsx';
import { StatusForm } from './definition/status-form.tsx';
import { bilingualText, ProgramFacts, programPath } from './program-parts.tsx';
import { ExplainBox } from './rules/explain-box.tsx';
import { RuleEditor } from './rules/rule-editor.tsx';
import { RuleVersions } from './rules/rule-versions.tsx';
import './program-console.css';

type Panel = 'none' | 'edit' | 'activate' | 'close';
type Notice = 'created' | 'edited' | 'activated' | 'closed' | 'published';

/**
 * A program as its manager sees it: the definition (changed with a reason, never
 * overwritten), activating and closing it, every rule version and the editor of the
 * next one beside what a rule may name, the explanation of one decision, and its cycles.
 */
export function ProgramPage({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [program, setProgram] = useState<ProgramDetail>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<{ kind: Notice; version?: number } | undefined>(() => (wasJustCreated(code) ? { kind: 'created' } : undefined));
  const [vocabulary, setVocabulary] = useState<Vocabulary>();
  const [vocabularyError, setVocabularyError] = useState<unknown>();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => forgetCreated(code), [code]);

  useEffect(() => {
    const abort = new AbortController();
    getProgram(code, abort.signal).then(
      (found) => {
        setProgram(found);
        setError(undefined);
      },
      (failure: unknown) => !abort.signal.aborted && setError(failure),
    );
    return () => abort.abort();
  }, [code, attempt]);

  // What a rule may name depends on the sector and the unit, and on the catalogue: asked again when either may have changed.
  const vocabularyKey = program ? `${program.sector}/${program.unit}/${program.version}/${program.rules.length}` : undefined;
  useEffect(() => {
    if (!vocabularyKey) return;
    const abort = new AbortController();
    getVocabulary(code, abort.signal).then(
      (found) => {
        setVocabulary(found);
        setVocabularyError(undefined);
      },
      (failure: unknown) => !abort.signal.aborted && setVocabularyError(failure),
    );
    return () => abort.abort();
  }, [code, vocabularyKey]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const changed = (kind: Notice, version?: number) => {
    setPanel('none');
    setNotice({ kind, ...(version === undefined ? {} : { version }) });
    reload();
  };
  const open = (next: Panel) => {
    setNotice(undefined);
    setPanel(next);
  };

  const title = program ? bilingualText(program.name, i18n.language) : t('programs.console.program.title');
  const can = (action: ProgramDetail['actions'][number]) => program?.actions.includes(action) ?? false;

  return (
    <>
      <p>
        <Link to={PROGRAMS_CONSOLE_PATH} data-testid="back-to-console-programs">
          {t('programs.console.program.back')}
        </Link>
      </p>
      <PageHeading title={title} testId="console-program-title" />
      {notice && (
        <p className="notice notice-ok" role="status" tabIndex={-1} ref={noticeRef} data-testid="program-notice" data-notice={notice.kind}>
          {t(`programs.console.notices.${notice.kind}`, { version: notice.version ?? 0 })}
        </p>
      )}
      <ProblemMessage error={error} testId="console-program-error" />
      {!program && !error && <Loading />}
      {program && (
        <div data-testid="console-program" data-code={program.code} data-status={program.status} data-version={program.version}>
          <p className="program-head">
            <span className={`badge badge-program-${program.status}`} data-testid="console-program-status">
              {t(`programs.statuses.${program.status}`)}
            </span>{' '}
            <code className="entry-key">{program.code}</code>{' '}
            {program.status !== 'draft' && (
              <Link to={programPath(program.code)} className="small" data-testid="console-program-public">
                {t('programs.console.program.publicPage')}
              </Link>
            )}
          </p>
          <nav className="in-page" aria-label={t('programs.console.program.sections')}>
            <a href="#definition-heading">{t('programs.console.program.definition')}</a>
            <a href="#rules-heading">{t('programs.console.program.rules')}</a>
            {program.rules.length > 0 && <a href="#explain-heading">{t('programs.console.explain.title')}</a>}
            <a href="#cycles-heading">{t('programs.console.cycles.title')}</a>
          </nav>

          <section className="program-section" aria-labelledby="definition-heading">
            <h2 id="definition-heading" className="section-heading">
              {t('programs.console.program.definition')}
            </h2>
            <div className="card" data-testid="program-definition">
              <p className="lead" data-testid="console-program-description">
                {bilingualText(program.description, i18n.language)}
              </p>
              <ProgramFacts program={program}>
                <dt>{t('programs.console.fields.currency')}</dt>
                <dd data-testid="console-program-currency">{program.currency}</dd>
                <dt>{t('programs.console.program.version')}</dt>
                <dd data-testid="console-program-version">
                  {t('programs.console.program.versionText', { version: program.version, name: program.updatedBy, time: format.dateTime(program.updatedAt) })}
                </dd>
                {program.activatedAt && (
                  <>
                    <dt>{t('programs.fields.activatedAt')}</dt>
                    <dd>{format.dateTime(program.activatedAt)}</dd>
                  </>
                )}
                {program.closedAt && (
                  <>
                    <dt>{t('programs.fields.closedAt')}</dt>
                    <dd>{format.dateTime(program.closedAt)}</dd>
                  </>
                )}
              </ProgramFacts>
              {program.status === 'draft' && (
                <p className="notice notice-info" data-testid="draft-note">
                  {program.rules.length ? t('programs.console.program.draftReady') : t('programs.console.program.draftNeedsRule')}
                </p>
              )}
              {panel === 'none' && (can('edit') || can('activate') || can('close')) && (
                <div className="actions" role="group" aria-label={t('programs.console.program.actions')}>
                  {can('edit') && (
                    <button type="button" onClick={() => open('edit')} data-testid="program-open-edit">
                      {t('programs.console.definition.edit')}
                    </button>
                  )}
                  {can('activate') && (
                    <button type="button" className="primary" onClick={() => open('activate')} data-testid="program-open-activate">
                      {t('programs.console.status.activate')}
                    </button>
                  )}
                  {can('close') && (
                    <button type="button" className="danger" onClick={() => open('close')} data-testid="program-open-close">
                      {t('programs.console.status.close')}
                    </button>
                  )}
                </div>
              )}
            </div>
            {panel === 'edit' && (
              <DefinitionForm
                key={program.version}
                program={program}
                ruled={program.rules.length > 0}
                onSaved={() => changed('edited')}
                onCancel={() => setPanel('none')}
                onReload={reload}
              />
            )}
            {(panel === 'activate' || panel === 'close') && (
              <StatusForm
                key={`${panel}/${program.version}`}
                program={program}
                action={panel}
                onDone={() => changed(panel === 'activate' ? 'activated' : 'closed')}
                onCancel={() => setPanel('none')}
                onReload={reload}
              />
            )}
            <details className="card history" data-testid="program-history">
              <summary>{t('programs.console.program.history', { count: program.history.length })}</summary>
              <ol className="timeline">
                {[...program.history].reverse().map((h) => (
                  <li key={h.version} className="timeline-step" data-testid="program-history-version" data-version={h.version}>
                    <strong>{t('programs.console.program.historyVersion', { version: h.version })}</strong>{' '}
                    <span className="muted">{t('programs.console.rules.publishedBy', { name: h.changedBy, time: format.dateTime(h.changedAt) })}</span>
                    <p className="timeline-reason">{h.reason}</p>
                  </li>
                ))}
              </ol>
            </details>
          </section>

          <section className="program-section" aria-labelledby="rules-heading">
            <h2 id="rules-heading" className="section-heading">
              {t('programs.console.program.rules')}
            </h2>
            <RuleVersions program={program} />
            {can('publish_rule') && <RuleEditor program={program} vocabulary={vocabulary} vocabularyError={vocabularyError} onPublished={(rule) => changed('published', rule.version)} onReload={reload} />}
          </section>

          {program.rules.length > 0 && <ExplainBox program={program} />}

          <CyclesSection key={`${program.code}/${program.status}`} program={program} />
        </div>
      )}
    </>
  );
}
