import { useTranslation } from 'react-i18next';
import type { PublicProgramDetail, PublicRuleVersion } from '../api/contracts.ts';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { PUBLIC_PROGRAMS_PATH } from '../console/console-pages.ts';
import { ProblemMessage } from '../registry/problem-message.tsx';
import { Link } from '../router/link.tsx';
import { PublicFrame } from '../components/public-frame.tsx';
import { bilingualText, ProgramFacts, RuleMoney, RuleTexts, useProgramFormat } from './program-parts.tsx';
import { usePublicProgram } from './use-public-programs.ts';

/**
 * One program, for anyone, without signing in: what it gives and to whom, and every
 * rule version it ever published, newest first, with the days each was in force, its
 * price, budget and reason, word for word as the server keeps it.
 */
export function PublicProgramPage({ code, signedIn }: { code: string; signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const { value: program, error } = usePublicProgram(code);
  const title = program ? bilingualText(program.name, i18n.language) : t('programs.public.programTitle');

  return (
    <PublicFrame signedIn={signedIn} testId="public-program">
      <p>
        <Link to={PUBLIC_PROGRAMS_PATH} data-testid="back-to-programs">
          {t('programs.public.allPrograms')}
        </Link>
      </p>
      <PageHeading title={title} testId="program-title" />
      <ProblemMessage error={error} testId="program-error" />
      {!program && !error && <Loading />}
      {program && <ProgramDetail program={program} />}
    </PublicFrame>
  );
}

function ProgramDetail({ program }: { program: PublicProgramDetail }) {
  const { t, i18n } = useTranslation();
  const format = useProgramFormat();
  const versions = [...program.rules].sort((a, b) => b.version - a.version);
  return (
    <div data-testid="program" data-code={program.code} data-status={program.status}>
      <p>
        <span className={`badge badge-program-${program.status}`} data-testid="program-status">
          {t(`programs.statuses.${program.status}`)}
        </span>{' '}
        <code className="entry-key">{program.code}</code>
      </p>
      <p className="lead">{bilingualText(program.description, i18n.language)}</p>
      <ProgramFacts program={program}>
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
      <h2 className="section-heading">{t('programs.public.versionsTitle')}</h2>
      <p className="muted" data-testid="rule-count">
        {t('programs.public.versionCount', { count: versions.length })}
      </p>
      <ol className="rule-versions" data-testid="rule-versions" reversed>
        {versions.map((rule) => (
          <RuleVersionCard key={rule.version} program={program} rule={rule} />
        ))}
      </ol>
      <p className="muted small">
        {t('programs.public.api')}{' '}
        <a href={`/api/public/programs/${encodeURIComponent(program.code)}`}>/api/public/programs/{program.code}</a>
      </p>
    </div>
  );
}

function RuleVersionCard({ program, rule }: { program: PublicProgramDetail; rule: PublicRuleVersion }) {
  const { t } = useTranslation();
  const format = useProgramFormat();
  return (
    <li className={`card rule-version rule-${rule.state}`} data-testid="rule-version" data-version={rule.version} data-state={rule.state}>
      <h3 className="h3">
        {t('programs.public.versionTitle', { version: rule.version })}{' '}
        <span className={`badge badge-rule-${rule.state}`} data-testid="rule-state">
          {t(`programs.states.${rule.state}`)}
        </span>
      </h3>
      <dl className="facts program-facts">
        <dt>{t('programs.fields.validFrom')}</dt>
        <dd data-testid="rule-valid-from">{format.day(rule.validFrom)}</dd>
        <dt>{t('programs.fields.validUntil')}</dt>
        <dd data-testid="rule-valid-until">
          {rule.validUntil ? format.day(rule.validUntil) : rule.state === 'never_in_force' ? t('programs.public.never') : t('programs.public.openEnded')}
        </dd>
        <RuleMoney program={program} rule={rule} />
        <dt>{t('programs.fields.reason')}</dt>
        <dd data-testid="rule-reason">{rule.reason}</dd>
        <dt>{t('programs.fields.publishedAt')}</dt>
        <dd>{format.dateTime(rule.publishedAt)}</dd>
      </dl>
      <RuleTexts rule={rule} />
    </li>
  );
}
