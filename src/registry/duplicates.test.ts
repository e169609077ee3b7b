import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';
import { enrolHousehold } from './enrol-household.ts';
import { HouseholdInput } from './schemas.ts';

const rosa = {
  relationship: 'head',
  givenNames: 'Rosa Elena',
  familyNames: 'Villalobos Hernández',
  sex: 'F',
  birthDate: { value: '1979-04-11' },
  evidence: [{ kind: 'document', type: 'national_id', number: 'V-12003456' }],
};
// What a hurried registrar types for the same woman elsewhere: b/v, dropped h, swapped day/month, no document.
const rosaAgain = { ...rosa, givenNames: 'Rosa', familyNames: 'Bilalobos Ernandez', birthDate: { value: '1979-11-04' }, evidence: [{ kind: 'sworn_declaration' }] };
const child = { relationship: 'child', givenNames: 'Keiber Josué', familyNames: 'Mora Villalobos', sex: 'M', birthDate: { value: '2012-06-30' }, evidence: [{ kind: 'household_head' }] };
// Rosa's grown son heads a new household and brings her in: she is member 1.
const son = { relationship: 'head', givenNames: 'Jhonny Alberto', familyNames: 'Mora Villalobos', sex: 'M', birthDate: { value: '1998-01-20' }, evidence: [{ kind: 'document', type: 'national_id', number: 'V-27111222' }] };
const rosaAsMother = { ...rosaAgain, relationship: 'parent' };
const home = (members: unknown[], regionCode = 'AN-02-01') => ({ regionCode, address: { street: 'Sector La Ceiba, calle 3' }, members });

