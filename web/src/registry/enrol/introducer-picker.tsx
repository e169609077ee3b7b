import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchResult } from '../../api/contracts.ts';
import { searchPersons } from '../../api/registry.ts';
import { BirthDateText } from '../birth-date-text.tsx';
import { FieldProblem, problemProps } from '../field-problem.tsx';
import { personName } from '../person-name.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { useRegions } from '../use-regions.ts';
import type { ProblemKey } from './member-draft.ts';

interface IntroducerPickerProps {
  /** The id of the name input: problems point at it. */
  inputId: string;
  chosen: { id: string; name: string } | undefined;
  onChoose: (introducer: { id: string; name: string } | undefined) => void;
  problem: ProblemKey | undefined;
  testPrefix: string;
}

/** Finds a registered person who vouches for the new one, and records who was chosen. */
export function IntroducerPicker({ inputId, chosen, onChoose, problem, testPrefix }: IntroducerPickerProps) {
  const { t } = useTranslation();
  const { place } = useRegions();
  const [name, setName] = useState('');
  const [results, setResults] = useState<SearchResult[]>();
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<unknown>();

  const find = async () => {
    if (name.trim().length < 2) return;
    setSearching(true);
    setError(undefined);
    try {
      // Only active people can vouch for someone.
      setResults((await searchPersons({ name: name.trim(), limit: 8 })).results.filter((r) => r.status === 'active'));
    } catch (failure) {
      setError(failure);
    } finally {
      setSearching(false);
    }
  };

  if (chosen) {
    return (
      <p className="chosen" data-testid={`${testPrefix}-introducer-chosen`}>
        {t('registry.evidence.introducedBy')} <strong>{chosen.name}</strong>{' '}
        <button type="button" className="link-button" onClick={() => onChoose(undefined)} data-testid={`${testPrefix}-introducer-change`}>
          {t('registry.evidence.changeIntroducer')}
        </button>
      </p>
    );
  }

  return (
    <div className="introducer-picker">
      <div className="field">
        <label htmlFor={inputId}>{t('registry.evidence.introducerSearch')}</label>
        <div className="inline-input">
          <input
            id={inputId}
            value={name}
            autoComplete="off"
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            // Enter finds, instead of submitting the whole enrolment.
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void find();
              }
            }}
            {...problemProps(inputId, problem)}
            data-testid={`${testPrefix}-introducer-name`}
          />
          <button type="button" onClick={find} disabled={searching || name.trim().length < 2} data-testid={`${testPrefix}-introducer-find`}>
            {searching ? t('registry.search.searching') : t('registry.evidence.find')}
          </button>
        </div>
        <FieldProblem id={inputId} problem={problem} />
      </div>
      <ProblemMessage error={error} testId={`${testPrefix}-introducer-error`} />
      {results && results.length === 0 && (
        <p className="muted" role="status">
          {t('registry.search.empty')}
        </p>
      )}
      {results && results.length > 0 && (
        <ul className="pick-list" aria-label={t('registry.search.results')}>
          {results.map((r) => (
            <li key={r.personId}>
              <span>
                <strong>{personName(r)}</strong> · <BirthDateText birthDate={r.birthDate} /> · {place(r.regionCode)}
              </span>
              <button type="button" onClick={() => onChoose({ id: r.personId, name: personName(r) })} data-testid={`${testPrefix}-introducer-pick`}>
                {t('registry.evidence.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
