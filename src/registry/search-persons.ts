import type { AppContext } from '../app-context.ts';
import { writeAuditBatch } from '../audit/write-audit.ts';
import { NATIONAL_SCOPE, coversRegion } from '../auth/roles.ts';
import { DomainError } from '../shared/domain-error.ts';
import { tokenSimilarity } from './dedup/compare-names.ts';
import { normaliseDocumentNumber, normaliseDocumentType, normaliseName } from './dedup/normalise.ts';
import type { RegistryActor } from './enrol-household.ts';
import { hashKey, nameTokenKeys, summaryOf } from './find-duplicates.ts';
import { findPersonByCard, searchByKeys } from './store.ts';
import { parseCardNumber } from '../credentials/codec/card-number.ts';

const DOCUMENT_TYPES = ['national_id', 'passport', 'birth_certificate', 'foreign_id'];

export interface SearchInput {
  name?: string | undefined;
  birthDate?: string | undefined;
  birthYear?: number | undefined;
  regionCode?: string | undefined;
  document?: string | undefined;
  card?: string | undefined;
  limit: number;
}

/**
 * Finds persons in the official's regions by name (every word must sound alike:
 * accents, b/v, c/s/z, ll/y and a missing h do not matter), document number, birth
 * date or year, and region, or exactly by card number. Results are ranked by how closely the names match; every
 * person returned is an audited read.
 */
export async function searchPersons(ctx: AppContext, actor: RegistryActor, q: SearchInput, requestId?: string) {
  if (q.card) return searchByCard(ctx, actor, q.card, requestId);
  const keys = q.name ? nameTokenKeys(q.name) : [];
  const documentKeys = q.document ? DOCUMENT_TYPES.map((t) => hashKey(`doc:${normaliseDocumentType(t)}:${normaliseDocumentNumber(q.document!)}`)) : [];
  if (keys.length === 0 && documentKeys.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'search by a name (two letters or more) or a document number');
  }
  const scopes = actor.regionScopes.includes(NATIONAL_SCOPE) ? null : [...actor.regionScopes];
  const filters = { anyOf: documentKeys, birthDate: q.birthDate, birthYear: q.birthYear, regionCode: q.regionCode, scopes, limit: Math.min(q.limit * 4, 400) };
  const rows = await searchByKeys(ctx.db, { ...filters, allOf: keys });
  if (rows.length < q.limit && keys.length >= 2) {
    // One word may be misspelt beyond what sounds alike ("Vilalobos"): try each word left out.
    const seen = new Set(rows.map((r) => r.id));
    for (const [i] of keys.entries()) {
      for (const r of await searchByKeys(ctx.db, { ...filters, allOf: keys.filter((_, j) => j !== i) })) {
        if (!seen.has(r.id)) rows.push(r), seen.add(r.id);
      }
    }
  }
  const wanted = q.name ? normaliseName(q.name) : [];
  const ranked = rows
    .map((r) => ({ row: r, score: wanted.length ? nameScore(wanted, normaliseName(`${r.given_names} ${r.family_names}`)) : null }))
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
    .slice(0, q.limit);
  await writeAuditBatch(
    ctx.db,
    ranked.map((r) => ({ actor, purpose: 'enrolment' as const, action: 'registry.person_read' as const, subject: { type: 'person', id: r.row.id }, summary: { via: 'search' }, requestId })),
  );
  return ranked.map((r) => ({ ...summaryOf(r.row), score: r.score === null ? null : Math.round(r.score * 1000) / 1000 }));
}

/** A card number names one person exactly; a typo is caught by the check symbol and said so. */
async function searchByCard(ctx: AppContext, actor: RegistryActor, card: string, requestId?: string) {
  const parsed = parseCardNumber(card);
  if (!parsed.ok) {
    throw new DomainError('VALIDATION_FAILED', parsed.problem === 'check' ? 'the card number has a typo: its check symbol does not match' : `not a card number (${parsed.problem})`);
  }
  const person = await findPersonByCard(ctx.db, parsed.cardNumber);
  if (!person || !coversRegion(actor.regionScopes, person.region_code)) return [];
  await writeAuditBatch(ctx.db, [{ actor, purpose: 'enrolment', action: 'registry.person_read', subject: { type: 'person', id: person.id }, summary: { via: 'card' }, requestId }]);
  return [{ ...summaryOf(person), score: null }];
}

/** Mean over the words searched of the best Jaro-Winkler match among the record's words. */
function nameScore(wanted: string[], have: string[]): number {
  if (!have.length) return 0;
  const total = wanted.reduce((sum, w) => sum + Math.max(...have.map((h) => tokenSimilarity(w, h))), 0);
  return total / wanted.length;
}
