import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { distributionFixture, recordFor, redeemOnline, terminalRequest, type Fixture } from '../../../test/distribution/fixtures.ts';
import { reverse } from '../../ledger/reverse.ts';

/**
 * Reconciliation over pickups made through the real terminal route (the redemption
 * service writes the row, its ledger posting and its audit entry together): the books
 * balance to the cent, per cycle; a price reversed afterwards is named.
 */
for (const engine of testEngines()) {
  describe(`reconciliation of pickups made at a terminal (${engine})`, () => {
    let t: TestApp;
    let f: Fixture;
    let manager: Awaited<ReturnType<typeof signedIn>>;
    const reconciliation = async (cycle: string) => {
      const r = await manager.get(`/api/distribution/points/${f.terminal.pointCode}/reconciliation?cycle=${cycle}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };
    const due = async (program: string, card: string) => {
      const r = await terminalRequest(t, f.terminal, 'GET', `/api/terminal/due?card=${card}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json().due.find((d: { program: { code: string } }) => d.program.code === program);
    };

    before(async () => {
      t = await testApp(engine);
      f = await distributionFixture(t);
      manager = await signedIn(t, 'program_manager', { programs: ['test-food', 'test-fuel'] });
    });
    after(() => t.close());

    it('balances to the cent after boxes paid in cash and litres paid by mobile, in several pickups', async () => {
      for (const name of ['rondon', 'guerra']) {
        const card = f.cards[name]![0]!;
        const r = await redeemOnline(t, f.terminal, recordFor(f.terminal, await due('test-food', card), { card, quantity: '1', amount: '25000.00' }));
        assert.equal(r.statusCode, 201, r.body);
      }
      const card = f.cards.rondon![0]!;
      for (const [quantity, amount] of [['12.5', '5.63'], ['2.5', '1.13']] as const) {
        const r = await redeemOnline(t, f.terminal, recordFor(f.terminal, await due('test-fuel', card), { card, quantity, amount, method: 'mobile', reference: `MP${quantity.replace('.', '')}` }));
        assert.equal(r.statusCode, 201, r.body);
      }

      const food = await reconciliation(f.foodCycle);
      assert.deepEqual(food.discrepancies, []);
      assert.equal(food.balanced, true);
      assert.deepEqual([food.entitlements, food.redeemed, food.outstanding], [{ count: 3, quantity: '3.000' }, { entitlements: 2, pickups: 2, quantity: '2.000' }, { count: 1, quantity: '1.000' }]);
      assert.deepEqual([food.expected.cash, food.ledger.cash, food.ledger.collected], [{ count: 2, amount: '50000.00' }, '50000.00', '50000.00']);

      const fuel = await reconciliation(f.fuelCycle);
      assert.deepEqual(fuel.discrepancies, []);
      assert.deepEqual([fuel.redeemed, fuel.outstanding], [{ entitlements: 1, pickups: 2, quantity: '15.000' }, { count: 2, quantity: '65.000' }]);
      assert.deepEqual([fuel.expected.mobile, fuel.ledger.mobile, fuel.ledger.collected], [{ count: 2, amount: '6.76' }, '6.76', '6.76']);
    });

    it("names the pickup whose price was reversed, and the ledger's cash falling short of the pickups", async () => {
      const posting = await t.ctx.db.selectFrom('redemption').select(['id', 'posting_id']).where('cycle_id', '=', f.foodCycle).orderBy('receipt_no').executeTakeFirstOrThrow();
      const reversal = await reverse(t.ctx.db, posting.posting_id!, { idempotencyKey: 'test:reverse-box', reason: 'cobrado por error', by: { officialId: null } });
      const food = await reconciliation(f.foodCycle);
      assert.equal(food.balanced, false);
      assert.deepEqual(food.discrepancies, [
        { kind: 'posting_reversed', redemptionId: posting.id, postingId: posting.posting_id, reversalId: reversal.posting.id, amount: '25000.00' },
        { kind: 'ledger_total_differs', account: 'cash', expected: '50000.00', ledger: '25000.00', difference: '-25000.00' },
        { kind: 'ledger_total_differs', account: 'collected', expected: '50000.00', ledger: '25000.00', difference: '-25000.00' },
      ]);
      assert.equal((await reconciliation(f.fuelCycle)).balanced, true, 'the other cycle of the point is untouched');
    });
  });
}
