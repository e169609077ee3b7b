import type { Db } from '../../db/database.ts';
import { scorePair } from '../dedup/score.ts';
import type { DedupPerson } from '../dedup/types.ts';
import { explain, storedDedupPerson, type FoundPair } from '../find-duplicates.ts';
import { personsByKeys } from './import-store.ts';

/** A person of the batch as the duplicate search sees them: hashed keys computed once, when the row was prepared. */
export interface BatchProbe {
  person: DedupPerson & { id: string };
  /** Hashed blocking keys, as stored in person_dedup_key. */
  indexKeys: number[];
  /** Hashed keys to look up (`searchKeys`). */
  searchKeys: number[];
}

/**
 * The pairs that may be the same person among a batch about to be written and the
 * registry. One statement fetches every active registered person stored under any of
 * the batch's search keys; `unseen` are persons about to be written whom the database
 * may not show yet (the batch before, still committing), compared from memory. Within
 * the batch, each person is compared with those before them, in memory, on the keys
 * they are about to store: every person searches what was registered before them, as
 * at a desk, so the pairs are the same whatever the batch size. Each pair once, a < b.
 */
export async function findBatchPairs(db: Db, probes: BatchProbe[], unseen: readonly BatchProbe[] = []): Promise<FoundPair[]> {
  const wanted = new Set<number>();
  for (const p of probes) for (const k of p.searchKeys) wanted.add(k);
  if (wanted.size === 0) return [];
  const candidates = new Map<number, DedupPerson[]>();
  const add = (key: number, person: DedupPerson) => {
    const list = candidates.get(key);
    if (list) list.push(person);
    else candidates.set(key, [person]);
  };
  const stored = new Map<string, DedupPerson>();
  for (const row of await personsByKeys(db, [...wanted])) {
    let person = stored.get(row.id);
    if (!person) stored.set(row.id, (person = storedDedupPerson(row)));
    add(row.key, person);
  }
  // A person of `unseen` may come from the database too, if it committed meanwhile: `seen` below scores them once.
  for (const p of unseen) for (const k of p.indexKeys) if (wanted.has(k)) add(k, p.person);

  const pairs: FoundPair[] = [];
  for (const { person, searchKeys, indexKeys } of probes) {
    const seen = new Set<string>([person.id]);
    for (const key of searchKeys) {
      for (const other of candidates.get(key) ?? []) {
        if (seen.has(other.id)) continue;
        seen.add(other.id);
        const result = scorePair(person, other);
        if (result.decision === 'different') continue;
        const [a, b] = person.id < other.id ? [person.id, other.id] : [other.id, person.id];
        pairs.push({ a, b, score: result.score, reasons: explain(result.reasons) });
      }
    }
    // Registered from here on, for the persons after them.
    for (const k of indexKeys) if (wanted.has(k)) add(k, person);
  }
  return pairs;
}
