import { useTranslation } from 'react-i18next';
import type { Vocabulary, VocabularyFact } from '../../api/contracts.ts';
import { Loading } from '../../components/loading.tsx';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { bilingualText } from '../program-parts.tsx';

const ORIGIN_ORDER: Record<VocabularyFact['origin'], number> = { derived: 0, attribute: 1, members_with: 2, sum: 3 };

/**
 * What a rule of this program may name, beside the editor: every fact with its type, its
 * allowed values and what it means, and each catalogue attribute the program may not
 * use with the reason (another sector's purpose, retired, about cards or enrolment).
 * A fact's name is a button that writes it into the expression being edited.
 */
export function VocabularyPanel({ vocabulary, error, onInsert }: { vocabulary: Vocabulary | undefined; error: unknown; onInsert?: (path: string) => void }) {
  const { t, i18n } = useTranslation();
  const facts = [...(vocabulary?.facts ?? [])].sort((a, b) => ORIGIN_ORDER[a.origin] - ORIGIN_ORDER[b.origin] || a.path.localeCompare(b.path));
  return (
    <aside className="card vocabulary" aria-labelledby="vocabulary-heading" data-testid="vocabulary">
      <h3 id="vocabulary-heading">{t('programs.console.vocabulary.title')}</h3>
      <ProblemMessage error={error} testId="vocabulary-error" />
      {!vocabulary && !error && <Loading />}
      {vocabulary && (
        <>
          <p className="hint">
            {t('programs.console.vocabulary.intro', { sector: t(`catalogue.sectors.${vocabulary.sector}`), unit: t(`programs.units.${vocabulary.unit}`) })}
          </p>
          <ul className="vocabulary-facts" data-testid="vocabulary-facts">
            {facts.map((fact) => (
              <li key={fact.path} data-testid="vocabulary-fact" data-path={fact.path}>
                <div className="vocabulary-name">
                  {onInsert ? (
                    <button
                      type="button"
                      className="link-button mono"
                      // Keeps the focus (and the caret) in the expression being edited.
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => onInsert(fact.path)}
                      title={t('programs.console.vocabulary.insert')}
                      aria-label={t('programs.console.vocabulary.insertNamed', { path: fact.path })}
                      translate="no"
                    >
                      {fact.path}
                    </button>
                  ) : (
                    <code translate="no">{fact.path}</code>
                  )}{' '}
                  <span className="muted small">
                    {t(`programs.console.vocabulary.types.${fact.type}`)}
                    {fact.values.length > 0 && `: ${fact.values.join(', ')}`}
                    {fact.mayBeMissing && ` · ${t('programs.console.vocabulary.mayBeMissing')}`}
                  </span>
                </div>
                <p className="small">{bilingualText(fact.meaning, i18n.language)}</p>
              </li>
            ))}
          </ul>
          {vocabulary.withheld.length > 0 && (
            <>
              <h4 className="h5">{t('programs.console.vocabulary.withheldTitle')}</h4>
              <p className="hint">{t('programs.console.vocabulary.withheldIntro')}</p>
              <ul className="vocabulary-withheld" data-testid="vocabulary-withheld">
                {vocabulary.withheld.map((w) => (
                  <li key={w.attribute} data-testid="withheld-attribute" data-attribute={w.attribute} data-reason={w.reason}>
                    <code translate="no">{w.attribute}</code> <span className="badge badge-withheld">{t(`programs.console.vocabulary.withheld.${w.reason}`)}</span>
                    <p className="small muted" lang="en">
                      {w.message}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="hint">{t('programs.console.vocabulary.never')}</p>
        </>
      )}
    </aside>
  );
}
