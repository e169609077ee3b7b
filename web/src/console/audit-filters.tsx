import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction } from '../api/contracts.ts';
import { AUDIT_ACTIONS, enumLabel } from '../i18n/enum-label.ts';
import { EMPTY_FILTER, type AuditFilter } from './audit-filter.ts';

interface AuditFiltersProps {
  applied: AuditFilter;
  onApply: (filter: AuditFilter) => void;
}

/** Who, what and when: the filters an auditor narrows the log with. */
export function AuditFilters({ applied, onApply }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(applied);
  // Back and Forward change the applied filter: show it.
  useEffect(() => setDraft(applied), [applied]);
  const set = <K extends keyof AuditFilter>(key: K, value: AuditFilter[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const actions = AUDIT_ACTIONS.map((action) => ({ action, label: enumLabel(t, 'actions', action) })).sort((a, b) =>
    a.label.localeCompare(b.label),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };

  return (
    <form className="filters" onSubmit={submit} role="search" aria-label={t('audit.filters')} data-testid="audit-filters">
      <div className="field">
        <label htmlFor="filter-actor">{t('audit.actor')}</label>
        <input
          id="filter-actor"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={40}
          value={draft.actor}
          onChange={(e) => set('actor', e.target.value)}
          data-testid="filter-actor"
        />
      </div>
      <div className="field">
        <label htmlFor="filter-action">{t('audit.action')}</label>
        <select id="filter-action" value={draft.action} onChange={(e) => set('action', e.target.value as AuditAction | '')} data-testid="filter-action">
          <option value="">{t('audit.anyAction')}</option>
          {actions.map(({ action, label }) => (
            <option key={action} value={action}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">{t('audit.from')}</label>
        <input id="filter-from" type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => set('from', e.target.value)} data-testid="filter-from" />
      </div>
      <div className="field">
        <label htmlFor="filter-to">{t('audit.to')}</label>
        <input id="filter-to" type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => set('to', e.target.value)} data-testid="filter-to" />
      </div>
      <div className="filter-buttons">
        <button type="submit" className="primary" data-testid="filter-apply">
          {t('audit.apply')}
        </button>
        <button type="button" onClick={() => onApply(EMPTY_FILTER)} data-testid="filter-clear">
          {t('audit.clear')}
        </button>
      </div>
    </form>
  );
}
