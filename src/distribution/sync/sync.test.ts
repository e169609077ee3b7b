import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { signRecord } from '../../../test/support/terminal-client.ts';
import { distributionFixture, recordFor, terminalRequest, type Fixture } from '../../../test/distribution/fixtures.ts';
import { newCardNumber } from '../../credentials/codec/card-number.ts';
import { cardCacheKey, fromBase64url, type RedemptionRecord } from '../protocol/terminal-protocol.ts';
import { nodeCardCacheKey, packageHashKey } from './package-key.ts';

describe('offline package keys (pure)', () => {
  it("node:crypto's card key is the protocol's cardCacheKey, byte for byte", async () => {
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(32);
      const card = newCardNumber();
      assert.equal(nodeCardCacheKey(key, card), await cardCacheKey(new Uint8Array(key), card));
    }
  });
  it('derives one key per terminal and day', () => {
    const master = Buffer.alloc(32, 9);
    const a = packageHashKey(master, '00000000-0000-4000-8000-000000000001', '2026-12-01');
    assert.equal(a.length, 32);
    assert.notDeepEqual(a, packageHashKey(master, '00000000-0000-4000-8000-000000000002', '2026-12-01'));
    assert.notDeepEqual(a, packageHashKey(master, '00000000-0000-4000-8000-000000000001', '2026-12-02'));
    assert.deepEqual(a, packageHashKey(master, '00000000-0000-4000-8000-000000000001', '2026-12-01'));
  });
});

type Due = { cycleId: string; subject: string; program: { code: string } };

