import type { Db } from '../../db/database.ts';
import type { AttributeDefinition } from './attribute-definition.ts';
import { definitionOf, entryView, type CatalogueEntryView } from './catalogue-views.ts';
import { listDefinitions } from './store.ts';

/**
 * The published catalogue, for anyone (no login): every entry with its purposes and
 * legal basis, retired ones included unless a status is asked for — what was once
 * collected stays visible. Not an audit entry: the catalogue holds no personal data.
 */
export async function listCatalogue(db: Db, options: { status?: 'active' | 'retired' | undefined } = {}): Promise<CatalogueEntryView[]> {
  return (await listDefinitions(db, options)).map((r) => entryView(definitionOf(r)));
}

/**
 * The definitions of the given keys, for validating and reading a person's
 * attributes; keys not in the catalogue are absent from the map.
 */
export async function findAttributeDefinitions(db: Db, keys: readonly string[]): Promise<Map<string, AttributeDefinition>> {
  const rows = await listDefinitions(db, { keys: [...new Set(keys)] });
  return new Map(rows.map((r) => [r.key, definitionOf(r)]));
}
