import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionPoint, PointKind, Region } from '../../api/contracts.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { createPoint } from './points-api.ts';

const KINDS: readonly PointKind[] = ['food', 'pharmacy', 'fuel', 'bank_agent'];
/** As the server checks it (src/distribution/points/schemas.ts). */
const CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

/** Registers a distribution point in one of the administrator's regions. */
export function NewPointForm({ regions, onCreated, onCancel }: { regions: Region[]; onCreated: (point: DistributionPoint) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PointKind>('food');
  const [regionCode, setRegionCode] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  const problems = {
    code: CODE.test(code.trim()) ? undefined : t('points.create.codeProblem'),
    name: name.trim() ? undefined : t('points.create.required'),
    region: regionCode ? undefined : t('points.create.required'),
  };
  const invalid = Object.values(problems).some(Boolean);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (invalid) return;
    setWorking(true);
    setError(undefined);
    try {
      onCreated(await createPoint({ code: code.trim(), name: name.trim(), kind, regionCode }));
    } catch (failure) {
      setError(failure);
      setWorking(false);
    }
  };

  const problem = (field: keyof typeof problems) =>
    showProblems && problems[field] ? (
      <p className="field-problem" data-testid={`new-point-${field}-problem`}>
        {problems[field]}
      </p>
    ) : null;

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="new-point-heading" data-testid="new-point-form">
      <h2 id="new-point-heading">{t('points.create.title')}</h2>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="new-point-code">{t('points.fields.code')}</label>
          <input id="new-point-code" value={code} maxLength={40} onChange={(e) => setCode(e.target.value.toUpperCase())} aria-describedby="new-point-code-hint" data-testid="new-point-code" />
          <p className="hint" id="new-point-code-hint">
            {t('points.create.codeHint')}
          </p>
          {problem('code')}
        </div>
        <div className="field">
          <label htmlFor="new-point-name">{t('points.fields.name')}</label>
          <input id="new-point-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="new-point-name" />
          {problem('name')}
        </div>
        <div className="field">
          <label htmlFor="new-point-kind">{t('points.fields.kind')}</label>
          <select id="new-point-kind" value={kind} onChange={(e) => setKind(e.target.value as PointKind)} data-testid="new-point-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`points.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-point-region">{t('points.fields.region')}</label>
          <select id="new-point-region" value={regionCode} onChange={(e) => setRegionCode(e.target.value)} data-testid="new-point-region">
            <option value="">{t('points.create.chooseRegion')}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.code} · {r.name}
              </option>
            ))}
          </select>
          {problem('region')}
        </div>
      </div>
      <div aria-live="polite">
        <ProblemMessage error={error} testId="new-point-error" />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={working} data-testid="new-point-submit">
          {working ? t('registry.saving') : t('points.create.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={working}>
          {t('registry.cancel')}
        </button>
      </div>
    </form>
  );
}
