import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { signRecord } from '../../../test/support/terminal-client.ts';
import { distributionFixture, recordFor, redeemOnline, terminalRequest, type Fixture } from '../../../test/distribution/fixtures.ts';
import { revokeCard } from '../../credentials/issue-card.ts';
import { newCardNumber } from '../../credentials/codec/card-number.ts';
import { SYSTEM_ACTOR } from '../../audit/write-audit.ts';
import { balances, trialBalance } from '../../ledger/balances.ts';
import { closeCycle } from '../../cycles/cycle-lifecycle.ts';
import { priceOf, takeFrom } from './redemption-rules.ts';
import { redemptionWithRecords } from './store.ts';
import { thisMonth, SYSTEM } from '../../../test/distribution/fixtures.ts';

describe('redemption rules (pure)', () => {
  it('prices exactly, rounding to the cent half up', () => {
    assert.equal(priceOf(12_500n, '0.45'), '5.63');
    assert.equal(priceOf(2_500n, '0.45'), '1.13');
    assert.equal(priceOf(1_000n, '25000.00'), '25000.00');
    assert.equal(priceOf(333n, '0.10'), '0.03');
    assert.equal(priceOf(1_000n, '0.00'), '0.00');
  });
  it('takes a whole entitlement once, a partial one up to what is left', () => {
    assert.deepEqual(takeFrom({ partialPickups: false, entitled: 1000n, taken: 0n }, 1000n), { ok: true, remaining: 0n });
    assert.equal((takeFrom({ partialPickups: false, entitled: 2000n, taken: 0n }, 1000n) as { reason: string }).reason, 'not_whole');
    assert.equal((takeFrom({ partialPickups: false, entitled: 1000n, taken: 1000n }, 1000n) as { reason: string }).reason, 'already_redeemed');
    assert.deepEqual(takeFrom({ partialPickups: true, entitled: 40_000n, taken: 12_500n }, 27_500n), { ok: true, remaining: 0n });
    assert.equal((takeFrom({ partialPickups: true, entitled: 40_000n, taken: 12_500n }, 27_501n) as { reason: string }).reason, 'exceeds_remaining');
    assert.equal((takeFrom({ partialPickups: true, entitled: 40_000n, taken: 40_000n }, 1n) as { reason: string }).reason, 'already_redeemed');
  });
});

