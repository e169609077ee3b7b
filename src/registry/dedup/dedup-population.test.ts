import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockingKeys, searchKeys } from './blocking-keys.ts';
import { DEFAULT_THRESHOLDS, scorePair } from './score.ts';
import { syntheticPopulation } from './synthetic-population.ts';

/**
 * The whole engine on a synthetic registry: households with siblings, twins and sons
 * named after their fathers, and planted duplicates carrying one to three registrar
 * slips (plus moving house or coming without a document). Persons are enrolled one by
 * one: each is searched in the index of those before it (`searchKeys` against
 * `blockingKeys`, as the database does), every candidate is scored, then it is indexed.
 * A planted duplicate that blocking never fetches counts as missed.
 */
describe('deduplication of a synthetic registry', () => {
  it('finds at least 95 % of planted duplicates, and at least 90 % of what it flags is one', () => {
    const { persons, planted } = syntheticPopulation({ households: 3_000, duplicates: 600, seed: 1985 });
    const pairKey = (a: string, b: string) => (a < b ? `${a}~${b}` : `${b}~${a}`);
    const truth = new Set(planted.map((p) => pairKey(p.duplicateId, p.originalId)));

    const index = new Map<string, number[]>();
    const scored: { score: number; duplicate: boolean }[] = [];
    persons.forEach((person, i) => {
      const candidates = new Set<number>();
      for (const k of searchKeys(person)) for (const j of index.get(k) ?? []) candidates.add(j);
      for (const j of candidates) {
        const other = persons[j]!;
        scored.push({ score: scorePair(person, other).score, duplicate: truth.has(pairKey(person.id, other.id)) });
      }
      for (const k of blockingKeys(person)) {
        const list = index.get(k);
        if (list) list.push(i);
        else index.set(k, [i]);
      }
    });

    const at = (threshold: number) => {
      const flagged = scored.filter((s) => s.score >= threshold);
      const found = flagged.filter((s) => s.duplicate).length;
      return { recall: found / truth.size, precision: flagged.length === 0 ? 1 : found / flagged.length, flagged: flagged.length };
    };
    const fetched = scored.filter((s) => s.duplicate).length;
    const review = at(DEFAULT_THRESHOLDS.review);
    const same = at(DEFAULT_THRESHOLDS.same);
    console.log(
      `dedup: ${persons.length} persons, ${truth.size} planted duplicates, ${scored.length} candidate pairs; ` +
        `blocking fetched ${(fetched / truth.size * 100).toFixed(1)} % of duplicates; ` +
        `review ≥ ${DEFAULT_THRESHOLDS.review}: recall ${(review.recall * 100).toFixed(1)} %, precision ${(review.precision * 100).toFixed(1)} % (${review.flagged} flagged); ` +
        `same ≥ ${DEFAULT_THRESHOLDS.same}: recall ${(same.recall * 100).toFixed(1)} %, precision ${(same.precision * 100).toFixed(1)} %`,
    );
    assert.equal(truth.size, 600);
    assert.ok(review.recall >= 0.95, `recall ${review.recall}`);
    assert.ok(review.precision >= 0.9, `precision ${review.precision}`);
    assert.ok(same.precision >= 0.98, `precision at "same" ${same.precision}`);
    assert.ok(scored.length < persons.length * 2, 'blocking keeps the candidate pairs few');
  });
});
