import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';
import { installDefaultCatalogue } from './catalogue/default-catalogue.ts';

const household = (over: Record<string, unknown> = {}) => ({
  regionCode: 'AN-01-02',
  address: { street: 'Calle Los Mangos', number: '14', reference: 'frente a la bodega' },
  members: [
    {
      relationship: 'head',
      givenNames: 'María José',
      familyNames: 'Pérez de la Cruz',
      sex: 'F',
      birthDate: { value: '1984-03-07' },
      evidence: [{ kind: 'document', type: 'national_id', number: 'V-14523987' }],
    },
    {
      relationship: 'child',
      givenNames: 'Luis Ángel',
      familyNames: 'Rondón Pérez',
      sex: 'M',
      birthDate: { value: '2019-01-01', precision: 'year', declared: true },
      evidence: [{ kind: 'household_head' }],
    },
  ],
  ...over,
});

const count = async (t: TestApp, table: 'person' | 'household' | 'person_version') =>
  Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

for (const engine of testEngines()) {
  describe(`enrolment (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
    });
    after(() => t.close());

    it('enrols a household, keeps its first versions, and audits every record', async () => {
      const registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      const r = await registrar.post('/api/registry/households', household());
      assert.equal(r.statusCode, 201, r.body);
      const { householdId, personIds } = r.json();
      assert.equal(personIds.length, 2);

      const view = (await registrar.get(`/api/registry/households/${householdId}`)).json();
      assert.equal(view.members.length, 2);
      const child = view.members.find((m: { relationship: string }) => m.relationship === 'child');
      assert.deepEqual(child.birthDate, { value: '2019-01-01', precision: 'year', declared: true });
      assert.deepEqual(child.evidence, [{ kind: 'household_head' }]);

      const history = (await registrar.get(`/api/registry/persons/${personIds[0]}/history`)).json();
      assert.equal(history.versions.length, 1);
      assert.equal(history.versions[0].reason, 'enrolment');
      assert.equal(history.versions[0].data.familyNames, 'Pérez de la Cruz');

      const entries = await t.ctx.db.selectFrom('audit_entry').select(['action', 'subject_id']).where('subject_id', 'in', [householdId, ...personIds]).execute();
      const actions = entries.map((e) => e.action);
      assert.ok(actions.includes('registry.household_enrolled'));
      assert.equal(actions.filter((a) => a === 'registry.person_enrolled').length, 2);
      assert.ok(actions.includes('registry.person_read'), 'reading a household is audited for each member');
      assert.ok(actions.includes('registry.history_read'));
    });

    it('refuses bad enrolments and changes nothing', async () => {
      const registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      const before = [await count(t, 'person'), await count(t, 'household')];
      const cases: [unknown, number, string][] = [
        [household({ members: [] }), 400, 'VALIDATION_FAILED'],
        [household({ regionCode: 'AN-01' }), 400, 'VALIDATION_FAILED'],
        [household({ regionCode: 'AN-01-77' }), 400, 'VALIDATION_FAILED'],
        [household({ regionCode: 'SE-01-01' }), 403, 'FORBIDDEN'],
        [household({ members: [household().members[1]] }), 422, 'RULE_VIOLATION'],
        [household({ members: [{ ...household().members[0], evidence: [] }] }), 400, 'VALIDATION_FAILED'],
        [household({ members: [{ ...household().members[0], birthDate: { value: '2999-01-01' } }] }), 400, 'VALIDATION_FAILED'],
        [household({ members: [{ ...household().members[0], evidence: [{ kind: 'introducer', introducerId: '00000000-0000-4000-8000-000000000000' }] }] }), 422, 'RULE_VIOLATION'],
        [household({ members: [{ ...household().members[0], attributes: { religion: 'x' } }] }), 422, 'RULE_VIOLATION'],
      ];
      for (const [body, status, code] of cases) {
        const r = await registrar.post('/api/registry/households', body);
        assert.equal(r.statusCode, status, `${JSON.stringify(body).slice(0, 120)} → ${r.body}`);
        assert.equal(r.json().error.code, code);
      }
      assert.deepEqual([await count(t, 'person'), await count(t, 'household')], before);
    });

    it('hides records outside the official’s regions behind the same answer as a missing one', async () => {
      const andinia = await signedIn(t, 'registrar', { regions: ['AN'] });
      const other = household({
        members: [{ relationship: 'head', givenNames: 'Yusmary', familyNames: 'Quintero Salas', sex: 'F', birthDate: { value: '1999-12-24' }, evidence: [{ kind: 'sworn_declaration' }] }],
      });
      const enrolled = await andinia.post('/api/registry/households', other);
      assert.equal(enrolled.statusCode, 201, enrolled.body);
      const { householdId, personIds } = enrolled.json();
      const costa = await signedIn(t, 'registrar', { regions: ['CO'] });
      const hidden = await costa.get(`/api/registry/persons/${personIds[0]}`);
      const missing = await costa.get('/api/registry/persons/00000000-0000-4000-8000-000000000000');
      assert.equal(hidden.statusCode, 404);
      assert.deepEqual(hidden.json(), missing.json());
      assert.equal((await costa.get(`/api/registry/households/${householdId}`)).statusCode, 404);
      const national = await signedIn(t, 'registrar', { regions: ['*'] });
      assert.equal((await national.get(`/api/registry/persons/${personIds[0]}`)).statusCode, 200);
    });

    it('records only catalogue attributes, typed, and withholds special ones outside the purpose', async () => {
      await installDefaultCatalogue(t.ctx);
      const registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      const member = {
        relationship: 'head',
        givenNames: 'Nelson',
        familyNames: 'Arteaga Lugo',
        sex: 'M',
        birthDate: { value: '1958-08-30' },
        evidence: [{ kind: 'document', type: 'national_id', number: 'V-5123456' }],
      };
      const badType = await registrar.post('/api/registry/households', household({ members: [{ ...member, attributes: { monthly_income: 'mucho' } }] }));
      assert.equal(badType.statusCode, 400);
      assert.match(badType.json().error.message, /monthly_income/);
      const r = await registrar.post('/api/registry/households', household({ members: [{ ...member, attributes: { monthly_income: '1250.50', disability: 'sí' } }] }));
      assert.equal(r.statusCode, 201, r.body);
      const person = (await registrar.get(`/api/registry/persons/${r.json().personIds[0]}`)).json();
      assert.deepEqual(person.attributes, { monthly_income: '1250.5' });
      assert.deepEqual(person.withheldAttributes, ['disability']);
      const stored = await t.ctx.db.selectFrom('person').select('attributes').where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.deepEqual(stored.attributes, { monthly_income: '1250.5', disability: true });
      const history = (await registrar.get(`/api/registry/persons/${person.id}/history`)).json().versions;
      assert.equal(history[0].data.attributes.disability, undefined, 'old versions withhold it too');
      const corrected = await registrar.request('PATCH', `/api/registry/persons/${person.id}`, { expectedVersion: 1, reason: 'nuevo ingreso declarado', changes: { attributes: { monthly_income: '900' } } });
      assert.equal(corrected.statusCode, 200, corrected.body);
      const after = await t.ctx.db.selectFrom('person').select('attributes').where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.deepEqual(after.attributes, { monthly_income: '900', disability: true }, 'a withheld value survives a correction by someone who cannot see it');
    });

    it('never deletes a person or rewrites a version, at the database', async () => {
      await assert.rejects(sql`delete from person`.execute(t.ctx.db), /never deleted/);
      await assert.rejects(sql`truncate household cascade`.execute(t.ctx.db), /never deleted|append-only/);
      await assert.rejects(sql`update person_version set reason = 'x'`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`delete from person_version`.execute(t.ctx.db), /append-only/);
    });
  });
}
