import { useTranslation } from 'react-i18next';
import type { PublicProgram } from '../api/contracts.ts';
import { Loading } from '../components/loading.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { PUBLIC_CATALOGUE_PATH } from '../console/console-pages.ts';
import { ProblemMessage } from '../registry/problem-message.tsx';
import { Link } from '../router/link.tsx';
import { PublicFrame } from '../components/public-frame.tsx';
import { bilingualText, ProgramFacts, programPath, RuleMoney, RuleTexts, useProgramFormat } from './program-parts.tsx';
import { usePublicPrograms } from './use-public-programs.ts';

/**
 * The programs in operation or closed, for anyone, without signing in: what each gives,
 * to whom and how often, at what price and budget, and the rule in force today, word
 * for word. Each links to its page with every rule version it published.
 */
export function PublicProgramsPage({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const { value: programs, error } = usePublicPrograms();
  // Those in operation first, then the closed ones; by name in the language shown.
  const sorted = [...(programs ?? [])].sort(
    (a, b) =>
      Number(a.status === 'closed') - Number(b.status === 'closed') ||
      bilingualText(a.name, i18n.language).localeCompare(bilingualText(b.name, i18n.language)),
  );

  return (
    <PublicFrame signedIn={signedIn} testId="public-programs">
      <PageHeading title={t('programs.public.title')} testId="programs-title" />
      <p className="lead">{t('programs.public.intro')}</p>
      <ProblemMessage error={error} testId="programs-error" />
      {!programs && !error && <Loading />}
      {programs && programs.length === 0 && (
        <p className="empty" data-testid="programs-empty">
          {t('programs.public.empty')}
        </p>
      )}
      {sorted.length > 0 && (
        <>
          <p className="muted" role="status" data-testid="programs-count">
            {t('programs.public.count', { count: sorted.filter((p) => p.status === 'active').length })}
          </p>
          <ul className="program-list" data-testid="programs">
            {sorted.map((program) => (
              <ProgramCard key={program.code} program={program} />
            ))}
          </ul>
        </>
      )}
      <p className="muted small">
        {t('programs.public.catalogue')} <Link to={PUBLIC_CATALOGUE_PATH}>{t('loginFooter.catalogue')}</Link>
      </p>
      <p className="muted small">
        {t('programs.public.api')} <a href="/api/public/programs">/api/public/programs</a>
      </p>
    </PublicFrame>
  );
}

function ProgramCard({ program }: { program: PublicProgram }) {
  const { t, i18n } = useTranslation();
  const format = useProgramFormat();
  const rule = program.currentRule;
  return (
    <li className={`card program program-${program.status}`} data-testid="program" data-code={program.code} data-status={program.status}>
      <h2 className="h3">
        <Link to={programPath(program.code)} data-testid="program-link">
          <span data-testid="program-name">{bilingualText(program.name, i18n.language)}</span>
        </Link>{' '}
        <code className="entry-key">{program.code}</code>
      </h2>
      <p className={`badge badge-program-${program.status}`} data-testid="program-status">
        {t(`programs.statuses.${program.status}`)}
      </p>
      <p>{bilingualText(program.description, i18n.language)}</p>
      <ProgramFacts program={program}>{rule && <RuleMoney program={program} rule={rule} />}</ProgramFacts>
      {rule ? (
        <section className="current-rule" data-testid="current-rule" data-version={rule.version}>
          <h3>{t('programs.public.ruleInForce', { version: rule.version, date: format.day(rule.validFrom) })}</h3>
          <RuleTexts rule={rule} />
        </section>
      ) : (
        <p className="muted" data-testid="no-current-rule">
          {t('programs.public.noRuleInForce')}
        </p>
      )}
      <p>
        <Link to={programPath(program.code)} data-testid="program-versions-link">
          {t('programs.public.seeVersions')}
        </Link>
      </p>
    </li>
  );
}
