import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttributeType, CatalogueEntry, Proposal, ProposalBody, Sector, Sensitivity } from '../api/contracts.ts';
import { proposeEntry } from '../api/catalogue.ts';
import { ProblemMessage } from '../registry/problem-message.tsx';
import { refusalText, SECTORS, TYPES } from './catalogue-text.ts';

interface Draft {
  key: string;
  labelEs: string;
  labelEn: string;
  type: AttributeType;
  values: string;
  sensitivity: Sensitivity;
  purposes: Sector[];
  legalBasis: string;
  reason: string;
}

const EMPTY: Draft = { key: '', labelEs: '', labelEn: '', type: 'boolean', values: '', sensitivity: 'normal', purposes: [], legalBasis: '', reason: '' };

export const draftOfEntry = (e: CatalogueEntry): Draft => ({
  key: e.key,
  labelEs: e.labels.es,
  labelEn: e.labels.en,
  type: e.type,
  values: e.values.join('\n'),
  sensitivity: e.sensitivity,
  purposes: [...e.purposes],
  legalBasis: e.legalBasis,
  reason: '',
});

type Problem = 'key' | 'labelEs' | 'labelEn' | 'values' | 'purposes' | 'legalBasis';

function problemsOf(d: Draft): Problem[] {
  const out: Problem[] = [];
  if (!/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(d.key.trim()) || d.key.trim().length < 2) out.push('key');
  if (!d.labelEs.trim()) out.push('labelEs');
  if (!d.labelEn.trim()) out.push('labelEn');
  if (d.type === 'enum' && valuesOf(d.values).length < 2) out.push('values');
  if (d.purposes.length === 0) out.push('purposes');
  if (d.legalBasis.trim().length < 10) out.push('legalBasis');
  return out;
}

const valuesOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * An administrator proposes an entry (or a change to one, same key); it is published
 * only when an auditor approves. The server refuses prohibited attributes, in any
 * language, and the refusal is shown as it explains itself.
 */
