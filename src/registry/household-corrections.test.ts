import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';

type Agent = Awaited<ReturnType<typeof signedIn>>;

const person = (relationship: string, givenNames: string, familyNames: string, birth: string, sex = 'F') => ({
  relationship,
  givenNames,
  familyNames,
  sex,
  birthDate: { value: birth },
  evidence: relationship === 'head' ? [{ kind: 'sworn_declaration', note: 'sin documentos' }] : [{ kind: 'household_head' }],
});

/** Households of distinct, unlikely names and dates, so that no enrolment stops for a duplicate of another. */
let households = 0;
const threeOf = (prefix: string) => {
  const n = ++households;
  return {
    regionCode: 'AN-01-01',
    address: { street: `Calle ${prefix}`, number: '7' },
    distributionPoint: 'PDA-AN-01',
    members: [
      person('head', `${prefix}ina Dalila`, `${prefix}ez Arismendi`, `${1940 + n}-05-17`),
      person('spouse', `${prefix}erto Ramiro`, `${prefix}ano Oropeza`, `${1930 + n}-02-03`, 'M'),
      person('child', `${prefix}ita Yuleisy`, `${prefix}ano ${prefix}ez`, `${1970 + n}-09-09`),
    ],
  };
};

const versionsOf = async (agent: Agent, path: string) => (await agent.get(`${path}/history`)).json().versions as { version: number; reason: string; data: Record<string, any> }[];

