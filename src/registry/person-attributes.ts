import type { Db } from '../db/database.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { AttributeDefinition } from './catalogue/attribute-definition.ts';
import { findAttributeDefinitions } from './catalogue/list-catalogue.ts';
import { mayReadAttribute } from './catalogue/may-read-attribute.ts';
import { validateAttributeValue } from './catalogue/validate-attribute-value.ts';
import type { AttributeAccess } from './views.ts';

/** The sector registry work reads attributes for: enrolment and correction of records. */
export const REGISTRY_SECTOR = 'identity';

/**
 * Checks a person's needs-based attributes against the published catalogue
 * (commitment 1): an attribute that is not declared there, or was retired, is refused
 * whatever its name; values are checked against their declared type and returned
 * normalised. `cache` lets an import look each definition up once.
 */
export async function validatePersonAttributes(
  db: Db,
  attributes: Record<string, unknown>,
  where: string,
  cache?: Map<string, AttributeDefinition | null>,
): Promise<Record<string, unknown>> {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return {};
  const definitions = await definitionsFor(db, keys, cache);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const definition = definitions.get(key);
    if (!definition) throw new DomainError('RULE_VIOLATION', `${where}.${key} is not declared in the published attribute catalogue`, { attribute: key });
    if (definition.status !== 'active') throw new DomainError('RULE_VIOLATION', `${where}.${key} was retired from the catalogue: no new values are recorded`, { attribute: key });
    out[key] = validateAttributeValue(definition, attributes[key]);
  }
  return out;
}

async function definitionsFor(db: Db, keys: string[], cache?: Map<string, AttributeDefinition | null>) {
  if (!cache) return findAttributeDefinitions(db, keys);
  const missing = keys.filter((k) => !cache.has(k));
  if (missing.length) {
    const found = await findAttributeDefinitions(db, missing);
    for (const k of missing) cache.set(k, found.get(k) ?? null);
  }
  return new Map(keys.flatMap((k) => (cache.get(k) ? [[k, cache.get(k)!] as const] : [])));
}

/**
 * The attributes an official may see for a sector: special attributes whose purposes
 * do not include the sector are withheld (their keys are listed, never their values).
 * Takes many attribute maps (a household's members, a record's versions) and looks the
 * catalogue up once for all of them.
 */
export async function readableAttributesOf(db: Db, maps: Record<string, unknown>[], sector: string): Promise<AttributeAccess[]> {
  const keys = [...new Set(maps.flatMap((m) => Object.keys(m)))];
  const definitions = keys.length ? await findAttributeDefinitions(db, keys) : new Map<string, AttributeDefinition>();
  return maps.map((attributes) => {
    const visible: Record<string, unknown> = {};
    const withheld: string[] = [];
    for (const key of Object.keys(attributes)) {
      const definition = definitions.get(key);
      // A value without a definition cannot have been recorded through the API; withhold it rather than guess.
      if (definition && mayReadAttribute(definition, sector)) visible[key] = attributes[key];
      else withheld.push(key);
    }
    return { visible, withheld };
  });
}

export async function readableAttributes(db: Db, attributes: Record<string, unknown>, sector: string): Promise<AttributeAccess> {
  const [access] = await readableAttributesOf(db, [attributes], sector);
  return access!;
}