export function ProposalForm({ start, onProposed }: { start: CatalogueEntry | undefined; onProposed: (p: Proposal) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => (start ? draftOfEntry(start) : EMPTY));
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const problems = problemsOf(draft);
  const bad = (p: Problem) => showProblems && problems.includes(p);
  const invalid = (p: Problem, hint?: string) => ({
    'aria-invalid': bad(p) || undefined,
    'aria-describedby': [bad(p) ? `proposal-${p}-problem` : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
  });
  const problemText = (p: Problem) =>
    bad(p) && (
      <p className="field-problem" id={`proposal-${p}-problem`} data-testid={`proposal-${p}-problem`}>
        {t(`catalogue.propose.problems.${p}`)}
      </p>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (problems.length) {
      document.getElementById(`proposal-${problems[0]}`)?.focus();
      return;
    }
    setWorking(true);
    setError(undefined);
    const body: ProposalBody = {
      key: draft.key.trim(),
      labels: { es: draft.labelEs.trim(), en: draft.labelEn.trim() },
      type: draft.type,
      ...(draft.type === 'enum' ? { values: valuesOf(draft.values) } : {}),
      sensitivity: draft.sensitivity,
      purposes: draft.purposes,
      legalBasis: draft.legalBasis.trim(),
      ...(draft.reason.trim() ? { reason: draft.reason.trim() } : {}),
    };
    try {
      const proposal = await proposeEntry(body);
      setDraft(EMPTY);
      setShowProblems(false);
      onProposed(proposal);
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };

  return (
    <form className="card proposal-form" onSubmit={submit} noValidate aria-labelledby="propose-heading" data-testid="proposal-form">
      <h2 id="propose-heading">{start ? t('catalogue.propose.changeTitle', { key: start.key }) : t('catalogue.propose.title')}</h2>
      <p className="hint">{t('catalogue.propose.intro')}</p>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="proposal-key">{t('catalogue.fields.key')}</label>
          <input
            id="proposal-key"
            value={draft.key}
            maxLength={63}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            readOnly={Boolean(start)}
            onChange={(e) => set('key', e.target.value)}
            {...invalid('key', 'proposal-key-hint')}
            data-testid="proposal-key"
          />
          <p className="hint" id="proposal-key-hint">
            {t('catalogue.propose.keyHint')}
          </p>
          {problemText('key')}
        </div>
        <div className="field">
          <label htmlFor="proposal-labelEs" lang="es">
            {t('catalogue.fields.labelEs')}
          </label>
          <input id="proposal-labelEs" lang="es" value={draft.labelEs} maxLength={200} onChange={(e) => set('labelEs', e.target.value)} {...invalid('labelEs')} data-testid="proposal-label-es" />
          {problemText('labelEs')}
        </div>
        <div className="field">
          <label htmlFor="proposal-labelEn" lang="en">
            {t('catalogue.fields.labelEn')}
          </label>
          <input id="proposal-labelEn" lang="en" value={draft.labelEn} maxLength={200} onChange={(e) => set('labelEn', e.target.value)} {...invalid('labelEn')} data-testid="proposal-label-en" />
          {problemText('labelEn')}
        </div>
        <div className="field">
          <label htmlFor="proposal-type">{t('catalogue.fields.type')}</label>
          <select id="proposal-type" value={draft.type} onChange={(e) => set('type', e.target.value as AttributeType)} data-testid="proposal-type">
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`catalogue.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {draft.type === 'enum' && (
        <div className="field">
          <label htmlFor="proposal-values">{t('catalogue.fields.values')}</label>
          <textarea id="proposal-values" rows={3} value={draft.values} onChange={(e) => set('values', e.target.value)} {...invalid('values', 'proposal-values-hint')} data-testid="proposal-values" />
          <p className="hint" id="proposal-values-hint">
            {t('catalogue.propose.valuesHint')}
          </p>
          {problemText('values')}
        </div>
      )}
      <fieldset className="subfields">
        <legend>{t('catalogue.fields.sensitivity')}</legend>
        <div className="choices">
          {(['normal', 'special'] as const).map((s) => (
            <label key={s} className={`choice${draft.sensitivity === s ? ' chosen-choice' : ''}`}>
              <input type="radio" name="proposal-sensitivity" value={s} checked={draft.sensitivity === s} onChange={() => set('sensitivity', s)} data-testid={`proposal-sensitivity-${s}`} />
              <span>
                <strong>{t(`catalogue.sensitivity.${s}`)}</strong>
                <span className="choice-help">{t(`catalogue.sensitivity.${s}Help`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="subfields" aria-describedby={bad('purposes') ? 'proposal-purposes-problem' : undefined}>
        <legend>{t('catalogue.fields.purposes')}</legend>
        <div className="checks" id="proposal-purposes" tabIndex={-1}>
          {SECTORS.map((sector) => (
            <label key={sector} className="check">
              <input
                type="checkbox"
                checked={draft.purposes.includes(sector)}
                onChange={(e) => set('purposes', e.target.checked ? [...draft.purposes, sector] : draft.purposes.filter((p) => p !== sector))}
                data-testid={`proposal-purpose-${sector}`}
              />
              {t(`catalogue.sectors.${sector}`)}
            </label>
          ))}
        </div>
        {problemText('purposes')}
      </fieldset>
      <div className="field">
        <label htmlFor="proposal-legalBasis">{t('catalogue.fields.legalBasis')}</label>
        <textarea
          id="proposal-legalBasis"
          rows={2}
          maxLength={2000}
          value={draft.legalBasis}
          onChange={(e) => set('legalBasis', e.target.value)}
          {...invalid('legalBasis', 'proposal-legalBasis-hint')}
          data-testid="proposal-legal-basis"
        />
        <p className="hint" id="proposal-legalBasis-hint">
          {t('catalogue.propose.legalBasisHint')}
        </p>
        {problemText('legalBasis')}
      </div>
      <div className="field">
        <label htmlFor="proposal-reason">{t('catalogue.fields.reason')}</label>
        <textarea id="proposal-reason" rows={2} maxLength={2000} value={draft.reason} onChange={(e) => set('reason', e.target.value)} data-testid="proposal-reason" />
      </div>
      <ProblemMessage error={error} testId="proposal-error" explanation={refusalText(t, error)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="proposal-submit">
          {working ? t('registry.saving') : t('catalogue.propose.submit')}
        </button>
      </div>
    </form>
  );
}
