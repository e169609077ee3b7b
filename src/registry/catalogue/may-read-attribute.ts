import type { AttributeEntry, Sector } from './attribute-definition.ts';

/**
 * Whether an attribute may be read for work of a sector. A special attribute
 * (health, disability, pregnancy) is read only for a sector its entry lists; a
 * normal one for any sector whose official may see the record at all (that
 * decision — role, region, program — belongs to the caller). A retired entry keeps
 * the same rule: values recorded while it was active are still someone's data.
 * Pure; the caller writes the read to the audit log.
 */
export function mayReadAttribute(definition: Pick<AttributeEntry, 'sensitivity' | 'purposes'>, purposeSector: Sector | string): boolean {
  if (definition.sensitivity === 'normal') return true;
  return (definition.purposes as readonly string[]).includes(purposeSector);
}