for (const engine of testEngines()) {
  describe(`household corrections (${engine})`, () => {
    let t: TestApp;
    let registrar: Agent;
    let auditor: Agent;
    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
      registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      auditor = await signedIn(t, 'auditor', { regions: ['AN'] });
    });
    after(() => t.close());

    const enrol = async (prefix: string, over: Record<string, unknown> = {}) => {
      const r = await registrar.post('/api/registry/households', { ...threeOf(prefix), ...over });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { householdId: string; personIds: string[] };
    };
    const patch = (id: string, body: unknown, as = registrar) => as.request('PATCH', `/api/registry/households/${id}`, body);

    it('corrects the address and distribution point as a new version with the reason, and refuses a stale or empty one', async () => {
      const { householdId } = await enrol('Zor');
      const r = await patch(householdId, { expectedVersion: 1, reason: 'se mudaron a la casa de al lado', changes: { address: { street: 'Calle Zor', number: '9', reference: 'portón verde' }, distributionPoint: 'PDA-AN-02' } });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().version, 2);
      assert.deepEqual(r.json().address, { street: 'Calle Zor', number: '9', reference: 'portón verde' });
      assert.equal(r.json().distributionPoint, 'PDA-AN-02');
      assert.equal(r.json().members, undefined, 'the members are not read back');

      const stale = await patch(householdId, { expectedVersion: 1, reason: 'otra corrección', changes: { distributionPoint: null } });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'CONFLICT');
      const same = await patch(householdId, { expectedVersion: 2, reason: 'lo mismo', changes: { distributionPoint: 'PDA-AN-02' } });
      assert.equal(same.statusCode, 400, 'a correction that changes nothing is refused');
      assert.equal((await patch(householdId, { expectedVersion: 2, reason: 'nada', changes: {} })).statusCode, 400);
      assert.equal((await patch(householdId, { expectedVersion: 2, reason: 'x', changes: { distributionPoint: null } })).statusCode, 400, 'a reason of a few words');

      const history = await versionsOf(registrar, `/api/registry/households/${householdId}`);
      assert.deepEqual(history.map((v) => v.version), [1, 2]);
      assert.equal(history[0]!.data.address.number, '7', 'the old version is kept as it was');
      assert.equal(history[1]!.data.distributionPoint, 'PDA-AN-02');
      assert.equal(history[1]!.reason, 'se mudaron a la casa de al lado');
      assert.equal(history[1]!.data.members.length, 3, 'each version records who belongs to the household');

      const entry = await t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', 'registry.household_edited').where('subject_id', '=', householdId).executeTakeFirstOrThrow();
      assert.equal(entry.purpose, 'enrolment');
      assert.deepEqual((entry.detail as { fields: string[] }).fields, ['address', 'distributionPoint']);
    });

    it('moves the members with the household to another parish, each with a new version', async () => {
      const { householdId, personIds } = await enrol('Xan');
      const r = await patch(householdId, { expectedVersion: 1, reason: 'el sector pasó a otra parroquia', changes: { regionCode: 'AN-02-01' } });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().regionCode, 'AN-02-01');
      for (const id of personIds) {
        const versions = await versionsOf(registrar, `/api/registry/persons/${id}`);
        assert.deepEqual(versions.map((v) => v.data.regionCode), ['AN-01-01', 'AN-02-01']);
        assert.equal(versions[1]!.reason, 'el sector pasó a otra parroquia');
      }
      const edited = await t.ctx.db.selectFrom('audit_entry').select('subject_id').where('action', '=', 'registry.person_edited').where('subject_id', 'in', personIds).execute();
      assert.equal(edited.length, 3, 'each member’s change is an audit entry of its own');

      // Not a parish, or a parish outside the official's regions: refused, nothing changes.
      assert.equal((await patch(householdId, { expectedVersion: 2, reason: 'a otro lado', changes: { regionCode: 'AN-02-77' } })).statusCode, 400);
      const outside = await patch(householdId, { expectedVersion: 2, reason: 'a otro estado', changes: { regionCode: 'SE-01-01' } });
      assert.equal(outside.statusCode, 403);
      assert.equal((await registrar.get(`/api/registry/households/${householdId}`)).json().version, 2);
    });

    it('hides a household outside the official’s regions behind the same answer as a missing one', async () => {
      const { householdId, personIds } = await enrol('Wil');
      const costa = await signedIn(t, 'registrar', { regions: ['CO'] });
      const body = { expectedVersion: 1, reason: 'corrección', changes: { distributionPoint: 'PDA-CO-01' } };
      const hidden = await patch(householdId, body, costa);
      const missing = await patch('00000000-0000-4000-8000-000000000000', body, costa);
      assert.equal(hidden.statusCode, 404);
      assert.deepEqual(hidden.json(), missing.json());
      const move = { expectedVersion: 1, personId: personIds[2], toHouseholdId: householdId, relationship: 'child', reason: 'mudanza' };
      assert.equal((await costa.post(`/api/registry/households/${householdId}/moves`, move)).statusCode, 404);
      assert.equal((await costa.post(`/api/registry/households/${householdId}/removal-requests`, { reason: 'other', note: 'no vive nadie' })).statusCode, 404);
      assert.equal((await registrar.get(`/api/registry/households/${householdId}`)).json().version, 1);
    });

    it('changes the head only as a swap in one correction', async () => {
      const { householdId, personIds } = await enrol('Vel');
      const [head, spouse, child] = personIds as [string, string, string];
      const twoHeads = await patch(householdId, { expectedVersion: 1, reason: 'cambio de jefe', changes: { relationships: [{ personId: spouse, relationship: 'head' }] } });
      assert.equal(twoHeads.statusCode, 422);
      assert.match(twoHeads.json().error.message, /exactly one head/);
      const noHead = await patch(householdId, { expectedVersion: 1, reason: 'cambio de jefe', changes: { relationships: [{ personId: head, relationship: 'spouse' }] } });
      assert.equal(noHead.statusCode, 422);
      const stranger = await patch(householdId, { expectedVersion: 1, reason: 'cambio', changes: { relationships: [{ personId: '00000000-0000-4000-8000-000000000000', relationship: 'child' }] } });
      assert.equal(stranger.statusCode, 400);

      const swap = await patch(householdId, {
        expectedVersion: 1,
        reason: 'la esposa es ahora jefa del hogar',
        changes: { relationships: [{ personId: spouse, relationship: 'head' }, { personId: head, relationship: 'spouse' }, { personId: child, relationship: 'child' }] },
      });
      assert.equal(swap.statusCode, 200, swap.body);
      const members = (await registrar.get(`/api/registry/households/${householdId}`)).json().members as { id: string; relationship: string; version: number }[];
      assert.deepEqual(Object.fromEntries(members.map((m) => [m.id, m.relationship])), { [head]: 'spouse', [spouse]: 'head', [child]: 'child' });
      assert.equal(members.find((m) => m.id === child)!.version, 1, 'a member whose relationship stays gets no version');
      const history = await versionsOf(registrar, `/api/registry/households/${householdId}`);
      assert.equal(history.length, 2);
      assert.equal(history[1]!.data.members.find((m: { personId: string }) => m.personId === spouse).relationship, 'head');

      // A person's own correction may change a relationship, but never to or from the head.
      const toHead = await registrar.request('PATCH', `/api/registry/persons/${child}`, { expectedVersion: 1, reason: 'es la jefa', changes: { relationship: 'head' } });
      assert.equal(toHead.statusCode, 422);
      const fromHead = await registrar.request('PATCH', `/api/registry/persons/${spouse}`, { expectedVersion: 2, reason: 'ya no', changes: { relationship: 'other' } });
      assert.equal(fromHead.statusCode, 422);
      const other = await registrar.request('PATCH', `/api/registry/persons/${child}`, { expectedVersion: 1, reason: 'es sobrina, no hija', changes: { relationship: 'other' } });
      assert.equal(other.statusCode, 200, other.body);
      const after = await versionsOf(registrar, `/api/registry/households/${householdId}`);
      assert.equal(after.length, 3, 'the household records the new relationship too');
      assert.equal(after[2]!.data.members.find((m: { personId: string }) => m.personId === child).relationship, 'other');
    });

    it('moves a member to another household: both households and the person get versions', async () => {
      const from = await enrol('Uma');
      const to = await enrol('Tul', { regionCode: 'AN-02-02' });
      const moving = from.personIds[2]!;
      const body = { expectedVersion: 1, personId: moving, toHouseholdId: to.householdId, relationship: 'other', reason: 'se fue a vivir con su tía' };

      const head = await registrar.post(`/api/registry/households/${from.householdId}/moves`, { ...body, personId: from.personIds[0] });
      assert.equal(head.statusCode, 422, 'the head cannot leave');
      assert.equal((await registrar.post(`/api/registry/households/${from.householdId}/moves`, { ...body, relationship: 'head' })).statusCode, 400);
      assert.equal((await registrar.post(`/api/registry/households/${from.householdId}/moves`, { ...body, toHouseholdId: from.householdId })).statusCode, 400);
      assert.equal((await registrar.post(`/api/registry/households/${from.householdId}/moves`, { ...body, personId: to.personIds[1] })).statusCode, 404, 'only a member moves out');

      const moved = await registrar.post(`/api/registry/households/${from.householdId}/moves`, body);
      assert.equal(moved.statusCode, 200, moved.body);
      assert.deepEqual(moved.json(), { personId: moving, personVersion: 2, from: { householdId: from.householdId, version: 2 }, to: { householdId: to.householdId, version: 2 } });
      const record = (await registrar.get(`/api/registry/persons/${moving}`)).json();
      assert.equal(record.householdId, to.householdId);
      assert.equal(record.relationship, 'other');
      assert.equal(record.regionCode, 'AN-02-02', 'the person lives where the new household does');
      const fromHistory = await versionsOf(registrar, `/api/registry/households/${from.householdId}`);
      const toHistory = await versionsOf(registrar, `/api/registry/households/${to.householdId}`);
      assert.equal(fromHistory[1]!.data.members.length, 2);
      assert.equal(toHistory[1]!.data.members.length, 4);
      assert.equal(toHistory[1]!.reason, 'se fue a vivir con su tía');
      const personHistory = await versionsOf(registrar, `/api/registry/persons/${moving}`);
      assert.deepEqual(personHistory.map((v) => v.data.householdId), [from.householdId, to.householdId]);

      assert.equal((await registrar.post(`/api/registry/households/${from.householdId}/moves`, { ...body, personId: from.personIds[1] })).statusCode, 409, 'the version read is stale now');
      const costa = await signedIn(t, 'registrar', { regions: ['CO'] });
      const coastal = await costa.post('/api/registry/households', {
        regionCode: 'CO-02-01',
        address: { street: 'Malecón' },
        members: [person('head', 'Ermelinda Sulay', 'Briceño Tovar', '1944-12-12')],
      });
      assert.equal(coastal.statusCode, 201, coastal.body);
      const outside = await registrar.post(`/api/registry/households/${from.householdId}/moves`, { ...body, expectedVersion: 2, personId: from.personIds[1], toHouseholdId: coastal.json().householdId });
      assert.equal(outside.statusCode, 404, 'a household outside the official’s regions is as if it did not exist');
      const audit = await t.ctx.db.selectFrom('audit_entry').select('action').where('subject_id', '=', moving).where('action', '=', 'registry.member_moved').execute();
      assert.equal(audit.length, 1);
    });

    it('adds a member through the duplicate check of an enrolment', async () => {
      const { householdId, personIds } = await enrol('Sam');
      const newborn = person('child', 'Yeferson Alexander', 'Samano Samez', '2024-03-01', 'M');
      const added = await registrar.post(`/api/registry/households/${householdId}/members`, { expectedVersion: 1, reason: 'nació el nieto', member: newborn });
      assert.equal(added.statusCode, 201, added.body);
      assert.equal(added.json().linked, false);
      assert.equal(added.json().householdVersion, 2);
      const view = (await registrar.get(`/api/registry/households/${householdId}`)).json();
      assert.equal(view.members.length, 4);
      assert.equal(view.members.find((m: { id: string }) => m.id === added.json().personId).regionCode, 'AN-01-01');
      assert.equal((await registrar.post(`/api/registry/households/${householdId}/members`, { expectedVersion: 1, reason: 'otra vez', member: newborn })).statusCode, 409, 'stale');
      const secondHead = await registrar.post(`/api/registry/households/${householdId}/members`, { expectedVersion: 2, reason: 'otro jefe', member: { ...newborn, relationship: 'head', givenNames: 'Otro' } });
      assert.equal(secondHead.statusCode, 422);

      // The same child typed again, with a slip: stopped, like an enrolment, nothing written.
      const before = (await t.ctx.db.selectFrom('person').select('id').execute()).length;
      const again = await registrar.post(`/api/registry/households/${householdId}/members`, { expectedVersion: 2, reason: 'nació el nieto', member: { ...newborn, givenNames: 'Jeferson Alexander' } });
      assert.equal(again.statusCode, 409, again.body);
      assert.equal(again.json().error.code, 'DUPLICATE_SUSPECTED');
      const candidates = again.json().error.details.members[0].candidates as { personId: string }[];
      assert.ok(candidates.some((c) => c.personId === added.json().personId));
      assert.equal((await t.ctx.db.selectFrom('person').select('id').execute()).length, before);
      // "Same person": already a member here, so there is nothing to add.
      const same = await registrar.post(`/api/registry/households/${householdId}/members`, {
        expectedVersion: 2,
        reason: 'nació el nieto',
        member: { ...newborn, givenNames: 'Jeferson Alexander' },
        dedupDecisions: [{ candidateId: added.json().personId, decision: 'same' }],
      });
      assert.equal(same.statusCode, 422);
      assert.match(same.json().error.message, /already a member/);

      // A registered person of another household who comes to live here: "same" moves them in.
      const other = await enrol('Rub');
      const cousin = (await registrar.get(`/api/registry/persons/${other.personIds[2]}`)).json();
      const typed = { relationship: 'other', givenNames: cousin.givenNames, familyNames: cousin.familyNames, sex: cousin.sex, birthDate: { value: cousin.birthDate.value }, evidence: [{ kind: 'household_head' }] };
      const stopped = await registrar.post(`/api/registry/households/${householdId}/members`, { expectedVersion: 2, reason: 'se mudó la prima', member: typed });
      assert.equal(stopped.statusCode, 409);
      const decisions = (stopped.json().error.details.members[0].candidates as { personId: string }[]).map((c) => ({
        candidateId: c.personId,
        decision: c.personId === cousin.id ? 'same' : 'different',
      }));
      const linked = await registrar.post(`/api/registry/households/${householdId}/members`, { expectedVersion: 2, reason: 'se mudó la prima', member: typed, dedupDecisions: decisions });
      assert.equal(linked.statusCode, 201, linked.body);
      assert.deepEqual(linked.json(), { personId: cousin.id, linked: true, householdVersion: 3 });
      assert.equal((await registrar.get(`/api/registry/persons/${cousin.id}`)).json().householdId, householdId);
      assert.equal((await registrar.get(`/api/registry/households/${other.householdId}`)).json().members.length, 2);
      assert.ok(personIds.length === 3);
    });

    it('removes an emptied household only with a second official, and undoes it', async () => {
      const { householdId, personIds } = await enrol('Qui', { members: [person('head', 'Quiteria Amparo', 'Sulbarán Ochoa', '1930-01-30')] });
      const early = await registrar.post(`/api/registry/households/${householdId}/removal-requests`, { reason: 'death', note: 'falleció la única integrante' });
      assert.equal(early.statusCode, 422, 'an active member stops it');
      assert.match(early.json().error.message, /1 member is active/);

      const personRemoval = (await registrar.post(`/api/registry/persons/${personIds[0]}/removal-requests`, { reason: 'death', note: 'acta 2026-77' })).json().id;
      assert.equal((await auditor.post(`/api/registry/removal-requests/${personRemoval}/approve`, { note: 'acta verificada' })).statusCode, 200);

      const requested = await registrar.post(`/api/registry/households/${householdId}/removal-requests`, { reason: 'death', note: 'falleció la única integrante' });
      assert.equal(requested.statusCode, 201, requested.body);
      const requestId = requested.json().id;
      assert.equal((await registrar.post(`/api/registry/households/${householdId}/removal-requests`, { reason: 'death', note: 'de nuevo' })).statusCode, 409);
      const queue = (await auditor.get('/api/registry/removal-requests?status=pending')).json().requests as { id: string; kind: string; householdId: string; personId: string | null; personName: string; actions: string[] }[];
      const item = queue.find((r) => r.id === requestId)!;
      assert.deepEqual({ kind: item.kind, householdId: item.householdId, personId: item.personId, name: item.personName }, { kind: 'household', householdId, personId: null, name: 'Quiteria Amparo Sulbarán Ochoa' });
      assert.deepEqual(item.actions, ['approve', 'reject']);
      assert.equal((await registrar.get(`/api/registry/households/${householdId}`)).json().status, 'active', 'nothing changes before approval');

      const approved = await auditor.post(`/api/registry/removal-requests/${requestId}/approve`, { note: 'hogar vacío' });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.deepEqual(approved.json().actions, ['undo']);
      const tombstone = (await registrar.get(`/api/registry/households/${householdId}`)).json();
      assert.equal(tombstone.status, 'tombstoned');
      assert.equal((await patch(householdId, { expectedVersion: tombstone.version, reason: 'corrección', changes: { distributionPoint: 'PDA-AN-09' } })).statusCode, 422);
      // The member cannot come back into a removed household.
      const undoPerson = await auditor.post(`/api/registry/removal-requests/${personRemoval}/undo`, { note: 'no había fallecido' });
      assert.equal(undoPerson.statusCode, 422);
      assert.match(undoPerson.json().error.message, /household was removed/);

      assert.equal((await auditor.post(`/api/registry/removal-requests/${requestId}/undo`, { note: 'error de registro' })).statusCode, 200);
      assert.equal((await registrar.get(`/api/registry/households/${householdId}`)).json().status, 'active');
      assert.equal((await auditor.post(`/api/registry/removal-requests/${personRemoval}/undo`, { note: 'no había fallecido' })).statusCode, 200);
      const reasons = (await versionsOf(registrar, `/api/registry/households/${householdId}`)).map((v) => v.reason);
      assert.match(reasons.at(-2)!, /removal approved \(death\): hogar vacío/);
      assert.match(reasons.at(-1)!, /removal undone: error de registro/);
      const actions = (await t.ctx.db.selectFrom('audit_entry').select('action').where('subject_id', '=', householdId).execute()).map((e) => e.action);
      for (const a of ['registry.household_removal_requested', 'registry.household_removal_approved', 'registry.household_removal_undone']) assert.ok(actions.includes(a as never), a);
    });

    it('refuses, at the database, a household removal decided by the official who asked', async () => {
      const { householdId, personIds } = await enrol('Pab', { members: [person('head', 'Pabla Eufemia', 'Rangel Tineo', '1929-07-07')] });
      const removal = (await registrar.post(`/api/registry/persons/${personIds[0]}/removal-requests`, { reason: 'death', note: 'acta 2026-78' })).json().id;
      await auditor.post(`/api/registry/removal-requests/${removal}/approve`, { note: 'acta verificada' });
      const requestId = (await registrar.post(`/api/registry/households/${householdId}/removal-requests`, { reason: 'death', note: 'hogar vacío' })).json().id;
      const row = await t.ctx.db.selectFrom('household_removal_request').select('requested_by').where('id', '=', requestId).executeTakeFirstOrThrow();
      await assert.rejects(
        t.ctx.db.updateTable('household_removal_request').set({ decided_by: row.requested_by, status: 'approved' }).where('id', '=', requestId).execute(),
        /check/i,
      );
      await assert.rejects(t.ctx.db.deleteFrom('household_removal_request').where('id', '=', requestId).execute(), /never deleted/);
    });
  });
}