for (const engine of testEngines()) {
  describe(`redemption at a terminal (${engine})`, () => {
    let t: TestApp;
    let f: Fixture;
    const due = async (terminal = f.terminal, card = f.cards.rondon![0]!) => terminalRequest(t, terminal, 'GET', `/api/terminal/due?card=${card}`);
    const dueOf = async (program: string, card: string, terminal = f.terminal) => {
      const r = await due(terminal, card);
      assert.equal(r.statusCode, 200, r.body);
      return r.json().due.find((d: { program: { code: string } }) => d.program.code === program);
    };
    const audit = (action: string) => t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', action).orderBy('id').execute();

    before(async () => {
      t = await testApp(engine);
      f = await distributionFixture(t);
    });
    after(() => t.close());

    it("compiles the redemption's insert so that a taken id or pickup number inserts nothing, and its audit entry and SMS only with it, in one statement", () => {
      const row = { id: randomUUID(), receipt_no: 1, cycle_id: randomUUID(), subject: 's', pickup: 1, quantity: '1', remaining: '0', point_code: 'P', terminal_id: null, agent_id: null, agent_name: 'a', card_number: null, identified_by: 'card' as const, redeemed_at: new Date(), offline: false, currency: 'XAM', price_per_unit: '1.00', amount: '1.00', payment_method: 'cash' as const, payment_reference: null, posting_id: randomUUID(), request_hash: Buffer.alloc(32), device_signature: null };
      const compiled = redemptionWithRecords(row, { audit: (onlyIf) => sql`SELECT 1 WHERE ${onlyIf}`, sms: (onlyIf) => sql`SELECT 2 WHERE ${onlyIf}` }).compile(t.ctx.db).sql.replace(/\s+/g, ' ');
      assert.match(compiled, /^WITH r AS \( INSERT INTO redemption \(.*\) OVERRIDING SYSTEM VALUE VALUES \(.*\) ON CONFLICT DO NOTHING RETURNING recorded_at \), a AS \(SELECT 1 WHERE EXISTS \(SELECT 1 FROM r\)\), n AS \(SELECT 2 WHERE EXISTS \(SELECT 1 FROM r\)\)/);
    });

    it('refuses without a terminal signature, and a registrar altogether', async () => {
      const unsigned = await f.terminal.agent.get(`/api/terminal/due?card=${f.cards.rondon![0]}`);
      assert.equal(unsigned.statusCode, 401, unsigned.body);
      const registrar = await signedIn(t, 'registrar');
      assert.equal((await registrar.get(`/api/terminal/due?card=${f.cards.rondon![0]}`)).statusCode, 403);
    });

    it('says what is due to a card at this point, with no names, audited under the card number', async () => {
      const r = await due();
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json();
      assert.deepEqual(body.card, { number: f.cards.rondon![0], status: 'valid' });
      const codes = body.due.map((d: { program: { code: string } }) => d.program.code).sort();
      assert.deepEqual(codes, ['test-food', 'test-fuel']);
      const food = body.due.find((d: { program: { code: string } }) => d.program.code === 'test-food');
      assert.deepEqual([food.quantity, food.remaining, food.pricePerUnit, food.currency, food.partialPickups, food.period, food.pickups], ['1.000', '1.000', '25000.00', 'XAM', false, thisMonth, []]);
      assert.deepEqual(food.program.name, { es: 'Programa test-food', en: 'Program test-food' });
      assert.doesNotMatch(r.body, /Carmen|Rondón/);
      // The child's card sees the household's box too, but not the mother's fuel.
      const child = (await (await due(f.terminal, f.cards.rondon![1]!)).json()).due.map((d: { program: { code: string } }) => d.program.code);
      assert.deepEqual(child, ['test-food']);
      const [entry] = (await audit('distribution.due_read')).slice(-2);
      assert.deepEqual([entry!.purpose, entry!.subject_type, entry!.subject_id], ['distribution', 'card', f.cards.rondon![0]]);
    });

    it('answers 400 for a mistyped card, 404 CARD_UNKNOWN for none, and nothing due at another point', async () => {
      const card = f.cards.rondon![0]!;
      const typo = card.slice(0, 3) + (card[3] === '2' ? '3' : '2') + card.slice(4);
      assert.equal((await due(f.terminal, typo)).statusCode, 400);
      const r = await due(f.terminal, newCardNumber());
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().error.code, 'CARD_UNKNOWN');
      const elsewhere = await due(f.elsewhere, card);
      assert.equal(elsewhere.statusCode, 200);
      assert.deepEqual(elsewhere.json().due, []);
    });

    it('redeems a whole entitlement once: receipt, ledger posting, audit entry and SMS in one go; the same record again is the same receipt', async () => {
      const food = await dueOf('test-food', f.cards.rondon![0]!);
      const record = recordFor(f.terminal, food, { card: f.cards.rondon![0]!, quantity: '1', amount: '25000.00' });
      const r = await redeemOnline(t, f.terminal, record);
      assert.equal(r.statusCode, 201, r.body);
      const receipt = r.json();
      assert.deepEqual(
        [receipt.redemptionId, receipt.quantity, receipt.remaining, receipt.amount, receipt.paymentMethod, receipt.pointCode, receipt.terminalLabel, receipt.offline, receipt.smsQueued, receipt.replayed],
        [record.id, '1.000', '0.000', '25000.00', 'cash', f.terminal.pointCode, 'Tablet 1', false, true, false],
      );
      const again = await redeemOnline(t, f.terminal, record);
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual({ ...(again.json() as object), replayed: false }, receipt);
      assert.equal(again.json().replayed, true);

      const row = await t.ctx.db.selectFrom('redemption').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
      const posting = await t.ctx.db.selectFrom('ledger_posting').selectAll().where('id', '=', row.posting_id!).executeTakeFirstOrThrow();
      assert.equal(posting.idempotency_key, `redemption:${record.id}:price`);
      const [entry] = (await audit('distribution.redeemed')).filter((e) => e.subject_id === record.id);
      assert.deepEqual([entry!.purpose, entry!.subject_type, entry!.actor_id], ['distribution', 'redemption', f.terminal.agentId]);
      const sms = await t.ctx.db.selectFrom('notification').selectAll().where('about_id', '=', record.id).execute();
      assert.equal(sms.length, 1);
      assert.equal(sms[0]!.recipient, '+58 412 5550101');
      assert.match(sms[0]!.body, new RegExp(`recibo ${receipt.receiptNo}.*25000\\.00 XAM`));
      assert.doesNotMatch(sms[0]!.body, /Carmen|Rondón/);

      const after = await dueOf('test-food', f.cards.rondon![1]!);
      assert.equal(after.remaining, '0.000');
      assert.equal(after.pickups.length, 1);
      assert.equal(after.pickups[0].redemptionId, record.id);
    });

    it('refuses another record for the collected box with ALREADY_REDEEMED, when and where; the same id with other content with CONFLICT', async () => {
      const food = await dueOf('test-food', f.cards.rondon![1]!);
      const other = recordFor(f.second, food, { card: f.cards.rondon![1]!, quantity: '1', amount: '25000.00' });
      const r = await redeemOnline(t, f.second, other);
      assert.equal(r.statusCode, 409, r.body);
      assert.equal(r.json().error.code, 'ALREADY_REDEEMED');
      assert.equal(r.json().error.details.pointCode, f.terminal.pointCode);
      assert.equal(r.json().error.details.terminalLabel, 'Tablet 1');
      const first = food.pickups[0].redemptionId;
      const reused = recordFor(f.terminal, food, { id: first, card: f.cards.rondon![1]!, quantity: '1', amount: '25000.00' });
      const c = await redeemOnline(t, f.terminal, reused);
      assert.equal(c.statusCode, 409);
      assert.equal(c.json().error.code, 'CONFLICT');
    });

    it('takes partial pickups up to what is left, priced exactly, mobile payments with their reference', async () => {
      const card = f.cards.guerra![0]!;
      const fuel = await dueOf('test-fuel', card);
      assert.equal(fuel.partialPickups, true);
      const noRef = recordFor(f.terminal, fuel, { card, quantity: '12.5', amount: '5.63', method: 'mobile' });
      assert.equal((await redeemOnline(t, f.terminal, noRef)).statusCode, 400);
      const wrongPrice = recordFor(f.terminal, fuel, { card, quantity: '12.5', amount: '5.62' });
      const wp = await redeemOnline(t, f.terminal, wrongPrice);
      assert.equal(wp.statusCode, 422);
      assert.deepEqual([wp.json().error.code, wp.json().error.details.expected, wp.json().error.details.given], ['PRICE_MISMATCH', '5.63', '5.62']);
      const first = recordFor(f.terminal, fuel, { card, quantity: '12.5', amount: '5.63', method: 'mobile', reference: 'PM-000123' });
      const r1 = await redeemOnline(t, f.terminal, first);
      assert.equal(r1.statusCode, 201, r1.body);
      assert.deepEqual([r1.json().remaining, r1.json().paymentReference, r1.json().smsQueued], ['27.500', 'PM-000123', false]);
      const tooMuch = recordFor(f.terminal, fuel, { card, quantity: '28', amount: '12.60' });
      const r2 = await redeemOnline(t, f.terminal, tooMuch);
      assert.equal(r2.statusCode, 422);
      assert.equal(r2.json().error.details.remaining, '27.500');
      const rest = recordFor(f.second, fuel, { card, quantity: '27.5', amount: '12.38' });
      const r3 = await redeemOnline(t, f.second, rest);
      assert.equal(r3.statusCode, 201, r3.body);
      assert.equal(r3.json().remaining, '0.000');
      const more = recordFor(f.terminal, fuel, { card, quantity: '1', amount: '0.45' });
      assert.equal((await redeemOnline(t, f.terminal, more)).json().error.code, 'ALREADY_REDEEMED');
      const whole = await dueOf('test-food', card);
      const half = recordFor(f.terminal, whole, { card, quantity: '0.5', amount: '12500.00' });
      assert.equal((await redeemOnline(t, f.terminal, half)).statusCode, 422, 'a whole-pickup program takes the whole entitlement');
    });

    it('refuses a record signed by another key, of another terminal, or an entitlement of another point', async () => {
      const card = f.cards.acosta![0]!;
      const food = await dueOf('test-food', card);
      const record = recordFor(f.terminal, food, { card, quantity: '1', amount: '25000.00' });
      const forged = await redeemOnline(t, f.terminal, record, signRecord(f.second.privateKey, record));
      assert.equal(forged.statusCode, 401);
      const foreign = await redeemOnline(t, f.second, record);
      assert.equal(foreign.statusCode, 400, 'a record of terminal 1 sent by terminal 2');
      const lejos = f.cards.lejos![0]!;
      const theirs = await dueOf('test-food', lejos, f.elsewhere);
      const here = recordFor(f.terminal, theirs, { card: lejos, quantity: '1', amount: '25000.00' });
      const r = await redeemOnline(t, f.terminal, here);
      assert.equal(r.statusCode, 404, r.body);
      const mismatch = recordFor(f.terminal, food, { card: f.cards.guerra![0]!, quantity: '1', amount: '25000.00' });
      assert.equal((await redeemOnline(t, f.terminal, mismatch)).statusCode, 404, "a card cannot collect another household's box");
      assert.equal(await t.ctx.db.selectFrom('redemption').select('id').where('subject', '=', food.subject).executeTakeFirst(), undefined);
    });

    it('refuses a revoked card and says so in what is due', async () => {
      const card = f.cards.acosta![0]!;
      const food = await dueOf('test-food', card);
      await revokeCard(t.ctx, { ...SYSTEM_ACTOR, regionScopes: ['*'] }, card, { reason: 'lost' });
      const r = await due(f.terminal, card);
      assert.deepEqual(r.json(), { card: { number: card, status: 'revoked', revocationReason: 'lost' }, due: [] });
      const record = recordFor(f.terminal, food, { card, quantity: '1', amount: '25000.00' });
      const refused = await redeemOnline(t, f.terminal, record);
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.code, 'CARD_REVOKED');
    });

    it('gives a receipt again at its own point only', async () => {
      const [row] = await t.ctx.db.selectFrom('redemption').select('id').limit(1).execute();
      const own = await terminalRequest(t, f.second, 'GET', `/api/terminal/receipts/${row!.id}`);
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(own.json().redemptionId, row!.id);
      assert.equal((await terminalRequest(t, f.elsewhere, 'GET', `/api/terminal/receipts/${row!.id}`)).statusCode, 404);
      assert.equal((await terminalRequest(t, f.terminal, 'GET', `/api/terminal/receipts/${randomUUID()}`)).statusCode, 404);
    });

    it('the ledger balances, and the cycles collected exactly what the receipts say', async () => {
      const trial = await trialBalance(t.ctx.db);
      assert.equal(trial.balanced, true, JSON.stringify(trial));
      const food = await balances(t.ctx.db, { cycle: f.foodCycle });
      assert.equal(food.find((b) => b.account.endsWith(':collected'))!.balance, '25000.00');
      const fuel = await balances(t.ctx.db, { cycle: f.fuelCycle });
      assert.equal(fuel.find((b) => b.account.endsWith(':collected'))!.balance, '18.01');
    });

    it('lets a program manager allow partial pickups, a new version published with the program', async () => {
      const manager = await signedIn(t, 'program_manager', { programs: ['test-food'] });
      const before = (await manager.get('/api/programs/test-food')).json();
      assert.equal(before.partialPickups, false);
      const r = await t.app.inject({
        method: 'PATCH',
        url: '/api/programs/test-food',
        payload: { expectedVersion: before.version, reason: 'se permiten retiros parciales', changes: { partialPickups: true } },
        headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf },
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().partialPickups, true);
      const published = ((await t.app.inject({ method: 'GET', url: '/api/public/programs' })).json() as { programs: { code: string; partialPickups: boolean }[] }).programs;
      assert.equal(published.find((p) => p.code === 'test-food')!.partialPickups, true);
      const history = await t.ctx.db.selectFrom('program_version').select('data').where('version', '=', before.version + 1).execute();
      assert.ok(history.some((h) => (h.data as { partialPickups?: boolean }).partialPickups === true));
    });

    it('refuses a redemption once the cycle is closed', async () => {
      const card = f.cards.rondon![0]!;
      const fuel = await dueOf('test-fuel', card);
      await closeCycle(t.ctx, SYSTEM, 'test-fuel', thisMonth, { reason: 'cierre de prueba' });
      const record = recordFor(f.terminal, fuel, { card, quantity: '1', amount: '0.45' });
      const r = await redeemOnline(t, f.terminal, record);
      assert.equal(r.statusCode, 422, r.body);
      assert.equal(r.json().error.details.reason, 'cycle_not_open');
    });
  });
}
