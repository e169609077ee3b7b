import type { VersionView } from '../api/contracts.ts';

/** One field that changed from one version to the next: `before` is undefined for the first version. */
export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

export interface VersionChanges {
  version: VersionView;
  /** Empty for the first version (the record was created) and for a version that only restated it. */
  changes: Change[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Folds a record's flat version data into the fields an official thinks in: the three
 * birth-date columns are one "birth date"; each attribute is a field of its own.
 */
function fieldsOf(data: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(data)) {
    if (key === 'birthDatePrecision' || key === 'birthDateDeclared') continue;
    if (key === 'birthDate') {
      out.set(
        'birthDate',
        value ? { value, precision: data.birthDatePrecision === 'year' ? 'year' : 'day', declared: data.birthDateDeclared === true } : null,
      );
    } else if (key === 'attributes' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [attribute, v] of Object.entries(value)) out.set(`attributes.${attribute}`, v);
    } else {
      out.set(key, value);
    }
  }
  return out;
}

/** What each version changed against the one before it, in the order given (oldest first). */
export function versionChanges(versions: readonly VersionView[]): VersionChanges[] {
  let previous: Map<string, unknown> | undefined;
  return versions.map((version) => {
    const current = fieldsOf(version.data);
    const changes: Change[] = [];
    if (previous) {
      const keys = new Set([...previous.keys(), ...current.keys()]);
      for (const field of keys) {
        if (!same(previous.get(field), current.get(field))) changes.push({ field, before: previous.get(field), after: current.get(field) });
      }
    }
    previous = current;
    return { version, changes };
  });
}
