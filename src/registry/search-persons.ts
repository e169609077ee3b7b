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

/**
 * How many persons one query of a search ranks. A search pages through the ranking of
 * this window; more matches than this means the search says too little (`capped`).
 */
const WINDOW = 500;
/** Fewer exact matches than this and the search also tries each name word left out. */
const WIDEN_BELOW = 25;

export interface SearchInput {
  name?: string | undefined;
  birthDate?: string | undefined;
  birthYear?: number | undefined;
  regionCode?: string | undefined;
  document?: string | undefined;
  card?: string | undefined;
  limit: number;
  /** `next` of the page before. */
  cursor?: string | undefined;
}

/** Where a page ends in the ranking: the score in thousandths (null without a name) and the record id. */
interface Position {
  score: number | null;
  id: string;
}

/**
 * Finds persons in the official's regions by name (every word must sound alike:
 * accents, b/v, c/s/z, ll/y and a missing h do not matter), document number, birth
 * date or year, and region, or exactly by card number. Results are ranked by how
 * closely the names match, then by record, and come a page at a time: `next` continues
 * after the last one (keyset paging, so a record enrolled meanwhile neither repeats nor
 * shifts what follows). Every person returned is an audited read; persons on pages
 * not asked for are not.
 */
export async function searchPersons(ctx: AppContext, actor: RegistryActor, q: SearchInput, requestId?: string) {
  if (q.card) return searchByCard(ctx, actor, q.card, q.cursor, requestId);
  const keys = q.name ? nameTokenKeys(q.name) : [];
  const documentKeys = q.document ? DOCUMENT_TYPES.map((t) => hashKey(`doc:${normaliseDocumentType(t)}:${normaliseDocumentNumber(q.document!)}`)) : [];
  if (keys.length === 0 && documentKeys.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'search by a name (two letters or more) or a document number');
  }
  const wanted = q.name ? normaliseName(q.name) : [];
  const after = q.cursor === undefined ? undefined : parseCursor(q.cursor, wanted.length > 0);
  const scopes = actor.regionScopes.includes(NATIONAL_SCOPE) ? null : [...actor.regionScopes];
  const filters = { anyOf: documentKeys, birthDate: q.birthDate, birthYear: q.birthYear, regionCode: q.regionCode, scopes, limit: WINDOW + 1 };
  let capped = false;
  const windowOf = async (allOf: string[]) => {
    const found = await searchByKeys(ctx.db, { ...filters, allOf });
    if (found.length > WINDOW) capped = true;
    return found.slice(0, WINDOW);
  };
  const rows = await windowOf(keys);
  if (rows.length < WIDEN_BELOW && keys.length >= 2) {
    // One word may be misspelt beyond what sounds alike ("Vilalobos"): try each word left out.
    const seen = new Set(rows.map((r) => r.id));
    for (const [i] of keys.entries()) {
      for (const r of await windowOf(keys.filter((_, j) => j !== i))) {
        if (!seen.has(r.id)) rows.push(r), seen.add(r.id);
      }
    }
  }
  const ranked = rows
    .map((r) => ({ row: r, score: wanted.length ? Math.round(nameScore(wanted, normaliseName(`${r.given_names} ${r.family_names}`)) * 1000) : null }))
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0))
    .filter((r) => !after || isAfter({ score: r.score, id: r.row.id }, after));
  const page = ranked.slice(0, q.limit);
  const last = page.at(-1);
  await writeAuditBatch(
    ctx.db,
    page.map((r) => ({ actor, purpose: 'enrolment' as const, action: 'registry.person_read' as const, subject: { type: 'person', id: r.row.id }, summary: { via: 'search' }, requestId })),
  );
  return {
    results: page.map((r) => ({ ...summaryOf(r.row), score: r.score === null ? null : r.score / 1000 })),
    next: ranked.length > q.limit && last ? cursorOf({ score: last.score, id: last.row.id }) : null,
    capped,
  };
}

/** True when `p` comes after `cursor` in the ranking: a lower score, or the same score and a later id. */
const isAfter = (p: Position, cursor: Position) => (p.score ?? 0) < (cursor.score ?? 0) || ((p.score ?? 0) === (cursor.score ?? 0) && p.id > cursor.id);

/** Opaque to the client; it only has to say where the page ended. */
const cursorOf = (p: Position) => Buffer.from(JSON.stringify([p.score, p.id])).toString('base64url');

function parseCursor(cursor: string, byName: boolean): Position {
  const refuse = () => new DomainError('VALIDATION_FAILED', 'the cursor is not one this search gave: start the search again', { field: 'cursor' });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(value) || value.length !== 2) throw refuse();
  const [score, id] = value as unknown[];
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw refuse();
  if (byName ? !(Number.isInteger(score) && (score as number) >= 0 && (score as number) <= 1000) : score !== null) throw refuse();
  return { score: score as number | null, id };
}

/** A card number names one person exactly; a typo is caught by the check symbol and said so. */
async function searchByCard(ctx: AppContext, actor: RegistryActor, card: string, cursor: string | undefined, requestId?: string) {
  const parsed = parseCardNumber(card);
  if (!parsed.ok) {
    throw new DomainError('VALIDATION_FAILED', parsed.problem === 'check' ? 'the card number has a typo: its check symbol does not match' : `not a card number (${parsed.problem})`);
  }
  const none = { results: [], next: null, capped: false };
  // One page holds the one holder: there is nothing after it.
  if (cursor !== undefined) return none;
  const person = await findPersonByCard(ctx.db, parsed.cardNumber);
  if (!person || !coversRegion(actor.regionScopes, person.region_code)) return none;
  await writeAuditBatch(ctx.db, [{ actor, purpose: 'enrolment', action: 'registry.person_read', subject: { type: 'person', id: person.id }, summary: { via: 'card' }, requestId }]);
  return { results: [{ ...summaryOf(person), score: null }], next: null, capped: false };
}

/** Mean over the words searched of the best Jaro-Winkler match among the record's words. */
function nameScore(wanted: string[], have: string[]): number {
  if (!have.length) return 0;
  const total = wanted.reduce((sum, w) => sum + Math.max(...have.map((h) => tokenSimilarity(w, h))), 0);
  return total / wanted.length;
}
