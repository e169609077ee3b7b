import { DomainError } from '../../shared/domain-error.ts';
import { findHealthTerm } from './health-terms.ts';
import { checkAttributeAllowed } from './prohibited-attributes.ts';

/**
 * The rules an entry must keep beyond its shape: no prohibited category (commitment
 * 1) and health facts declared special. Returns the RULE_VIOLATION to throw, or
 * undefined. Works on unvalidated input too, so that a prohibited attribute is
 * named as such even when other fields are missing. Pure.
 */
export function checkEntryRules(input: { key: unknown; labels?: unknown; values?: unknown; sensitivity?: unknown }): DomainError | undefined {
  const key = typeof input.key === 'string' ? input.key : '';
  const labels =
    typeof input.labels === 'object' && input.labels !== null && !Array.isArray(input.labels)
      ? Object.fromEntries(Object.entries(input.labels).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
  const values = Array.isArray(input.values) ? input.values.filter((v): v is string => typeof v === 'string') : [];

  const check = checkAttributeAllowed({ key, labels, values });
  if (!check.allowed) {
    return new DomainError('RULE_VIOLATION', check.message, {
      rule: 'prohibited_attribute',
      category: check.category,
      term: check.term,
      field: check.field,
    });
  }
  if ((input.sensitivity ?? 'normal') !== 'special') {
    const health = findHealthTerm({ key, labels });
    if (health) {
      return new DomainError(
        'RULE_VIOLATION',
        `"${health.term}" makes ${key || 'this attribute'} a health fact: declare it special, so that only the sectors it lists may read it`,
        { rule: 'health_is_special', term: health.term, field: health.field },
      );
    }
  }
  return undefined;
}
