import { hash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { blockingKeys, searchKeys } from './dedup/blocking-keys.ts';
import { normaliseName } from './dedup/normalise.ts';
import { scorePair } from './dedup/score.ts';
import { spanishPhonetic } from './dedup/spanish-phonetic.ts';
import type { DedupPerson } from './dedup/types.ts';
import type { PersonInput } from './schemas.ts';
import { personsUnderKeys } from './import/import-store.ts';
import { fetchByKeys } from './store.ts';
import type { Address, Evidence } from './tables.ts';

/** How many stored persons one search may score: blocking keeps real searches far below it. */
const MAX_SCORED = 500;

export const addressKey = (regionCode: string, address: Address) =>
  `${regionCode}|${normaliseName(address.street).join(' ')}|${(address.number ?? '').trim().toLowerCase()}`;

const documentsOf = (evidence: readonly Evidence[]) =>
  evidence.flatMap((e) => (e.kind === 'document' ? [{ type: e.type, number: e.number }] : []));

/** The dedup engine's view of a person about to be enrolled or edited. */
export function dedupPersonOf(
  p: Pick<PersonInput, 'givenNames' | 'familyNames' | 'sex' | 'birthDate' | 'evidence'>,
  where: { id?: string; householdId?: string | null; regionCode: string; address?: Address | null },
): DedupPerson {
  return {
    id: where.id ?? 'new',
    givenNames: p.givenNames,
    familyNames: p.familyNames,
    sex: p.sex ?? null,
    birthDate: p.birthDate ? { value: p.birthDate.value, precision: p.birthDate.precision } : null,
    documents: documentsOf(p.evidence),
    householdId: where.householdId ?? null,
    addressKey: where.address ? addressKey(where.regionCode, where.address) : null,
    regionCode: where.regionCode,
  };
}

/** One `t:` key per phonetic name token: name search looks them up in the same index as the blocking keys. */
export function nameTokenKeys(text: string): string[] {
  const tokens = normaliseName(text).filter((t) => t.length > 1);
  return [...new Set(tokens.map((t) => `t:${spanishPhonetic(t)}`))];
}

/** What `person.dedup_keys` holds: the name-search keys. */
export const indexKeysOf = (p: DedupPerson) => nameTokenKeys(`${p.givenNames} ${p.familyNames}`);

/**
 * A blocking key as stored in person_dedup_key: 52 bits of its SHA-256, so the table
 * holds no names or dates and every value is a safe JavaScript integer. A collision
 * only adds a candidate, which the scorer then sets aside.
 */
export const hashKey = (key: string) => Number.parseInt(hash('sha256', key, 'hex').slice(0, 13), 16);

/** The rows of person_dedup_key for a person. */
export const blockingRowsOf = (p: DedupPerson & { id: string }) => [...new Set(blockingKeys(p).map(hashKey))].map((key) => ({ key, person_id: p.id }));

export interface Candidate {
  person: StoredPerson;
  score: number;
  decision: 'same' | 'review';
  reasons: { code: string; weight: number; en: string; es: string }[];
}

type StoredPerson = Awaited<ReturnType<typeof fetchByKeys>>[number];

/**
 * Registered persons who may be the same as `person`, best first: an index lookup on
 * the blocking keys, then the scorer on each hit. Only scores at or above the review
 * threshold are returned.
 */
export async function findCandidates(db: Db, person: DedupPerson, options: { limit?: number } = {}): Promise<Candidate[]> {
  const keys = [...new Set(searchKeys(person).map(hashKey))];
  if (keys.length === 0) return [];
  const rows = await fetchByKeys(db, keys, MAX_SCORED);
  const scored: Candidate[] = [];
  for (const row of rows) {
    const result = scorePair(person, storedDedupPerson(row));
    if (result.decision === 'different') continue;
    scored.push({
      person: row,
      score: result.score,
      decision: result.decision,
      reasons: explain(result.reasons),
    });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, options.limit ?? 10);
}

export const summaryOf = (p: StoredPerson | { id: string; household_id: string; given_names: string; family_names: string; sex: 'F' | 'M' | 'X' | null; birth_date: string | null; birth_date_precision: 'day' | 'year'; birth_date_declared: boolean; region_code: string; status: 'active' | 'tombstoned' | 'merged' }) => ({
  personId: p.id,
  householdId: p.household_id,
  givenNames: p.given_names,
  familyNames: p.family_names,
  sex: p.sex,
  birthDate: p.birth_date ? { value: p.birth_date, precision: p.birth_date_precision, declared: p.birth_date_declared } : null,
  regionCode: p.region_code,
  status: p.status,
});

export interface FoundPair {
  a: string;
  b: string;
  score: number;
  reasons: Candidate['reasons'];
}

/**
 * Candidate pairs for many persons at once (an import batch, or the whole registry a
 * slice at a time): one index lookup for all their search keys, then the scorer on
 * every person that shares a key. Each pair is reported once, with a < b.
 */
export async function findPairsForMany(db: Db, persons: (DedupPerson & { id: string })[]): Promise<FoundPair[]> {
  const searchBy = new Map(persons.map((p) => [p.id, [...new Set(searchKeys(p).map(hashKey))]]));
  const allKeys = [...new Set([...searchBy.values()].flat())];
  if (allKeys.length === 0) return [];
  const { keyRows, persons: stored } = await personsUnderKeys(db, allKeys);
  const storedById = new Map(stored.map((p) => [p.id, p]));
  const byKey = new Map<number, typeof stored>();
  for (const { key, person_id } of keyRows) {
    const row = storedById.get(person_id);
    if (!row) continue;
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  const pairs = new Map<string, FoundPair>();
  for (const person of persons) {
    const seen = new Set<string>([person.id]);
    for (const key of searchBy.get(person.id)!) {
      for (const row of byKey.get(key) ?? []) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        const [a, b] = person.id < row.id ? [person.id, row.id] : [row.id, person.id];
        if (pairs.has(`${a}|${b}`)) continue;
        const result = scorePair(person, storedDedupPerson(row));
        if (result.decision === 'different') continue;
        pairs.set(`${a}|${b}`, { a, b, score: result.score, reasons: explain(result.reasons) });
      }
    }
  }
  return [...pairs.values()];
}

export const explain = (reasons: ReturnType<typeof scorePair>['reasons']) =>
  reasons.map((r) => ({ code: r.code, weight: Math.round(r.weight * 100) / 100, en: r.explanation.en, es: r.explanation.es }));

export function storedDedupPerson(row: { id: string; household_id: string; given_names: string; family_names: string; sex: 'F' | 'M' | 'X' | null; birth_date: string | null; birth_date_precision: 'day' | 'year'; evidence: unknown; region_code: string; address: unknown }): DedupPerson {
  return {
    id: row.id,
    givenNames: row.given_names,
    familyNames: row.family_names,
    sex: row.sex,
    birthDate: row.birth_date ? { value: row.birth_date, precision: row.birth_date_precision } : null,
    documents: documentsOf(row.evidence as Evidence[]),
    householdId: row.household_id,
    addressKey: addressKey(row.region_code, row.address as Address),
    regionCode: row.region_code,
  };
}
