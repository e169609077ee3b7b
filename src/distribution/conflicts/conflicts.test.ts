import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { signRecord } from '../../../test/support/terminal-client.ts';
import { distributionFixture, recordFor, terminalRequest, type Fixture } from '../../../test/distribution/fixtures.ts';
import { balances } from '../../ledger/balances.ts';

type Due = { cycleId: string; subject: string; program: { code: string } };

for (const engine of testEngines()) {
  describe(`redemption conflicts (${engine})`, () => {
    let t: TestApp;
    let f: Fixture;
    const conflictIds: string[] = [];
    let winner = '';

    before(async () => {
      t = await testApp(engine);
      f = await distributionFixture(t);
      // Both tablets of the point, offline, hand out the same household's box; then the same fuel twice over.
      for (const [holder, program, quantity, amount] of [['rondon', 'test-food', '1', '25000.00'], ['guerra', 'test-food', '1', '25000.00']] as const) {
        const card = f.cards[holder]![0]!;
        const due = ((await terminalRequest(t, f.terminal, 'GET', `/api/terminal/due?card=${card}`)).json().due as Due[]).find((d) => d.program.code === program)!;
        const a = recordFor(f.terminal, due, { card, quantity, amount });
        const b = recordFor(f.second, due, { card, quantity, amount });
        const ra = await terminalRequest(t, f.terminal, 'POST', '/api/terminal/sync', { records: [{ record: a, signature: signRecord(f.terminal.privateKey, a) }] });
        assert.equal(ra.json().results[0].status, 'recorded', ra.body);
        const rb = await terminalRequest(t, f.second, 'POST', '/api/terminal/sync', { records: [{ record: b, signature: signRecord(f.second.privateKey, b) }] });
        assert.equal(rb.json().results[0].status, 'conflict', rb.body);
        conflictIds.push(b.id);
        winner ||= a.id;
      }
    });
    after(() => t.close());

    it('refused to an agent and a registrar; listed to the managers of the program and to auditors', async () => {
      const registrar = await signedIn(t, 'registrar');
      assert.equal((await registrar.get('/api/distribution/conflicts')).statusCode, 403);
      assert.equal((await f.terminal.agent.get('/api/distribution/conflicts')).statusCode, 403);
      const manager = await signedIn(t, 'program_manager', { programs: ['test-food'] });
      const list = await manager.get(`/api/distribution/conflicts?status=open&point=${f.terminal.pointCode}`);
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual(list.json().map((c: { id: string }) => c.id).sort(), [...conflictIds].sort());
      const other = await signedIn(t, 'program_manager', { programs: ['test-fuel'] });
      assert.deepEqual((await other.get('/api/distribution/conflicts')).json(), []);
      assert.equal((await other.get(`/api/distribution/conflicts/${conflictIds[0]}`)).statusCode, 404, 'outside their programs: as if it did not exist');
      const auditor = await signedIn(t, 'auditor');
      assert.equal((await auditor.get('/api/distribution/conflicts')).json().length, 2);
      assert.equal((await auditor.post(`/api/distribution/conflicts/${conflictIds[0]}/resolve`, { decision: 'accepted_loss', note: 'no puedo' })).statusCode, 403);
      const read = await t.ctx.db.selectFrom('audit_entry').select('purpose').where('action', '=', 'distribution.conflicts_read').execute();
      assert.deepEqual(read.map((r) => r.purpose), ['distribution', 'distribution', 'oversight']);
    });

    it('shows a conflict with the redemption it collides with', async () => {
      const manager = await signedIn(t, 'program_manager', { programs: ['test-food'] });
      const r = await manager.get(`/api/distribution/conflicts/${conflictIds[0]}`);
      assert.equal(r.statusCode, 200, r.body);
      const c = r.json();
      assert.deepEqual([c.reason, c.status, c.terminalLabel, c.amount, c.resolution], ['already_redeemed', 'open', 'Tablet 2', '25000.00', null]);
      assert.deepEqual(c.redemptions.map((x: { redemptionId: string }) => x.redemptionId), [winner]);
      assert.equal((await manager.get(`/api/distribution/conflicts/${randomUUID()}`)).statusCode, 404);
    });

    it('a refund reverses the price in the same act; a second decision is refused; the cycle nets what was really kept', async () => {
      const manager = await signedIn(t, 'program_manager', { programs: ['test-food'] });
      const before = await balances(t.ctx.db, { cycle: f.foodCycle });
      assert.equal(before.find((b) => b.account.endsWith(':collected'))!.balance, '100000.00', 'two boxes and two conflicts were paid for');
      const r = await manager.post(`/api/distribution/conflicts/${conflictIds[0]}/resolve`, { decision: 'refunded', note: 'se devolvió el dinero al hogar' });
      assert.equal(r.statusCode, 200, r.body);
      const c = r.json();
      assert.equal(c.status, 'resolved');
      assert.equal(c.resolution.decision, 'refunded');
      const reversal = await t.ctx.db.selectFrom('ledger_posting').selectAll().where('id', '=', c.resolution.reversalId).executeTakeFirstOrThrow();
      assert.deepEqual([reversal.kind, reversal.reverses], ['reversal', c.postingId]);
      const after = await balances(t.ctx.db, { cycle: f.foodCycle });
      assert.equal(after.find((b) => b.account.endsWith(':collected'))!.balance, '75000.00');
      const again = await manager.post(`/api/distribution/conflicts/${conflictIds[0]}/resolve`, { decision: 'accepted_loss', note: 'otra vez' });
      assert.equal(again.statusCode, 409);
      const loss = await manager.post(`/api/distribution/conflicts/${conflictIds[1]}/resolve`, { decision: 'accepted_loss', note: 'la caja no se recupera' });
      assert.equal(loss.statusCode, 200, loss.body);
      assert.equal(loss.json().resolution.reversalId, null);
      assert.deepEqual((await manager.get('/api/distribution/conflicts?status=open')).json(), []);
      const audit = await t.ctx.db.selectFrom('audit_entry').select(['subject_id', 'detail']).where('action', '=', 'distribution.conflict_resolved').execute();
      assert.deepEqual(audit.map((a) => a.subject_id).sort(), [...conflictIds].sort());
    });
  });
}
