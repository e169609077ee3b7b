import { useTranslation } from 'react-i18next';
import type { ProgramDetail, RuleVersion } from '../../api/contracts.ts';
import { RuleMoney, RuleTexts, useProgramFormat } from '../program-parts.tsx';

/**
 * Every version of the program's rule, newest first, with its state today (scheduled,
 * in force, ended, never in force), its days, its money, what it reads, who published
 * it and why. What the public page shows, plus the official's name.
 */
export function RuleVersions({ program }: { program: ProgramDetail }) {
  const { t } = useTranslation();
  const versions = [...program.rules].sort((a, b) => b.version - a.version);
  if (versions.length === 0) {
    return (
      <p className="empty" data-testid="console-rule-versions-empty">
        {t('programs.console.rules.none')}
      </p>
    );
  }
  return (
    <ol className="rule-versions" reversed data-testid="console-rule-versions">
      {versions.map((rule) => (
        <VersionItem key={rule.version} program={program} rule={rule} />
      ))}
    </ol>
  );
}

function VersionItem({ program, rule }: { program: ProgramDetail; rule: RuleVersion }) {
  const { t } = useTranslation();
  const format = useProgramFormat();
  return (
    <li className={`card rule-version rule-${rule.state}`} data-testid="console-rule-version" data-version={rule.version} data-state={rule.state}>
      <details open={rule.state === 'in_force' || rule.state === 'scheduled'}>
        <summary>
          <span className="h3">{t('programs.public.versionTitle', { version: rule.version })}</span>{' '}
          <span className={`badge badge-rule-${rule.state}`} data-testid="console-rule-state">
            {t(`programs.states.${rule.state}`)}
          </span>{' '}
          <span className="muted small">
            {rule.validUntil
              ? t('programs.console.rules.between', { from: format.day(rule.validFrom), until: format.day(rule.validUntil) })
              : rule.state === 'never_in_force'
                ? t('programs.public.never')
                : t('programs.console.rules.from', { from: format.day(rule.validFrom) })}
          </span>
        </summary>
        <dl className="facts program-facts">
          <RuleMoney program={program} rule={rule} />
          {rule.costPerUnit !== null && (
            <>
              <dt>{t('programs.console.rules.cost')}</dt>
              <dd data-testid="console-rule-cost">{t('programs.pricePer', { amount: format.money(rule.costPerUnit, rule.currency), measure: program.measure })}</dd>
            </>
          )}
          <dt>{t('programs.fields.reason')}</dt>
          <dd data-testid="console-rule-reason">{rule.reason}</dd>
          <dt>{t('programs.console.rules.published')}</dt>
          <dd>{t('programs.console.rules.publishedBy', { name: rule.publishedBy, time: format.dateTime(rule.publishedAt) })}</dd>
          <dt>{t('programs.console.rules.reads')}</dt>
          <dd data-testid="console-rule-reads">
            {rule.references.length === 0
              ? t('programs.console.rules.readsNothing')
              : rule.references.map((r, i) => (
                  <span key={r.path}>
                    {i > 0 && ', '}
                    <code translate="no">{r.path}</code>
                  </span>
                ))}
          </dd>
        </dl>
        <RuleTexts rule={rule} />
      </details>
    </li>
  );
}
