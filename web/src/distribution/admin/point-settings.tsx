import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionPoint } from '../../api/contracts.ts';
import { ProblemMessage } from '../../registry/problem-message.tsx';
import { changePoint } from './points-api.ts';

/** Renames the point, and closes or reopens it (a point is never deleted). */
export function PointSettings({ point, onChanged }: { point: DistributionPoint; onChanged: () => void }) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(point.name);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  const change = async (body: { name?: string; status?: 'active' | 'closed' }) => {
    setWorking(true);
    setError(undefined);
    try {
      await changePoint(point.code, body);
      setRenaming(false);
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setWorking(false);
    }
  };
  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) void change({ name: name.trim() });
  };

  return (
    <>
      {renaming ? (
        <form className="card" onSubmit={rename} data-testid="point-rename-form">
          <div className="field">
            <label htmlFor="point-name">{t('points.fields.name')}</label>
            <input id="point-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="point-name" />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={working || !name.trim()} data-testid="point-rename-submit">
              {t('points.settings.save')}
            </button>
            <button type="button" onClick={() => setRenaming(false)} disabled={working}>
              {t('registry.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setRenaming(true)} data-testid="point-rename">
            {t('points.settings.rename')}
          </button>
          {point.status === 'active' ? (
            <button type="button" disabled={working} onClick={() => void change({ status: 'closed' })} data-testid="point-close">
              {t('points.settings.close')}
            </button>
          ) : (
            <button type="button" disabled={working} onClick={() => void change({ status: 'active' })} data-testid="point-reopen">
              {t('points.settings.reopen')}
            </button>
          )}
        </div>
      )}
      {point.status === 'closed' && <p className="notice notice-warning">{t('points.settings.closedNote')}</p>}
      <ProblemMessage error={error} testId="point-settings-error" />
    </>
  );
}
