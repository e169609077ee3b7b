import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';

const household = {
  regionCode: 'CO-02-01',
  address: { street: 'Avenida Bolívar', number: '3' },
  members: [
    { relationship: 'head', givenNames: 'José Gregorio', familyNames: 'Blanco Vásquez', sex: 'M', birthDate: { value: '1950-11-02' }, evidence: [{ kind: 'sworn_declaration', note: 'sin documentos' }] },
  ],
};

for (const engine of testEngines()) {
  describe(`corrections and removals (${engine})`, () => {
    let t: TestApp;
    let registrar: Awaited<ReturnType<typeof signedIn>>;
    let personId: string;
    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
      registrar = await signedIn(t, 'registrar', { regions: ['CO'] });
      personId = (await registrar.post('/api/registry/households', household)).json().personIds[0];
    });
    after(() => t.close());

    it('corrects a record as a new version and refuses a stale edit', async () => {
      const edit = await registrar.request('PATCH', `/api/registry/persons/${personId}`, {
        expectedVersion: 1,
        reason: 'la cédula apareció',
        changes: { evidence: [{ kind: 'document', type: 'national_id', number: 'V-3456789' }], familyNames: 'Blanco Vásquez' },
      });
      assert.equal(edit.statusCode, 200, edit.body);
      assert.equal(edit.json().version, 2);
      const stale = await registrar.request('PATCH', `/api/registry/persons/${personId}`, { expectedVersion: 1, reason: 'otra corrección', changes: { phone: '+58 412 5550101' } });
      assert.equal(stale.statusCode, 409);
      assert.equal(edit.json().sex, 'M', 'fields not named in the correction are kept');
      assert.deepEqual(edit.json().birthDate, { value: '1950-11-02', precision: 'day', declared: false });
      const history = (await registrar.get(`/api/registry/persons/${personId}/history`)).json().versions;
      assert.deepEqual(history.map((v: { version: number }) => v.version), [1, 2]);
      assert.equal(history[0].data.evidence[0].kind, 'sworn_declaration', 'the old version is kept as it was');
      assert.equal(history[1].reason, 'la cédula apareció');
    });

    it('tombstones only with a second official, and undoes it', async () => {
      const requested = await registrar.post(`/api/registry/persons/${personId}/removal-requests`, { reason: 'death', note: 'acta de defunción 123' });
      assert.equal(requested.statusCode, 201, requested.body);
      const requestId = requested.json().id;
      assert.equal((await registrar.post(`/api/registry/persons/${personId}/removal-requests`, { reason: 'death', note: 'otra vez' })).statusCode, 409);
      assert.equal((await registrar.get(`/api/registry/persons/${personId}`)).json().status, 'active', 'nothing changes before approval');

      const auditor = await signedIn(t, 'auditor');
      const queue = (await auditor.get('/api/registry/removal-requests?status=pending')).json().requests;
      assert.deepEqual(queue.map((r: { id: string }) => r.id), [requestId]);
      assert.deepEqual(queue[0].actions, ['approve', 'reject']);

      const approved = await auditor.post(`/api/registry/removal-requests/${requestId}/approve`, { note: 'verificado con el acta' });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.deepEqual(approved.json().actions, ['undo']);
      const tombstone = (await registrar.get(`/api/registry/persons/${personId}`)).json();
      assert.equal(tombstone.status, 'tombstoned');
      assert.equal((await registrar.request('PATCH', `/api/registry/persons/${personId}`, { expectedVersion: tombstone.version, reason: 'x x x', changes: { phone: '+58 412 5550101' } })).statusCode, 422);
      assert.equal((await auditor.post(`/api/registry/removal-requests/${requestId}/approve`, { note: 'de nuevo' })).statusCode, 422);

      assert.equal((await auditor.post(`/api/registry/removal-requests/${requestId}/undo`, { note: 'el acta era de un homónimo' })).statusCode, 200);
      const restored = (await registrar.get(`/api/registry/persons/${personId}`)).json();
      assert.equal(restored.status, 'active');
      const reasons = (await registrar.get(`/api/registry/persons/${personId}/history`)).json().versions.map((v: { reason: string }) => v.reason);
      assert.match(reasons.at(-2), /removal approved \(death\)/);
      assert.match(reasons.at(-1), /removal undone/);
    });

    it('refuses, at the database, a decision by the official who asked', async () => {
      const second = (await registrar.post('/api/registry/households', { ...household, members: [{ ...household.members[0], givenNames: 'Pedro' }] })).json().personIds[0];
      // Over HTTP the roles already differ (registrars ask, auditors decide); the table's CHECK holds even for a direct write.
      const requestId = (await registrar.post(`/api/registry/persons/${second}/removal-requests`, { reason: 'duplicate', note: 'duplicado de José Gregorio' })).json().id;
      const row = await t.ctx.db.selectFrom('removal_request').select('requested_by').where('id', '=', requestId).executeTakeFirstOrThrow();
      await assert.rejects(
        t.ctx.db.updateTable('removal_request').set({ decided_by: row.requested_by, status: 'approved' }).where('id', '=', requestId).execute(),
        /check/i,
      );
    });
  });
}