for (const engine of testEngines()) {
  describe(`offline package and sync (${engine})`, () => {
    let t: TestApp;
    let f: Fixture;
    const dueOf = async (program: string, card: string) => {
      const r = await terminalRequest(t, f.terminal, 'GET', `/api/terminal/due?card=${card}`);
      return (r.json().due as Due[]).find((d) => d.program.code === program)!;
    };
    const sync = (terminal: Fixture['terminal'], records: { record: RedemptionRecord; signature: string }[]) => terminalRequest(t, terminal, 'POST', '/api/terminal/sync', { records });
    const signed = (terminal: Fixture['terminal'], record: RedemptionRecord) => ({ record, signature: signRecord(terminal.privateKey, record) });

    before(async () => {
      t = await testApp(engine);
      f = await distributionFixture(t);
    });
    after(() => t.close());

    it("packages the point's entitlements under keyed hashes of its cards, with no names or card numbers, audited", async () => {
      const r = await terminalRequest(t, f.terminal, 'GET', '/api/terminal/package');
      assert.equal(r.statusCode, 200, r.body);
      const p = r.json();
      assert.deepEqual(p.cycles.map((c: { program: { code: string } }) => c.program.code).sort(), ['test-food', 'test-fuel']);
      const hashKey = fromBase64url(p.hashKey);
      assert.equal(hashKey.length, 32);
      const food = await dueOf('test-food', f.cards.rondon![0]!);
      const entry = p.entitlements.find((e: { subject: string; cycleId: string }) => e.subject === food.subject && e.cycleId === food.cycleId);
      const expected = await Promise.all(f.cards.rondon!.map((c) => cardCacheKey(hashKey, c)));
      assert.deepEqual([...entry.cardKeys].sort(), expected.sort(), "every member's card opens the household's box");
      // Three households of the point have a box, two a fuel quota; the household of the other point is not here.
      assert.equal(p.entitlements.length, 5);
      for (const c of Object.values(f.cards).flat()) assert.ok(!r.body.includes(c), 'no card number in clear');
      assert.doesNotMatch(r.body, /Rondón|Guerra|Villegas/);
      const other = (await terminalRequest(t, f.second, 'GET', '/api/terminal/package')).json();
      assert.notEqual(other.hashKey, p.hashKey, 'two terminals never share a key');
      const audit = await t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', 'distribution.package_downloaded').execute();
      assert.equal(audit.length, 2);
    });

    it('records offline pickups as of when they happened; the same batch again gives duplicates with the same receipts', async () => {
      const card = f.cards.guerra![0]!;
      const food = await dueOf('test-food', card);
      const redeemedAt = new Date(Date.now() - 3 * 3600_000).toISOString();
      const batch = [signed(f.terminal, recordFor(f.terminal, food, { card, quantity: '1', amount: '25000.00', redeemedAt }))];
      const r = await sync(f.terminal, batch);
      assert.equal(r.statusCode, 200, r.body);
      const [result] = r.json().results;
      assert.equal(result.status, 'recorded', r.body);
      assert.deepEqual([result.receipt.offline, result.receipt.redeemedAt], [true, redeemedAt]);
      const row = await t.ctx.db.selectFrom('redemption').selectAll().where('id', '=', batch[0]!.record.id).executeTakeFirstOrThrow();
      assert.equal(row.redeemed_at.toISOString(), redeemedAt);
      assert.equal(row.device_signature!.toString('base64url'), batch[0]!.signature);
      const posting = await t.ctx.db.selectFrom('ledger_posting').selectAll().where('id', '=', row.posting_id!).executeTakeFirstOrThrow();
      assert.equal(posting.effective_at.toISOString(), redeemedAt);

      const again = await sync(f.terminal, batch);
      const [dup] = again.json().results;
      assert.equal(dup.status, 'duplicate');
      assert.equal(dup.receipt.receiptNo, result.receipt.receiptNo);
      assert.equal((await t.ctx.db.selectFrom('redemption').select('id').where('subject', '=', food.subject).execute()).length, 1);
    });

    it("keeps a second device's pickup of the same box as a conflict, its price posted, once however often it is sent", async () => {
      const card = f.cards.rondon![1]!;
      const food = await dueOf('test-food', card);
      const first = signed(f.terminal, recordFor(f.terminal, food, { card, quantity: '1', amount: '25000.00' }));
      // The second device, offline, with the other tablet's agent.
      const second = signed(f.second, recordFor(f.second, food, { card: f.cards.rondon![0]!, quantity: '1', amount: '25000.00', agentId: f.second.agentId }));
      assert.equal((await sync(f.terminal, [first])).json().results[0].status, 'recorded');
      const r = await sync(f.second, [second]);
      const [conflict] = r.json().results;
      assert.equal(conflict.status, 'conflict', r.body);
      assert.deepEqual(conflict.conflict, { id: second.record.id, reason: 'already_redeemed', conflictsWith: [first.record.id] });
      const row = await t.ctx.db.selectFrom('redemption_conflict').selectAll().where('id', '=', second.record.id).executeTakeFirstOrThrow();
      assert.equal(row.device_signature.toString('base64url'), second.signature);
      assert.deepEqual(row.record, JSON.parse(JSON.stringify(second.record)));
      const posting = await t.ctx.db.selectFrom('ledger_posting').selectAll().where('id', '=', row.posting_id!).executeTakeFirstOrThrow();
      assert.deepEqual([posting.idempotency_key, posting.redemption_id], [`conflict:${second.record.id}:price`, second.record.id]);

      const again = (await sync(f.second, [second])).json().results[0];
      assert.deepEqual(again, conflict);
      assert.equal((await t.ctx.db.selectFrom('redemption_conflict').select('id').execute()).length, 1);
      assert.equal((await t.ctx.db.selectFrom('audit_entry').select('id').where('action', '=', 'distribution.conflict_recorded').execute()).length, 1);
    });

    it('keeps more than is left as a conflict; refuses, storing nothing, a changed record, another terminal\'s, an unassigned agent\'s', async () => {
      const card = f.cards.guerra![0]!;
      const fuel = await dueOf('test-fuel', card);
      const ok = signed(f.terminal, recordFor(f.terminal, fuel, { card, quantity: '30', amount: '13.50' }));
      const over = signed(f.terminal, recordFor(f.terminal, fuel, { card, quantity: '20', amount: '9.00' }));
      const tampered = signed(f.terminal, recordFor(f.terminal, fuel, { card, quantity: '1', amount: '0.45' }));
      tampered.record = { ...tampered.record, quantity: '2', payment: { ...tampered.record.payment, amount: '0.90' } };
      const foreign = signed(f.second, recordFor(f.second, fuel, { card, quantity: '1', amount: '0.45' }));
      const stranger = await signedIn(t, 'distribution_agent', { regions: ['AN-01'] });
      const strangerId = (await t.ctx.db.selectFrom('official').select('id').where('username', '=', stranger.username).executeTakeFirstOrThrow()).id;
      const unassigned = signed(f.terminal, recordFor(f.terminal, fuel, { card, quantity: '1', amount: '0.45', agentId: strangerId }));
      const r = await sync(f.terminal, [ok, over, tampered, foreign, unassigned]);
      const results = r.json().results as { status: string; conflict?: { reason: string }; error?: { code: string } }[];
      assert.deepEqual(results.map((x) => x.status), ['recorded', 'conflict', 'refused', 'refused', 'refused']);
      assert.equal(results[1]!.conflict!.reason, 'exceeds_remaining');
      assert.deepEqual(results.slice(2).map((x) => x.error!.code), ['TERMINAL_SIGNATURE_INVALID', 'VALIDATION_FAILED', 'FORBIDDEN']);
      for (const refused of [tampered, foreign, unassigned]) {
        assert.equal(await t.ctx.db.selectFrom('redemption').select('id').where('id', '=', refused.record.id).executeTakeFirst(), undefined);
        assert.equal(await t.ctx.db.selectFrom('redemption_conflict').select('id').where('id', '=', refused.record.id).executeTakeFirst(), undefined);
      }
      const again = (await sync(f.terminal, [ok, over, tampered, foreign, unassigned])).json().results as { status: string }[];
      assert.deepEqual(again.map((x) => x.status), ['duplicate', 'conflict', 'refused', 'refused', 'refused']);
      const batches = await t.ctx.db.selectFrom('terminal_sync').selectAll().where('terminal_id', '=', f.terminal.terminalId).orderBy('received_at').execute();
      assert.deepEqual(batches.slice(-2).map((b) => [b.records, b.recorded, b.duplicates, b.conflicts]), [[5, 1, 0, 1], [5, 0, 1, 1]]);
      const synced = await t.ctx.db.selectFrom('audit_entry').select('detail').where('action', '=', 'distribution.synced').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal((synced.detail as { refused: number }).refused, 3);
    });

    it('refuses more than 500 records in one batch', async () => {
      const card = f.cards.guerra![0]!;
      const fuel = await dueOf('test-fuel', card);
      const one = signed(f.terminal, recordFor(f.terminal, fuel, { card, quantity: '1', amount: '0.45' }));
      const r = await sync(f.terminal, Array.from({ length: 501 }, () => one));
      assert.equal(r.statusCode, 400);
    });
  });
}
