import { useTranslation } from 'react-i18next';
import type { Region } from '../api/contracts.ts';
import { useOfficial } from '../session/session.tsx';
import { useRegions } from './use-regions.ts';

interface RegionSelectProps {
  id: string;
  value: string;
  onChange: (code: string) => void;
  /** The first choice, meaning "none chosen". */
  emptyLabel: string;
  /** Only parishes, grouped by municipality: where a household lives. Else every level, indented. */
  parishesOnly?: boolean;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
  testId: string;
}

/** The divisions the official's scopes cover (a registrar sees only their regions). */
export function RegionSelect({ id, value, onChange, emptyLabel, parishesOnly, required, invalid, describedBy, testId }: RegionSelectProps) {
  const { t } = useTranslation();
  const me = useOfficial();
  const regions = useRegions();
  const covered = regions.within(me.regionScopes);
  const byCode = new Map((regions.list ?? []).map((r) => [r.code, r]));

  let options;
  if (parishesOnly) {
    const groups = new Map<string, Region[]>();
    for (const r of covered) {
      if (r.level !== 'parish') continue;
      const parent = r.parentCode ?? '';
      groups.set(parent, [...(groups.get(parent) ?? []), r]);
    }
    options = [...groups].map(([parent, parishes]) => {
      const municipality = byCode.get(parent);
      const state = municipality?.parentCode ? byCode.get(municipality.parentCode) : undefined;
      const label = [municipality?.name ?? parent, state?.name].filter(Boolean).join(' · ');
      return (
        <optgroup key={parent} label={label}>
          {parishes.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name} ({r.code})
            </option>
          ))}
        </optgroup>
      );
    });
  } else {
    const indent = { state: '', municipality: '\u2003', parish: '\u2003\u2003' } as const;
    options = covered.map((r) => (
      <option key={r.code} value={r.code}>
        {indent[r.level]}
        {r.name} ({r.code})
      </option>
    ));
  }

  return (
    <select
      id={id}
      value={value}
      required={required}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-busy={!regions.list && !regions.error}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    >
      <option value="">{regions.list || regions.error ? emptyLabel : t('app.loading')}</option>
      {options}
    </select>
  );
}
