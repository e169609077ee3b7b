import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Agent, testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { verifyAuditLog } from '../../audit/verify-chain.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { decideProposal } from './decide-proposal.ts';
import { DEFAULT_CATALOGUE, installDefaultCatalogue } from './default-catalogue.ts';
import { findAttributeDefinitions } from './list-catalogue.ts';

const householdSize = {
  key: 'household_size',
  labels: { es: 'Tamaño del hogar', en: 'Household size' },
  type: 'integer',
  purposes: ['food', 'cash'],
  legalBasis: 'Ley de Protección Social: la caja de alimentos se asigna según el tamaño del hogar.',
  reason: 'the food box grows with the household',
};

for (const engine of testEngines()) {
  describe(`attribute catalogue over HTTP (${engine})`, () => {
    let t: TestApp;
    let admin: Agent & { username: string };
    let auditor: Agent & { username: string };
    let secondAuditor: Agent & { username: string };
    let registrar: Agent & { username: string };
    before(async () => {
      t = await testApp(engine);
      admin = await signedIn(t, 'administrator');
      auditor = await signedIn(t, 'auditor');
      secondAuditor = await signedIn(t, 'auditor');
      registrar = await signedIn(t, 'registrar');
    });
    after(() => t.close());

    const count = async (table: 'attribute_proposal' | 'attribute_definition' | 'attribute_definition_version') =>
      Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const catalogueRows = async () => ({
      proposals: await count('attribute_proposal'),
      definitions: await count('attribute_definition'),
      versions: await count('attribute_definition_version'),
    });
    const auditOf = (action: string) =>
      t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();
    const publicCatalogue = async (query = '') => {
      const r = await new Agent(t.app).get(`/api/catalogue${query}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json().entries as { key: string; version: number; status: string; labels: Record<string, string>; values: string[] }[];
    };

    it('refuses changes without the required role', async () => {
      const before = await catalogueRows();
      assert.equal((await new Agent(t.app).post('/api/catalogue/proposals', householdSize)).statusCode, 401);
      for (const official of [registrar, auditor]) assert.equal((await official.post('/api/catalogue/proposals', householdSize)).statusCode, 403);
      assert.equal((await registrar.get('/api/catalogue/proposals')).statusCode, 403);
      assert.equal((await admin.post('/api/catalogue/proposals/00000000-0000-4000-8000-000000000000/approve', {})).statusCode, 403);
      assert.deepEqual(await catalogueRows(), before);
    });

    it('publishes the catalogue to anyone, without login', async () => {
      assert.deepEqual(await publicCatalogue(), []);
      const { installed } = await installDefaultCatalogue(t.ctx);
      assert.deepEqual(installed, DEFAULT_CATALOGUE.map((e) => e.key));
      const entries = await publicCatalogue();
      assert.equal(entries.length, 8);
      const disability = entries.find((e) => e.key === 'disability') as unknown as Record<string, unknown>;
      assert.deepEqual(
        { sensitivity: disability.sensitivity, purposes: disability.purposes, type: disability.type, version: disability.version, status: disability.status },
        { sensitivity: 'special', purposes: ['health', 'pensions', 'food'], type: 'boolean', version: 1, status: 'active' },
      );
      assert.match(String(disability.legalBasis), /Ley/);
      assert.deepEqual(entries.find((e) => e.key === 'monthly_income')?.labels, { es: 'Ingreso mensual', en: 'Monthly income', pt: 'Renda mensal' });
    });

    it('installs the default catalogue idempotently, as the installation, with one audit entry', async () => {
      const before = await catalogueRows();
      assert.deepEqual(await installDefaultCatalogue(t.ctx), { installed: [] });
      assert.deepEqual(await catalogueRows(), before);
      const [entry, ...more] = await auditOf('catalogue.defaults_installed');
      assert.equal(more.length, 0);
      assert.equal(entry?.actor_name, 'amparo');
      assert.deepEqual((entry?.detail as { keys: string[] }).keys.length, 8);
      const proposal = await t.ctx.db.selectFrom('attribute_proposal').selectAll().where('key', '=', 'pregnant').executeTakeFirstOrThrow();
      assert.deepEqual([proposal.status, proposal.proposed_by, proposal.decided_by], ['approved', null, null]);
    });

    it('takes a proposal from an administrator and publishes it only after an auditor approves', async () => {
      const proposed = await admin.post('/api/catalogue/proposals', householdSize);
      assert.equal(proposed.statusCode, 201, proposed.body);
      const proposal = proposed.json();
      assert.equal(proposal.status, 'pending');
      assert.equal(proposal.kind, 'create');
      assert.equal(proposal.proposedBy, admin.username);
      assert.deepEqual(proposal.entry.purposes, ['food', 'cash']);
      assert.ok(!(await publicCatalogue()).some((e) => e.key === 'household_size'), 'not published before approval');

      for (const reader of [admin, auditor]) {
        const queue = await reader.get('/api/catalogue/proposals?status=pending');
        assert.equal(queue.statusCode, 200, queue.body);
        assert.deepEqual(queue.json().proposals.map((p: { id: string }) => p.id), [proposal.id]);
      }

      const approved = await auditor.post(`/api/catalogue/proposals/${proposal.id}/approve`, { reason: 'needed by the food program' });
      assert.equal(approved.statusCode, 200, approved.body);
      const decision = approved.json();
      assert.equal(decision.proposal.status, 'approved');
      assert.equal(decision.proposal.decidedBy, auditor.username);
      assert.equal(decision.entry.version, 1);
      const published = (await publicCatalogue()).find((e) => e.key === 'household_size');
      assert.equal(published?.version, 1);
      assert.equal((await t.ctx.db.selectFrom('attribute_definition_version').selectAll().where('key', '=', 'household_size').execute()).length, 1);

      const [proposedEntry] = await auditOf('catalogue.proposed');
      assert.equal(proposedEntry?.actor_name, admin.username);
      assert.equal(proposedEntry?.role, 'administrator');
      assert.equal(proposedEntry?.purpose, 'administration');
      assert.equal(proposedEntry?.subject_id, proposal.id);
      assert.equal((proposedEntry?.detail as { key: string }).key, 'household_size');
      const [approvedEntry] = await auditOf('catalogue.approved');
      assert.equal(approvedEntry?.actor_name, auditor.username);
      assert.equal(approvedEntry?.purpose, 'oversight');
      assert.deepEqual([(approvedEntry?.detail as { version: number }).version, approvedEntry?.subject_id], [1, proposal.id]);
      assert.deepEqual((await verifyAuditLog(t.ctx.db)).problems, []);

      const again = await secondAuditor.post(`/api/catalogue/proposals/${proposal.id}/approve`, {});
      assert.equal(again.statusCode, 409, 'a decided proposal cannot be decided again');
    });

    it('refuses a prohibited attribute with 422, naming the word, and changes nothing in the catalogue', async () => {
      const attempts: { body: Record<string, unknown>; term: string; category: string }[] = [
        { body: { ...householdSize, key: 'voted_2024', labels: { es: 'Votó en 2024', en: 'Voted in 2024' } }, term: 'voted', category: 'voting' },
        { body: { ...householdSize, key: 'partido_politico', labels: { es: 'Partido', en: 'Party' } }, term: 'partido', category: 'political_opinion' },
        { body: { ...householdSize, key: 'family_background', labels: { es: 'Origen', en: 'Background', pt: 'Raça da família' } }, term: 'Raça', category: 'ethnicity' },
        { body: { ...householdSize, key: 'household_type', type: 'enum', values: ['nuclear', 'evangelical'], labels: { es: 'Tipo', en: 'Type' } }, term: 'evangelical', category: 'religion' },
        { body: { ...householdSize, key: 'instagram_handle', labels: { es: 'Instagram', en: 'Instagram' } }, term: 'instagram', category: 'social_media' },
      ];
      for (const { body, term, category } of attempts) {
        const before = await catalogueRows();
        const r = await admin.post('/api/catalogue/proposals', body);
        assert.equal(r.statusCode, 422, r.body);
        const error = r.json().error;
        assert.equal(error.code, 'RULE_VIOLATION');
        assert.ok(error.message.includes(`"${term}"`), error.message);
        assert.equal(error.details.category, category);
        assert.equal(error.details.term, term);
        assert.deepEqual(await catalogueRows(), before, `${String(body.key)} changed the catalogue`);
      }
      // The attempt itself is visible to oversight.
      const refusals = await auditOf('catalogue.refused');
      assert.equal(refusals.length, attempts.length);
      assert.equal(refusals[0]?.outcome, 'denied');
      assert.equal(refusals[0]?.actor_name, admin.username);
      assert.deepEqual(refusals[0]?.detail, { category: 'social_media', field: 'key', term: 'instagram' });
      assert.ok(!(await publicCatalogue()).some((e) => ['voted_2024', 'partido_politico', 'instagram_handle'].includes(e.key)));
    });

    it('refuses malformed entries and health facts declared normal, changing nothing', async () => {
      const before = await catalogueRows();
      const cases: [Record<string, unknown>, number, string, RegExp][] = [
        [{ ...householdSize, key: 'Household Size' }, 400, 'VALIDATION_FAILED', /key "Household Size" must be/],
        [{ ...householdSize, key: 'asthma', labels: { es: 'Asma', en: 'Asthma' } }, 422, 'RULE_VIOLATION', /health fact: declare it special/],
        [{ ...householdSize, key: 'roof', type: 'enum', values: ['zinc'] }, 400, 'VALIDATION_FAILED', /needs 2-100 values/],
        [{ ...householdSize, key: 'roof', legalBasis: 'short' }, 400, 'VALIDATION_FAILED', /legalBasis/],
        [{ ...householdSize, key: 'roof', labels: { es: 'Techo' } }, 400, 'VALIDATION_FAILED', /labels\.en/],
        [{ ...householdSize, key: 'roof', purposes: ['police'] }, 400, 'VALIDATION_FAILED', /purposes/],
        [{ ...householdSize, key: 'new_thing', status: 'retired' }, 400, 'VALIDATION_FAILED', /a new entry starts active/],
      ];
      for (const [body, status, code, message] of cases) {
        const r = await admin.post('/api/catalogue/proposals', body);
        assert.equal(r.statusCode, status, `${String(body.key)}: ${r.body}`);
        assert.equal(r.json().error.code, code);
        assert.match(r.json().error.message, message);
      }
      assert.deepEqual(await catalogueRows(), before);
    });

    it('changes an entry through a new version, keeping its type and enum values', async () => {
      const roof = { ...householdSize, key: 'roof_material', type: 'enum', values: ['zinc', 'concrete'], labels: { es: 'Material del techo', en: 'Roof material' }, purposes: ['cash'] };
      const created = (await admin.post('/api/catalogue/proposals', roof)).json();
      assert.equal((await auditor.post(`/api/catalogue/proposals/${created.id}/approve`, {})).statusCode, 200);

      const typeChange = await admin.post('/api/catalogue/proposals', { ...roof, type: 'integer', values: undefined });
      assert.equal(typeChange.statusCode, 422);
      assert.match(typeChange.json().error.message, /type of roof_material cannot change/);
      const removal = await admin.post('/api/catalogue/proposals', { ...roof, values: ['zinc'] });
      assert.equal(removal.statusCode, 400, 'an enum needs two values');
      const removal2 = await admin.post('/api/catalogue/proposals', { ...roof, values: ['zinc', 'thatch'] });
      assert.equal(removal2.statusCode, 422);
      assert.match(removal2.json().error.message, /cannot be removed \(concrete\)/);
      const nothing = await admin.post('/api/catalogue/proposals', roof);
      assert.equal(nothing.statusCode, 409);
      assert.match(nothing.json().error.message, /changes nothing/);

      const change = await admin.post('/api/catalogue/proposals', { ...roof, values: ['zinc', 'concrete', 'thatch'], labels: { ...roof.labels, pt: 'Material do telhado' } });
      assert.equal(change.statusCode, 201, change.body);
      assert.deepEqual([change.json().kind, change.json().baseVersion], ['change', 1]);
      const second = await admin.post('/api/catalogue/proposals', { ...roof, values: ['zinc', 'concrete', 'wood'] });
      assert.equal(second.statusCode, 409, 'one open proposal per key');
      assert.match(second.json().error.message, /already waiting for a decision/);

      const approved = await auditor.post(`/api/catalogue/proposals/${change.json().id}/approve`, {});
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json().entry.version, 2);
      const entry = (await publicCatalogue()).find((e) => e.key === 'roof_material');
      assert.deepEqual([entry?.version, entry?.values], [2, ['zinc', 'concrete', 'thatch']]);
      const versions = await t.ctx.db.selectFrom('attribute_definition_version').select(['version', 'enum_values']).where('key', '=', 'roof_material').orderBy('version').execute();
      assert.deepEqual(versions, [{ version: 1, enum_values: ['zinc', 'concrete'] }, { version: 2, enum_values: ['zinc', 'concrete', 'thatch'] }]);

      const retire = await admin.post('/api/catalogue/proposals', { ...roof, values: ['zinc', 'concrete', 'thatch'], labels: { ...roof.labels, pt: 'Material do telhado' }, status: 'retired' });
      assert.equal(retire.statusCode, 201, retire.body);
      assert.equal((await auditor.post(`/api/catalogue/proposals/${retire.json().id}/approve`, {})).statusCode, 200);
      assert.equal((await publicCatalogue()).find((e) => e.key === 'roof_material')?.status, 'retired');
      assert.ok(!(await publicCatalogue('?status=active')).some((e) => e.key === 'roof_material'));
    });

    it('rejects with a reason, publishing nothing', async () => {
      const p = (await admin.post('/api/catalogue/proposals', { ...householdSize, key: 'owns_bicycle', type: 'boolean', purposes: ['fuel'] })).json();
      const before = await catalogueRows();
      const noReason = await auditor.post(`/api/catalogue/proposals/${p.id}/reject`, {});
      assert.equal(noReason.statusCode, 400);
      const rejected = await auditor.post(`/api/catalogue/proposals/${p.id}/reject`, { reason: 'bicycles get no fuel' });
      assert.equal(rejected.statusCode, 200, rejected.body);
      assert.deepEqual([rejected.json().proposal.status, rejected.json().proposal.decisionReason, rejected.json().entry], ['rejected', 'bicycles get no fuel', null]);
      assert.deepEqual(await catalogueRows(), before, 'a rejection adds no entry and no version');
      assert.ok(!(await publicCatalogue()).some((e) => e.key === 'owns_bicycle'));
      const [audit] = await auditOf('catalogue.rejected');
      assert.deepEqual([audit?.actor_name, (audit?.detail as { reason: string }).reason], [auditor.username, 'bicycles get no fuel']);
      assert.equal((await auditor.post(`/api/catalogue/proposals/${p.id}/approve`, {})).statusCode, 409);
      assert.equal((await auditor.post('/api/catalogue/proposals/00000000-0000-4000-8000-000000000000/approve', {})).statusCode, 404);
    });

    it('enforces who may do what: only administrators propose, only auditors decide, never the proposer', async () => {
      assert.equal((await registrar.post('/api/catalogue/proposals', householdSize)).statusCode, 403);
      assert.equal((await new Agent(t.app).post('/api/catalogue/proposals', householdSize)).statusCode, 401);
      assert.equal((await registrar.get('/api/catalogue/proposals')).statusCode, 403);
      const p = (await admin.post('/api/catalogue/proposals', { ...householdSize, key: 'has_fridge', type: 'boolean', purposes: ['food'] })).json();
      assert.equal((await admin.post(`/api/catalogue/proposals/${p.id}/approve`, {})).statusCode, 403);

      // One role per account keeps an administrator from approving; the rule holds in
      // the service and in the database as well, whatever the roles become.
      const proposer = await t.ctx.db.selectFrom('official').select(['id', 'username']).where('username', '=', admin.username).executeTakeFirstOrThrow();
      await assert.rejects(
        decideProposal(t.ctx, { id: proposer.id, name: proposer.username, role: 'auditor' }, { proposalId: p.id, decision: 'approve' }),
        (e: unknown) => e instanceof DomainError && e.code === 'RULE_VIOLATION' && /may not decide it/.test(e.message),
      );
      await assert.rejects(
        sql`update attribute_proposal set status = 'approved', decided_by = proposed_by, decided_at = now() where id = ${p.id}`.execute(t.ctx.db),
        /check constraint/,
      );
      assert.equal((await secondAuditor.post(`/api/catalogue/proposals/${p.id}/approve`, {})).statusCode, 200);
      const definitions = await findAttributeDefinitions(t.ctx.db, ['has_fridge', 'no_such_key']);
      assert.deepEqual([...definitions.keys()], ['has_fridge']);
    });

    it('has the database refuse to rewrite catalogue history', async () => {
      await assert.rejects(sql`update attribute_definition_version set legal_basis = 'x' where key = 'disability'`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`delete from attribute_definition_version`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`truncate attribute_definition_version cascade`.execute(t.ctx.db), /append-only|never removed/);
      await assert.rejects(sql`delete from attribute_definition where key = 'disability'`.execute(t.ctx.db), /never removed, only retired/);
      await assert.rejects(sql`update attribute_definition set type = 'integer' where key = 'disability'`.execute(t.ctx.db), /keeps its key and type/);
      await assert.rejects(sql`update attribute_definition set legal_basis = 'changed quietly' where key = 'disability'`.execute(t.ctx.db), /one version at a time/);
      await assert.rejects(sql`update attribute_proposal set reason = 'rewritten' where key = 'disability'`.execute(t.ctx.db), /already approved/);
      await assert.rejects(sql`delete from attribute_proposal`.execute(t.ctx.db), /never removed/);
      const pending = (await admin.post('/api/catalogue/proposals', { ...householdSize, key: 'has_stove', type: 'boolean' })).json();
      await assert.rejects(sql`update attribute_proposal set legal_basis = 'another law entirely' where id = ${pending.id}`.execute(t.ctx.db), /may not change what was proposed/);
    });
  });
}
