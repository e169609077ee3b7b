import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { freshDatabase, testEngines, type TestDatabase } from '../../test/support/databases.ts';
import { fromCents, toCents } from './amounts.ts';
import { balances, trialBalance } from './balances.ts';
import { accountCode } from './chart.ts';
import { post } from './post.ts';
import type { PostingLineInput } from './posting-request.ts';
import { reverse } from './reverse.ts';

/**
 * Whatever balanced postings are made, and whichever of them are reversed, the trial
 * balance stays level in every currency and each account's debits and credits are
 * exactly the sums of its lines, as a model that adds whole cents in bigint computes them.
 */

const PERIODS = ['2026-11', '2026-12', '2026-W49'] as const;
const CURRENCIES = ['VES', 'USD'] as const;

const cents = fc.oneof(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: 10n ** 15n }));
const side = fc.record({
  debits: fc.array(fc.record({ cents, mobile: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  creditWeights: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), period: fc.constantFrom(...PERIODS) }), { minLength: 1, maxLength: 4 }),
});
const posting = fc.record({
  byCurrency: fc.record({ VES: fc.option(side, { nil: undefined }), USD: fc.option(side, { nil: undefined }) }).filter((c) => c.VES !== undefined || c.USD !== undefined),
  reverseOne: fc.option(fc.nat(), { nil: undefined }),
});

/** Splits a total into parts of at least one cent each, in proportion to the weights. */
function split(total: bigint, weights: number[]): bigint[] {
  const n = BigInt(Math.min(weights.length, Number(total < 1000n ? total : 1000n)));
  const used = weights.slice(0, Number(n));
  const sum = BigInt(used.reduce((a, b) => a + b, 0));
  const rest = total - n;
  const parts = used.map((w) => 1n + (rest * BigInt(w)) / sum);
  parts[parts.length - 1]! += total - parts.reduce((a, b) => a + b, 0n);
  return parts;
}

for (const engine of testEngines()) {
  describe(`ledger properties (${engine})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await freshDatabase(engine);
    });
    after(() => database.close());

    it('keeps the trial balance level and every balance equal to the sum of its lines', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(posting, { minLength: 1, maxLength: 6 }), async (generated) => {
          const db = database.db;
          const point = `PROP-${++run}`;
          const program = `prop-${run}`;
          const cycleId = randomUUID();
          const model = new Map<string, { debits: bigint; credits: bigint }>();
          const add = (line: PostingLineInput) => {
            const k = `${line.account} ${line.currency}`;
            const m = model.get(k) ?? { debits: 0n, credits: 0n };
            m[line.side === 'debit' ? 'debits' : 'credits'] += toCents(line.amount);
            model.set(k, m);
          };
          const posted: { id: string; lines: PostingLineInput[] }[] = [];
          const reversed = new Set<string>();

          for (const g of generated) {
            const lines: PostingLineInput[] = [];
            for (const currency of CURRENCIES) {
              const s = g.byCurrency[currency];
              if (!s) continue;
              let total = 0n;
              for (const d of s.debits) {
                total += d.cents;
                lines.push({ account: d.mobile ? accountCode.pointMobile(point) : accountCode.pointCash(point), currency, side: 'debit', amount: fromCents(d.cents) });
              }
              split(total, s.creditWeights.map((c) => c.weight)).forEach((part, i) =>
                lines.push({ account: accountCode.programCollected(program, s.creditWeights[i]!.period), currency, side: 'credit', amount: fromCents(part) }),
              );
            }
            const { posting: p } = await post(db, {
              idempotencyKey: randomUUID(),
              kind: 'collection',
              lines,
              references: { point, program, cycleId, paymentReference: 'PM-0001' },
            });
            lines.forEach(add);
            posted.push({ id: p.id, lines });

            if (g.reverseOne !== undefined) {
              const target = posted[g.reverseOne % posted.length]!;
              if (!reversed.has(target.id)) {
                await reverse(db, target.id, { idempotencyKey: randomUUID(), reason: 'prueba', by: { officialId: null } });
                reversed.add(target.id);
                target.lines.forEach((l) => add({ ...l, side: l.side === 'debit' ? 'credit' : 'debit' }));
              }
            }
          }

          const rows = [...(await balances(db, { accountPrefix: `point:${point}` })), ...(await balances(db, { accountPrefix: `program:${program}` }))];
          assert.deepEqual(new Set(rows.map((r) => `${r.account} ${r.currency}`)), new Set(model.keys()));
          for (const r of rows) {
            const m = model.get(`${r.account} ${r.currency}`)!;
            assert.equal(r.debits, fromCents(m.debits), r.account);
            assert.equal(r.credits, fromCents(m.credits), r.account);
            const grows = r.type === 'asset' || r.type === 'expense' ? m.debits - m.credits : m.credits - m.debits;
            assert.equal(r.balance, fromCents(grows), r.account);
          }
          // The same lines, seen by reference instead of by account.
          assert.deepEqual(await balances(db, { point, cycle: cycleId }), rows.sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : a.currency < b.currency ? -1 : 1)));

          const trial = await trialBalance(db);
          assert.equal(trial.balanced, true);
          for (const c of trial.currencies) assert.equal(c.debits, c.credits, c.currency);
        }),
        { numRuns: 25 },
      );
    });
  });
}