for (const engine of testEngines()) {
  describe(`duplicates and search (${engine})`, () => {
    let t: TestApp;
    let registrar: Awaited<ReturnType<typeof signedIn>>;
    let rosaId: string;
    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
      registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      rosaId = (await registrar.post('/api/registry/households', home([rosa], 'AN-01-01'))).json().personIds[0];
    });
    after(() => t.close());

    it('stops an enrolment that repeats a registered person, explains why, and writes nothing', async () => {
      const persons = async () => (await t.ctx.db.selectFrom('person').select('id').execute()).length;
      const before = await persons();
      const r = await registrar.post('/api/registry/households', home([son, rosaAsMother, child]));
      assert.equal(r.statusCode, 409, r.body);
      const { code, details } = r.json().error;
      assert.equal(code, 'DUPLICATE_SUSPECTED');
      assert.equal(details.members.length, 1);
      assert.equal(details.members[0].member, 1);
      const candidate = details.members[0].candidates[0];
      assert.equal(candidate.personId, rosaId);
      assert.ok(candidate.reasons.length > 0 && candidate.reasons.every((x: { en: string; es: string }) => x.en && x.es));
      assert.ok(candidate.reasons.some((x: { code: string }) => x.code === 'birth_date_day_month_swapped'));
      assert.equal(await persons(), before);
      const shown = await t.ctx.db.selectFrom('audit_entry').select('id').where('action', '=', 'registry.person_read').where('subject_id', '=', rosaId).execute();
      assert.ok(shown.length >= 1, 'showing a candidate is an audited read');
    });

    it('links the member when the registrar says "same person", and enrols the rest', async () => {
      const r = await registrar.post('/api/registry/households', { ...home([son, rosaAsMother, child]), dedupDecisions: [{ member: 1, candidateId: rosaId, decision: 'same' }] });
      assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual(r.json().linked, [{ member: 1, personId: rosaId }]);
      assert.equal(r.json().personIds.length, 2);
    });

    it('refuses to link the head of a new household to a registered person', async () => {
      const r = await registrar.post('/api/registry/households', { ...home([rosaAgain], 'AN-03-02'), dedupDecisions: [{ member: 0, candidateId: rosaId, decision: 'same' }] });
      assert.equal(r.statusCode, 422, r.body);
      assert.match(r.json().error.message, /head of this household is already registered/);
    });

    it('creates the record when the registrar says "different", and remembers the answer', async () => {
      const first = await registrar.post('/api/registry/households', home([rosaAgain], 'AN-03-01'));
      assert.equal(first.statusCode, 409);
      const candidates: { personId: string }[] = first.json().error.details.members[0].candidates;
      assert.ok(candidates.some((c) => c.personId === rosaId));
      const decisions = candidates.map((c) => ({ member: 0, candidateId: c.personId, decision: 'different' }));
      const r = await registrar.post('/api/registry/households', { ...home([rosaAgain], 'AN-03-01'), dedupDecisions: decisions });
      assert.equal(r.statusCode, 201, r.body);
      const created = r.json().personIds[0];
      const pairs = await t.ctx.db.selectFrom('dedup_pair').select(['status', 'decided_by']).where((eb) => eb.or([eb('person_a', '=', created), eb('person_b', '=', created)])).execute();
      assert.equal(pairs.length, candidates.length);
      assert.ok(pairs.every((p) => p.status === 'different' && p.decided_by !== null));
    });

    it('queues imported duplicates; "same" merges reversibly', async () => {
      const actor = { id: null, name: 'import', role: 'system', regionScopes: ['*'] };
      const result = await enrolHousehold(t.ctx, actor, HouseholdInput.parse(home([{ ...rosa, givenNames: 'Rosa E.', evidence: [{ kind: 'sworn_declaration' }] }], 'AN-02-02')), { duplicates: 'queue', source: 'import' });
      assert.ok(result.queuedPairs >= 1);
      const queue = (await registrar.get('/api/registry/dedup/pairs?status=pending')).json().pairs;
      const pair = queue.find((p: { a: { personId: string }; b: { personId: string } }) => [p.a.personId, p.b.personId].includes(result.personIds[0]!));
      assert.ok(pair, 'the imported duplicate is in the review queue');
      assert.deepEqual(pair.actions, ['same', 'different']);

      const merged = await registrar.post(`/api/registry/dedup/pairs/${pair.id}/decide`, { decision: 'same', note: 'misma cédula en el expediente' });
      assert.equal(merged.statusCode, 200, merged.body);
      const later = (await registrar.get(`/api/registry/persons/${result.personIds[0]}`)).json();
      assert.equal(later.status, 'merged');
      assert.equal((await registrar.get(`/api/registry/persons/${rosaId}`)).json().status, 'active', 'the earlier record survives');

      const undone = await registrar.post(`/api/registry/dedup/pairs/${pair.id}/undo`, { note: 'eran dos personas' });
      assert.equal(undone.statusCode, 200, undone.body);
      assert.equal((await registrar.get(`/api/registry/persons/${result.personIds[0]}`)).json().status, 'active');
      assert.deepEqual(undone.json().actions, []);
      const history = (await registrar.get(`/api/registry/persons/${result.personIds[0]}/history`)).json().versions;
      assert.deepEqual(history.map((v: { data: { status: string } }) => v.data.status), ['active', 'merged', 'active']);
    });

    it('finds people by name with typos and missing accents, only in the official’s regions', async () => {
      const found = (await registrar.get('/api/registry/search?name=' + encodeURIComponent('rosa vilalobos hernandez'))).json().results;
      assert.ok(found.some((r: { personId: string }) => r.personId === rosaId), JSON.stringify(found));
      const byDocument = (await registrar.get('/api/registry/search?document=v12003456')).json().results;
      assert.deepEqual(byDocument.map((r: { personId: string }) => r.personId), [rosaId]);
      const byYear = (await registrar.get('/api/registry/search?name=rosa&birthYear=1950')).json().results;
      assert.deepEqual(byYear, []);
      const elsewhere = await signedIn(t, 'registrar', { regions: ['SE'] });
      assert.deepEqual((await elsewhere.get('/api/registry/search?name=rosa%20villalobos')).json().results, []);
      assert.equal((await registrar.get('/api/registry/search')).statusCode, 400);
    });
  });
}
