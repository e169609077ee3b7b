import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { DEFAULT_THRESHOLDS } from './dedup/score.ts';
import { dedupPersonOf, findPairsForMany } from './find-duplicates.ts';
import { insertDedupPairsBulk } from './import/import-store.ts';
import type { Evidence } from './tables.ts';
import { activePersonsPage } from './store.ts';

const PAGE = 2000;

/**
 * Every pair of active records that may be the same person, across the whole
 * registry, a page of persons at a time (memory holds one page and the pairs seen).
 * With `queue`, new pairs also go to the review queue.
 */
export async function* listCandidatePairs(ctx: AppContext, options: { queue: boolean }) {
  const seen = new Set<string>();
  let after = '';
  for (;;) {
    const page = await activePersonsPage(ctx.db, after, PAGE);
    if (page.length === 0) return;
    after = page.at(-1)!.id;
    const probes = page.map((p) => ({
      ...dedupPersonOf(
        {
          givenNames: p.given_names,
          familyNames: p.family_names,
          sex: p.sex,
          birthDate: p.birth_date ? { value: p.birth_date, precision: p.birth_date_precision, declared: p.birth_date_declared } : null,
          evidence: p.evidence as Evidence[],
        },
        { id: p.id, householdId: p.household_id, regionCode: p.region_code, address: p.address as never },
      ),
      id: p.id,
    }));
    const pairs = (await findPairsForMany(ctx.db, probes)).filter((p) => !seen.has(`${p.a}|${p.b}`));
    pairs.forEach((p) => seen.add(`${p.a}|${p.b}`));
    if (options.queue && pairs.length) {
      await insertDedupPairsBulk(
        ctx.db,
        pairs.map((p) => ({ id: randomUUID(), person_a: p.a, person_b: p.b, score: p.score, reasons: JSON.stringify(p.reasons), source: 'batch' as const })),
      );
    }
    for (const p of pairs) yield { ...p, decision: p.score >= DEFAULT_THRESHOLDS.same ? ('same' as const) : ('review' as const) };
  }
}
