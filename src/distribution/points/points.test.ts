import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Agent, testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { ensureTestRegions, officialId, setUpTerminal } from '../../../test/support/terminal-client.ts';

const point = (code: string, regionCode = 'AN-01', kind = 'food') => ({ code, name: `Punto ${code}`, kind, regionCode });

for (const engine of testEngines()) {
  describe(`distribution points and their agents (${engine})`, () => {
    let t: TestApp;
    let admin: Awaited<ReturnType<typeof signedIn>>;
    let andinia: Awaited<ReturnType<typeof signedIn>>;
    let coastal: Awaited<ReturnType<typeof signedIn>>;
    const audit = (action: string) => t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', action).orderBy('id').execute();
    const pointCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM distribution_point`.execute(t.ctx.db)).rows[0]!.n);

    before(async () => {
      t = await testApp(engine);
      await ensureTestRegions(t);
      admin = await signedIn(t, 'administrator');
      andinia = await signedIn(t, 'administrator', { regions: ['AN'] });
      coastal = await signedIn(t, 'administrator', { regions: ['CO'] });
    });
    after(() => t.close());

    it('refused without the required role: only administrators manage points', async () => {
      for (const role of ['registrar', 'program_manager', 'auditor', 'analyst', 'distribution_agent'] as const) {
        const other = await signedIn(t, role);
        const r = await other.post('/api/distribution/points', point('PDA-X1'));
        assert.equal(r.statusCode, 403, `${role}: ${r.body}`);
        assert.equal((await other.get('/api/distribution/points')).statusCode, 403);
      }
      assert.equal((await new Agent(t.app).post('/api/distribution/points', point('PDA-X1'))).statusCode, 401);
      assert.equal(await pointCount(), 0);
    });

    it('creates a point in a region of the scopes, audited; refuses a taken code, an unknown region or a region outside the scopes', async () => {
      const created = await andinia.post('/api/distribution/points', point('PDA-AN-01'));
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual({ ...(created.json() as object), createdAt: undefined }, { ...point('PDA-AN-01'), status: 'active', createdAt: undefined, createdByName: andinia.username });
      const entry = (await audit('distribution.point_created')).at(-1)!;
      assert.deepEqual([entry.subject_type, entry.subject_id, entry.purpose, entry.actor_name], ['distribution_point', 'PDA-AN-01', 'administration', andinia.username]);

      const taken = await admin.post('/api/distribution/points', point('PDA-AN-01', 'AN-02'));
      assert.equal(taken.statusCode, 409, taken.body);
      const unknown = await admin.post('/api/distribution/points', point('PDA-ZZ', 'ZZ-01'));
      assert.equal(unknown.statusCode, 400, unknown.body);
      const outside = await coastal.post('/api/distribution/points', point('PDA-AN-09'));
      assert.equal(outside.statusCode, 403, outside.body);
      const badCode = await admin.post('/api/distribution/points', point('pda an'));
      assert.equal(badCode.statusCode, 400);
      assert.equal(await pointCount(), 1);
      assert.equal((await audit('distribution.point_created')).length, 1);
    });

    it('lists points within the scopes, by region and a page at a time', async () => {
      for (const p of [point('PDA-AN-02', 'AN-02'), point('FAR-AN-01-01', 'AN-01-01', 'pharmacy'), point('PDA-CO-01', 'CO-01')]) {
        assert.equal((await admin.post('/api/distribution/points', p)).statusCode, 201);
      }
      const codes = async (who: Agent, query = '') => (await who.get(`/api/distribution/points${query}`)).json().points.map((p: { code: string }) => p.code);
      assert.deepEqual(await codes(admin), ['FAR-AN-01-01', 'PDA-AN-01', 'PDA-AN-02', 'PDA-CO-01']);
      assert.deepEqual(await codes(andinia), ['FAR-AN-01-01', 'PDA-AN-01', 'PDA-AN-02']);
      assert.deepEqual(await codes(coastal), ['PDA-CO-01']);
      assert.deepEqual(await codes(admin, '?region=AN-01'), ['FAR-AN-01-01', 'PDA-AN-01']);
      assert.deepEqual(await codes(coastal, '?region=AN-01'), [], 'a region filter never widens the scopes');
      const first = (await admin.get('/api/distribution/points?limit=2')).json();
      assert.deepEqual([first.points.length, first.next], [2, 'PDA-AN-01']);
      const second = (await admin.get(`/api/distribution/points?limit=2&after=${first.next}`)).json();
      assert.deepEqual(second.points.map((p: { code: string }) => p.code), ['PDA-AN-02', 'PDA-CO-01']);
    });

    it('an administrator outside the region gets 404 for the point, its change and its agents', async () => {
      assert.equal((await coastal.get('/api/distribution/points/PDA-AN-01')).statusCode, 404);
      assert.equal((await coastal.request('PATCH', '/api/distribution/points/PDA-AN-01', { status: 'closed' })).statusCode, 404);
      const agent = await signedIn(t, 'distribution_agent', { regions: ['AN-01'] });
      const r = await coastal.post('/api/distribution/points/PDA-AN-01/agents', { officialId: await officialId(t, agent.username) });
      assert.equal(r.statusCode, 404, r.body);
      assert.equal((await admin.get('/api/distribution/points/NOPE')).statusCode, 404);
      assert.equal((await admin.get('/api/distribution/points/PDA-AN-01')).json().point.status, 'active');
    });

    it('assigns agents whose regions cover the point, and ends assignments without deleting them', async () => {
      const agent = await signedIn(t, 'distribution_agent', { regions: ['AN-01'] });
      const agentId = await officialId(t, agent.username);
      const assign = (who: Agent, id: string, code = 'PDA-AN-01') => who.post(`/api/distribution/points/${code}/agents`, { officialId: id });

      const ok = await assign(andinia, agentId);
      assert.equal(ok.statusCode, 204, ok.body);
      assert.equal((await assign(andinia, agentId)).statusCode, 409, 'already assigned');
      const far = await assign(andinia, agentId, 'PDA-AN-02');
      assert.equal(far.statusCode, 422, "AN-02 is outside the agent's region AN-01");
      const registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      const notAgent = await assign(andinia, await officialId(t, registrar.username));
      assert.equal(notAgent.statusCode, 422, 'only distribution agents');
      assert.equal((await assign(andinia, '00000000-0000-4000-8000-000000000000')).statusCode, 404);

      const detail = (await admin.get('/api/distribution/points/PDA-AN-01')).json();
      assert.deepEqual(detail.agents.map((a: { officialId: string }) => a.officialId), [agentId]);
      const mine = await agent.get('/api/distribution/my-points');
      assert.equal(mine.statusCode, 200, mine.body);
      assert.deepEqual(mine.json().points.map((p: { code: string }) => p.code), ['PDA-AN-01']);

      const ended = await andinia.request('DELETE', `/api/distribution/points/PDA-AN-01/agents/${agentId}`);
      assert.equal(ended.statusCode, 204, ended.body);
      assert.equal((await andinia.request('DELETE', `/api/distribution/points/PDA-AN-01/agents/${agentId}`)).statusCode, 404, 'nothing left to end');
      assert.deepEqual((await agent.get('/api/distribution/my-points')).json().points, []);
      const rows = await t.ctx.db.selectFrom('distribution_point_agent').selectAll().where('official_id', '=', agentId).execute();
      assert.equal(rows.length, 1, 'the assignment is kept, ended');
      assert.equal(rows[0]!.ended_by_name, andinia.username);
      await assert.rejects(sql`DELETE FROM distribution_point_agent WHERE official_id = ${agentId}`.execute(t.ctx.db), 'the database refuses to delete it');

      // Assigned again later: a new row, the history stays.
      assert.equal((await assign(andinia, agentId)).statusCode, 204);
      assert.equal((await t.ctx.db.selectFrom('distribution_point_agent').selectAll().where('official_id', '=', agentId).execute()).length, 2);
      assert.deepEqual((await audit('distribution.agent_assigned')).map((e) => e.subject_id), ['PDA-AN-01', 'PDA-AN-01']);
      assert.equal((await audit('distribution.agent_unassigned')).length, 1);
    });

    it('renames and closes a point: a closed point takes no new agents or terminals, and is never deleted', async () => {
      const renamed = await andinia.request('PATCH', '/api/distribution/points/PDA-AN-02', { name: 'Mercal Santa Rosa' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().name, 'Mercal Santa Rosa');
      assert.equal((await andinia.request('PATCH', '/api/distribution/points/PDA-AN-02', { name: 'Mercal Santa Rosa' })).statusCode, 409, 'no change');
      assert.equal((await andinia.request('PATCH', '/api/distribution/points/PDA-AN-02', {})).statusCode, 400);
      const closed = await andinia.request('PATCH', '/api/distribution/points/PDA-AN-02', { status: 'closed' });
      assert.equal(closed.json().status, 'closed');
      const agent = await signedIn(t, 'distribution_agent', { regions: ['AN'] });
      assert.equal((await andinia.post('/api/distribution/points/PDA-AN-02/agents', { officialId: await officialId(t, agent.username) })).statusCode, 422);
      assert.equal((await andinia.post('/api/distribution/points/PDA-AN-02/terminals', { label: 'Tablet' })).statusCode, 422);
      const changes = await audit('distribution.point_changed');
      assert.deepEqual(changes.map((e) => (e.detail as { fields: string[] }).fields), [['name'], ['status']]);
      await assert.rejects(sql`DELETE FROM distribution_point WHERE code = 'PDA-AN-02'`.execute(t.ctx.db));
      assert.equal((await andinia.request('PATCH', '/api/distribution/points/PDA-AN-02', { status: 'active' })).json().status, 'active', 'reopened');
    });

    it("a point's detail lists the programs that serve it, its agents and its terminals", async () => {
      await sql`INSERT INTO program (id, code, name_es, name_en, description_es, description_en, sector, unit, benefit_kind, item_es, item_en, measure, currency, frequency, distribution_points, status, version, created_by_name, updated_by_name)
        VALUES (gen_random_uuid(), 'food-box', 'Caja', 'Box', 'd', 'd', 'food', 'household', 'in_kind', 'caja', 'box', 'box', 'VES', 'monthly', ARRAY['PDA-AN-01', 'PDA-CO-01'], 'draft', 1, 'test', 'test'),
               (gen_random_uuid(), 'fuel', 'Gas', 'Fuel', 'd', 'd', 'fuel', 'household', 'in_kind', 'gas', 'fuel', 'litre', 'VES', 'monthly', ARRAY['PDA-CO-01'], 'draft', 1, 'test', 'test')`.execute(t.ctx.db);
      const terminal = await setUpTerminal(t, { admin, pointCode: 'PDA-AN-01', regionCode: 'AN-01' });
      const detail = (await andinia.get('/api/distribution/points/PDA-AN-01')).json();
      const read = (await audit('distribution.point_read')).at(-1)!;
      assert.deepEqual([read.subject_id, read.actor_name, read.purpose], ['PDA-AN-01', andinia.username, 'administration'], 'reading the agents of a point is audited');
      assert.deepEqual(detail.programs.map((p: { code: string }) => p.code), ['food-box']);
      assert.ok(detail.agents.some((a: { officialId: string }) => a.officialId === terminal.agentId));
      assert.deepEqual(detail.terminals.map((x: { id: string; state: string }) => [x.id, x.state]), [[terminal.terminalId, 'enrolled']]);
      const summary = (await andinia.get('/api/distribution/points?region=AN-01')).json().points.find((p: { code: string }) => p.code === 'PDA-AN-01');
      assert.deepEqual([summary.agents, summary.terminals], [2, 1]);
    });
  });
}
