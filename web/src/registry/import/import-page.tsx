import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../api/contracts.ts';
import { importPersons } from '../../api/registry.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { Link } from '../../router/link.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { ATTRIBUTE_COLUMN_PREFIX, IMPORT_COLUMNS, templateCsv } from './import-columns.ts';
import { rejectedRowsCsv } from './rejected-rows-csv.ts';

/** Where the columns are documented, in the project's sources. */
const COLUMNS_DOC = 'docs/registry-import.md';

/**
 * Imports persons from a CSV file: the server keeps the good rows, reports every bad
 * one with its line and reason, creates nothing twice when the same file comes again,
 * and puts the possible duplicates it finds into the review queue.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [file, setFile] = useState<File>();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [report, setReport] = useState<{ report: ImportReport; name: string; text: string }>();
  const [noFile, setNoFile] = useState(false);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (report) reportHeading.current?.focus();
  }, [report]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setNoFile(true);
      document.getElementById('import-file')?.focus();
      return;
    }
    setNoFile(false);
    setWorking(true);
    setError(undefined);
    setReport(undefined);
    try {
      const [result, text] = await Promise.all([importPersons(file), file.text()]);
      setReport({ report: result, name: file.name, text });
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };

  return (
    <>
      <PageHeading title={t('registry.import.title')} testId="import-title" />
      <p className="lead">{t('registry.import.intro')}</p>
      <ImportColumns />
      <form className="card stack" onSubmit={submit} noValidate data-testid="import-form">
        <div className="field">
          <label htmlFor="import-file">{t('registry.import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setNoFile(false);
            }}
            aria-invalid={noFile || undefined}
            aria-describedby={noFile ? 'import-file-problem' : 'import-file-hint'}
            data-testid="import-file"
          />
          <p className="hint" id="import-file-hint">
            {file ? t('registry.import.chosen', { name: file.name, size: format.number(Math.ceil(file.size / 1024)) }) : t('registry.import.fileHint')}
          </p>
          {noFile && (
            <p className="field-problem" id="import-file-problem">
              {t('registry.import.noFile')}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={working} data-testid="import-submit">
            {working ? t('registry.import.working') : t('registry.import.submit')}
          </button>
        </div>
        {working && (
          <div role="status" className="progress-line">
            <progress aria-label={t('registry.import.working')} />
            <span className="muted">{t('registry.import.patience')}</span>
          </div>
        )}
      </form>
      <ProblemMessage error={error} testId="import-error" />
      {report && <Report {...report} headingRef={reportHeading} />}
    </>
  );
}

function Report({ report, name, text, headingRef }: { report: ImportReport; name: string; text: string; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!report.rejected.length) return;
    const made = URL.createObjectURL(new Blob([rejectedRowsCsv(text, report.rejected)], { type: 'text/csv;charset=utf-8' }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [report, text]);
  const errorFileName = `${name.replace(/\.csv$/i, '')}-errors.csv`;

  return (
    <section className="card" aria-labelledby="import-report" data-testid="import-report">
      <h2 id="import-report" ref={headingRef} tabIndex={-1}>
        {t('registry.import.report', { name })}
      </h2>
      <dl className="facts counts">
        <dt>{t('registry.import.rows')}</dt>
        <dd data-testid="import-rows">{format.number(report.rows)}</dd>
        <dt>{t('registry.import.households')}</dt>
        <dd data-testid="import-households">{format.number(report.households)}</dd>
        <dt>{t('registry.import.persons')}</dt>
        <dd data-testid="import-persons">{format.number(report.persons)}</dd>
        <dt>{t('registry.import.alreadyImported')}</dt>
        <dd data-testid="import-already">{format.number(report.alreadyImported)}</dd>
        <dt>{t('registry.import.rejected')}</dt>
        <dd data-testid="import-rejected-count">{format.number(report.rejected.length)}</dd>
        <dt>{t('registry.import.duplicatePairs')}</dt>
        <dd data-testid="import-pairs">
          {format.number(report.duplicatePairs)}
          {report.duplicatePairs > 0 && (
            <>
              {' — '}
              <Link to="/console/review-queue">{t('registry.import.review')}</Link>
            </>
          )}
        </dd>
      </dl>
      {report.rejected.length === 0 ? (
        <p className="notice notice-ok" data-testid="import-all-good">
          {t('registry.import.allGood')}
        </p>
      ) : (
        <>
          <p className="notice notice-error">{t('registry.import.someRejected', { count: report.rejected.length })}</p>
          {url && (
            <p>
              <a className="button-like" href={url} download={errorFileName} data-testid="import-error-file">
                {t('registry.import.download', { file: errorFileName })}
              </a>
            </p>
          )}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('registry.import.rejectedRows')}>
            <table className="data-table" data-testid="import-rejected">
              <thead>
                <tr>
                  <th scope="col">{t('registry.import.line')}</th>
                  <th scope="col">{t('registry.import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {[...report.rejected].sort((a, b) => a.line - b.line).slice(0, 200).map((r) => (
                  <tr key={`${r.line}-${r.reason}`} data-testid="import-rejected-row" data-line={r.line}>
                    <td>{r.line}</td>
                    <td lang="en">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.rejected.length > 200 && <p className="muted">{t('registry.import.moreInFile', { count: report.rejected.length - 200 })}</p>}
        </>
      )}
    </section>
  );
}

/** The columns, required ones marked, a template to start from, and where they are documented. */
function ImportColumns() {
  const { t } = useTranslation();
  const [template, setTemplate] = useState<string>();
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }));
    setTemplate(made);
    return () => URL.revokeObjectURL(made);
  }, []);
  return (
    <details className="card columns" data-testid="import-columns">
      <summary>{t('registry.import.columnsTitle')}</summary>
      <p>{t('registry.import.columnsIntro')}</p>
      <ul className="column-list">
        {Object.entries(IMPORT_COLUMNS).map(([name, required]) => (
          <li key={name}>
            <code>{name}</code>
            {required && <span className="required-mark"> {t('registry.required')}</span>}
          </li>
        ))}
        <li>
          <code>{ATTRIBUTE_COLUMN_PREFIX}&lt;key&gt;</code> <span className="muted">{t('registry.import.attributeColumns')}</span>
        </li>
      </ul>
      <p className="muted">
        {t('registry.import.columns')} <code>{COLUMNS_DOC}</code>
        {template && (
          <>
            {' · '}
            <a href={template} download="amparo-import-template.csv" data-testid="import-template">
              {t('registry.import.template')}
            </a>
          </>
        )}
      </p>
    </details>
  );
}
