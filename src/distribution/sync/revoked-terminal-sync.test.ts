import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { signRecord } from '../../../test/support/terminal-client.ts';
import { distributionFixture, recordFor, redeemOnline, terminalRequest, type Fixture } from '../../../test/distribution/fixtures.ts';
import type { RedemptionRecord } from '../protocol/terminal-protocol.ts';

type Due = { cycleId: string; subject: string; program: { code: string } };
type Result = { id: string; status: string; receipt?: { receiptNo: number }; conflict?: { id: string; reason: string; conflictsWith: string[] }; error?: { code: string; message: string } };

/**
 * A revoked terminal (lost, stolen, retired, or revoked by mistake) still sends the
 * records it kept: those made before the revocation reach a supervisor as conflicts,
 * never as redemptions; those dated after it are refused; nothing else it asks is answered.
 */
for (const engine of testEngines()) {
  describe(`sync of a revoked terminal (${engine})`, () => {
    let t: TestApp;
    let f: Fixture;
    let revokedAt: Date;
    const signed = (record: RedemptionRecord) => ({ record, signature: signRecord(f.second.privateKey, record) });
    const sync = (records: { record: RedemptionRecord; signature: string }[]) => terminalRequest(t, f.second, 'POST', '/api/terminal/sync', { records });
    const dueOf = async (program: string, card: string) => {
      const r = await terminalRequest(t, f.terminal, 'GET', `/api/terminal/due?card=${card}`);
      return (r.json().due as Due[]).find((d) => d.program.code === program)!;
    };
    // Made on the second tablet: one redeemed online before the revocation, one kept offline
    // from before it, one made offline after it (the device did not know), one changed after signing.
    let online: ReturnType<typeof signed>;
    let before_: ReturnType<typeof signed>;
    let later: ReturnType<typeof signed>;
    let tampered: ReturnType<typeof signed>;

    before(async () => {
      t = await testApp(engine);
      f = await distributionFixture(t);
      const guerra = f.cards.guerra![0]!;
      const rondon = f.cards.rondon![0]!;
      const fuel = await dueOf('test-fuel', guerra);
      const food = await dueOf('test-food', rondon);
      online = signed(recordFor(f.second, fuel, { card: guerra, quantity: '10', amount: '4.50' }));
      assert.equal((await redeemOnline(t, f.second, online.record, online.signature)).statusCode, 201);
      before_ = signed(recordFor(f.second, food, { card: rondon, quantity: '1', amount: '25000.00', redeemedAt: new Date(Date.now() - 3600_000).toISOString() }));
      tampered = signed(recordFor(f.second, fuel, { card: guerra, quantity: '1', amount: '0.45', redeemedAt: new Date(Date.now() - 1800_000).toISOString() }));
      tampered.record = { ...tampered.record, quantity: '2', payment: { ...tampered.record.payment, amount: '0.90' } };
      const revoked = await f.terminal.admin.post(`/api/distribution/terminals/${f.second.terminalId}/revoke`, { reason: 'tablet stolen' });
      assert.equal(revoked.statusCode, 200, revoked.body);
      revokedAt = new Date(revoked.json().revokedAt);
      later = signed(recordFor(f.second, fuel, { card: guerra, quantity: '5', amount: '2.25', redeemedAt: new Date(revokedAt.getTime() + 1).toISOString() }));
    });
    after(() => t.close());

    it('refuses every other route (403 TERMINAL_REVOKED), audited', async () => {
      const fresh = signed(recordFor(f.second, await dueOf('test-food', f.cards.acosta![0]!), { card: f.cards.acosta![0]!, quantity: '1', amount: '25000.00' }));
      const calls = [
        terminalRequest(t, f.second, 'GET', '/api/terminal/me'),
        terminalRequest(t, f.second, 'GET', '/api/terminal/package'),
        terminalRequest(t, f.second, 'GET', `/api/terminal/due?card=${f.cards.acosta![0]!}`),
        terminalRequest(t, f.second, 'POST', '/api/terminal/redemptions', fresh),
        terminalRequest(t, f.second, 'GET', `/api/terminal/receipts/${online.record.id}`),
      ];
      for (const r of await Promise.all(calls)) {
        assert.equal(r.statusCode, 403, r.body);
        assert.equal(r.json().error.code, 'TERMINAL_REVOKED');
      }
      assert.equal(await t.ctx.db.selectFrom('redemption').select('id').where('id', '=', fresh.record.id).executeTakeFirst(), undefined);
      const denied = await t.ctx.db.selectFrom('audit_entry').select('detail').where('action', '=', 'access.denied').where('subject_id', '=', f.second.terminalId).execute();
      assert.equal(denied.filter((d) => (d.detail as { terminal?: string }).terminal === 'revoked').length, 5);
    });

    it("keeps its records from before the revocation as 'terminal_revoked' conflicts with their price posted, refuses later ones, says it is revoked", async () => {
      const r = await sync([online, before_, later, tampered]);
      assert.equal(r.statusCode, 200, r.body);
      const answer = r.json() as { terminalRevoked: boolean; results: Result[] };
      assert.equal(answer.terminalRevoked, true);
      const [wasOnline, kept, afterwards, changed] = answer.results;
      assert.equal(wasOnline!.status, 'duplicate', 'a redemption made before the revocation stays what it was');
      assert.equal(kept!.status, 'conflict', JSON.stringify(kept));
      assert.deepEqual(kept!.conflict, { id: before_.record.id, reason: 'terminal_revoked', conflictsWith: [] });
      assert.equal(afterwards!.status, 'refused');
      assert.equal(afterwards!.error!.code, 'TERMINAL_REVOKED');
      assert.match(afterwards!.error!.message, /after this terminal was revoked/);
      assert.equal(changed!.error!.code, 'TERMINAL_SIGNATURE_INVALID');

      assert.equal(await t.ctx.db.selectFrom('redemption').select('id').where('id', 'in', [before_.record.id, later.record.id, tampered.record.id]).executeTakeFirst(), undefined, 'never a redemption');
      for (const refused of [later, tampered]) assert.equal(await t.ctx.db.selectFrom('redemption_conflict').select('id').where('id', '=', refused.record.id).executeTakeFirst(), undefined);
      const row = await t.ctx.db.selectFrom('redemption_conflict').selectAll().where('id', '=', before_.record.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.reason, row.amount, row.terminal_id, row.device_signature.toString('base64url')], ['terminal_revoked', '25000.00', f.second.terminalId, before_.signature]);
      assert.deepEqual(row.record, JSON.parse(JSON.stringify(before_.record)));
      const posting = await t.ctx.db.selectFrom('ledger_posting').selectAll().where('id', '=', row.posting_id!).executeTakeFirstOrThrow();
      assert.deepEqual([posting.idempotency_key, posting.effective_at.toISOString()], [`conflict:${before_.record.id}:price`, before_.record.redeemedAt]);
      const synced = await t.ctx.db.selectFrom('audit_entry').select('detail').where('action', '=', 'distribution.synced').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal((synced.detail as { terminalRevokedAt?: string }).terminalRevokedAt, revokedAt.toISOString());
    });

    it('answers the same batch again the same way, storing nothing twice', async () => {
      const first = (await sync([online, before_, later])).json() as { results: Result[] };
      const again = (await sync([online, before_, later])).json() as { terminalRevoked: boolean; results: Result[] };
      assert.equal(again.terminalRevoked, true);
      assert.deepEqual(again.results.map((x) => x.status), ['duplicate', 'conflict', 'refused']);
      assert.deepEqual(again.results[1], first.results[1]);
      assert.equal(again.results[0]!.receipt!.receiptNo, first.results[0]!.receipt!.receiptNo);
      assert.equal((await t.ctx.db.selectFrom('redemption_conflict').select('id').where('terminal_id', '=', f.second.terminalId).execute()).length, 1);
      const recorded = await t.ctx.db.selectFrom('audit_entry').select('subject_id').where('action', '=', 'distribution.conflict_recorded').execute();
      assert.deepEqual(recorded.map((x) => x.subject_id), [before_.record.id]);
      assert.equal((await t.ctx.db.selectFrom('ledger_posting').select('id').where('idempotency_key', '=', `conflict:${before_.record.id}:price`).execute()).length, 1);
    });

    it('refuses a malformed record of a revoked terminal, storing nothing', async () => {
      const fuel = await dueOf('test-fuel', f.cards.guerra![0]!);
      const early = new Date(revokedAt.getTime() - 60_000).toISOString();
      const bad = [
        signed(recordFor(f.second, fuel, { card: f.cards.guerra![0]!, quantity: '-1', amount: '0.45', redeemedAt: early })),
        signed(recordFor(f.second, fuel, { card: f.cards.guerra![0]!, quantity: '1', amount: '0.4500', redeemedAt: early })),
        signed(recordFor(f.second, fuel, { card: f.cards.guerra![0]!, quantity: '1', amount: '0.45', redeemedAt: 'yesterday' })),
      ];
      const r = await sync(bad);
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual((r.json().results as Result[]).map((x) => [x.status, x.error?.code]), [['refused', 'VALIDATION_FAILED'], ['refused', 'VALIDATION_FAILED'], ['refused', 'VALIDATION_FAILED']]);
      assert.equal(await t.ctx.db.selectFrom('redemption_conflict').select('id').where('id', 'in', bad.map((b) => b.record.id)).executeTakeFirst(), undefined);
    });

    it("shows the conflict to a supervisor and in the point's reconciliation; a terminal that is not revoked is told so", async () => {
      const auditor = await signedIn(t, 'auditor');
      const list = await auditor.get(`/api/distribution/conflicts?status=open&point=${f.second.pointCode}`);
      assert.equal(list.statusCode, 200, list.body);
      const shown = list.json() as { id: string; reason: string }[];
      assert.deepEqual(shown.filter((c) => c.id === before_.record.id).map((c) => c.reason), ['terminal_revoked']);
      const rec = await auditor.get(`/api/distribution/points/${f.second.pointCode}/reconciliation?cycle=${f.foodCycle}`);
      assert.equal(rec.statusCode, 200, rec.body);
      const open = (rec.json().discrepancies as { kind: string; conflictId?: string; reason?: string }[]).filter((d) => d.kind === 'open_conflict');
      assert.deepEqual(open.map((d) => [d.conflictId, d.reason]), [[before_.record.id, 'terminal_revoked']]);

      const fine = await terminalRequest(t, f.terminal, 'POST', '/api/terminal/sync', { records: [] });
      assert.equal(fine.statusCode, 200, fine.body);
      assert.equal(fine.json().terminalRevoked, false);
    });
  });
}
