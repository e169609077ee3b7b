import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicProgram, PublicRuleVersion } from '../api/contracts.ts';
import { PUBLIC_PROGRAMS_PATH } from '../console/console-pages.ts';
import { useFormat } from '../i18n/use-format.ts';
import { Link } from '../router/link.tsx';
import { moneyText } from './money-text.ts';

export const programPath = (code: string) => `${PUBLIC_PROGRAMS_PATH}/${encodeURIComponent(code)}`;

/** The program's or the rule's text in the language shown, else Spanish. */
export const bilingualText = (text: { es: string; en: string }, language: string) => (language.startsWith('en') ? text.en : text.es);

/** Amounts exactly as published, with the locale's separators; dates of rules are calendar days (UTC). */
export function useProgramFormat() {
  const format = useFormat();
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    return {
      ...format,
      money: (amount: string, currency: string) => `${moneyText(amount, format.locale)} ${currency}`,
      /** A 'YYYY-MM-DD' day as the locale writes it, the same day wherever the reader is. */
      day: (isoDay: string) => (/^\d{4}-\d{2}-\d{2}$/.test(isoDay) ? day.format(new Date(`${isoDay}T00:00:00Z`)) : isoDay),
    };
  }, [format]);
}

/** What a program is: sector, for whom, the benefit, how often. */
export function ProgramFacts({ program, children }: { program: PublicProgram; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const item = bilingualText(program.item, i18n.language);
  return (
    <dl className="facts program-facts">
      <dt>{t('programs.fields.sector')}</dt>
      <dd data-testid="program-sector">{t(`catalogue.sectors.${program.sector}`)}</dd>
      <dt>{t('programs.fields.unit')}</dt>
      <dd data-testid="program-unit">{t(`programs.units.${program.unit}`)}</dd>
      <dt>{t('programs.fields.benefit')}</dt>
      <dd data-testid="program-benefit">
        {program.benefitKind === 'cash'
          ? t('programs.benefit.cash', { item, currency: program.currency })
          : t('programs.benefit.in_kind', { item, measure: program.measure })}
      </dd>
      <dt>{t('programs.fields.frequency')}</dt>
      <dd data-testid="program-frequency">{t(`programs.frequencies.${program.frequency}`)}</dd>
      {program.distributionPoints.length > 0 && (
        <>
          <dt>{t('programs.fields.distributionPoints')}</dt>
          <dd>
            {program.distributionPoints.map((p, i) => (
              <span key={p}>
                {i > 0 && ', '}
                <code>{p}</code>
              </span>
            ))}
          </dd>
        </>
      )}
      {children}
    </dl>
  );
}

/** Price per unit and budget per cycle of one rule version, as definition-list rows. */
export function RuleMoney({ program, rule }: { program: PublicProgram; rule: PublicRuleVersion }) {
  const { t } = useTranslation();
  const format = useProgramFormat();
  return (
    <>
      <dt>{t('programs.fields.price')}</dt>
      <dd data-testid="rule-price">
        {t('programs.pricePer', { amount: format.money(rule.pricePerUnit, rule.currency), measure: program.measure })}
      </dd>
      <dt>{t('programs.fields.budget')}</dt>
      <dd data-testid="rule-budget">{format.money(rule.budgetPerCycle, rule.currency)}</dd>
    </>
  );
}

/** The rule as published: who is eligible and how much is due, verbatim, in monospace. */
export function RuleTexts({ rule }: { rule: PublicRuleVersion }) {
  const { t } = useTranslation();
  return (
    <div className="rule-texts">
      <p className="rule-text-label">{t('programs.fields.eligibility')}</p>
      <pre className="rule-text mono" data-testid="rule-eligibility" lang="en" translate="no">
        {rule.eligibility}
      </pre>
      <p className="rule-text-label">{t('programs.fields.quantity')}</p>
      <pre className="rule-text mono" data-testid="rule-quantity" lang="en" translate="no">
        {rule.quantity}
      </pre>
    </div>
  );
}
