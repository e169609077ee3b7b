import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Agent, testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import {
  assignTestAgent,
  createTestPoint,
  enrolTestTerminal,
  newTerminalKeys,
  registerTestTerminal,
  setUpTerminal,
  signatureHeaders,
  signedInject,
  type TestTerminal,
} from '../../../test/support/terminal-client.ts';
import { TERMINAL_HEADERS } from '../protocol/terminal-protocol.ts';

for (const engine of testEngines()) {
  describe(`terminals: registration, enrolment and signed requests (${engine})`, () => {
    let t: TestApp;
    let admin: Awaited<ReturnType<typeof signedIn>>;
    const audit = (action: string) => t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', action).orderBy('id').execute();
    const me = (terminal: TestTerminal, extra: Partial<Parameters<typeof signedInject>[1]> = {}) =>
      signedInject(t.app, { method: 'GET', url: '/api/terminal/me', terminal, session: terminal.agent, ...extra });

    before(async () => {
      t = await testApp(engine);
      admin = await signedIn(t, 'administrator');
    });
    after(() => t.close());

    it('refused without the required role: only administrators register and revoke terminals, only agents enrol', async () => {
      const { pointCode } = await createTestPoint(t, { admin });
      for (const role of ['registrar', 'program_manager', 'auditor', 'analyst', 'distribution_agent'] as const) {
        const other = await signedIn(t, role);
        const r = await other.post(`/api/distribution/points/${pointCode}/terminals`, { label: 'Tablet' });
        assert.equal(r.statusCode, 403, `${role}: ${r.body}`);
      }
      assert.equal((await new Agent(t.app).post(`/api/distribution/points/${pointCode}/terminals`, { label: 'Tablet' })).statusCode, 401);
      const r = await admin.post('/api/terminal/enrol', { enrolmentCode: 'AAAA-AAAA-AAAA', publicKey: newTerminalKeys().publicKeyText });
      assert.equal(r.statusCode, 403, r.body);
      assert.equal((await t.ctx.db.selectFrom('terminal').selectAll().where('point_code', '=', pointCode).execute()).length, 0);
    });

    it('registers a terminal with a one-time code stored only as its hash, and enrols it once', async () => {
      const { pointCode } = await createTestPoint(t, { admin });
      const registered = await registerTestTerminal(admin, pointCode, 'Tablet 1');
      assert.match(registered.enrolmentCode, /^[23456789ACDEFGHJKMNPQRTVWXY]{4}(-[23456789ACDEFGHJKMNPQRTVWXY]{4}){2}$/);
      const hours = (Date.parse(registered.expiresAt) - Date.now()) / 3_600_000;
      assert.ok(hours > 23.9 && hours <= 24, `expires in ${hours} h`);
      const row = await t.ctx.db.selectFrom('terminal').selectAll().where('id', '=', registered.terminal.id).executeTakeFirstOrThrow();
      assert.equal(row.enrolment_code_hash?.length, 32);
      const stored = JSON.stringify(await sql`SELECT * FROM terminal WHERE id = ${registered.terminal.id}`.execute(t.ctx.db));
      assert.ok(!stored.includes(registered.enrolmentCode.replaceAll('-', '')), 'the code itself is not stored');

      const agent = await signedIn(t, 'distribution_agent', { regions: ['AN'] });
      await assignTestAgent(t, admin, pointCode, agent.username);
      const keys = newTerminalKeys();
      // Typed in lower case without dashes: the same code.
      const enrolled = await agent.post('/api/terminal/enrol', { enrolmentCode: registered.enrolmentCode.replaceAll('-', '').toLowerCase(), publicKey: keys.publicKeyText });
      assert.equal(enrolled.statusCode, 200, enrolled.body);
      assert.deepEqual(enrolled.json(), { terminalId: registered.terminal.id, point: { code: pointCode, name: `Punto ${pointCode}`, kind: 'food', regionCode: 'AN-01' } });
      const after = await t.ctx.db.selectFrom('terminal').selectAll().where('id', '=', registered.terminal.id).executeTakeFirstOrThrow();
      assert.deepEqual(new Uint8Array(after.public_key!), keys.publicKey);
      assert.equal(after.enrolment_code_hash, null, 'the code is spent');

      const again = await agent.post('/api/terminal/enrol', { enrolmentCode: registered.enrolmentCode, publicKey: newTerminalKeys().publicKeyText });
      assert.equal(again.statusCode, 422, again.body);
      assert.equal(again.json().error.code, 'ENROLMENT_CODE_INVALID');
      const kept = await t.ctx.db.selectFrom('terminal').select('public_key').where('id', '=', registered.terminal.id).executeTakeFirstOrThrow();
      assert.deepEqual(new Uint8Array(kept.public_key!), keys.publicKey, 'a second enrolment changes nothing');

      const entries = await audit('distribution.terminal_enrolled');
      assert.equal(entries.at(-1)!.subject_id, registered.terminal.id);
      assert.equal(entries.at(-1)!.actor_name, agent.username);
      assert.ok((await audit('distribution.terminal_registered')).some((e) => e.subject_id === registered.terminal.id && e.purpose === 'administration'));

      const list = await admin.get(`/api/distribution/points/${pointCode}/terminals`);
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual(list.json().map((x: { state: string }) => x.state), ['enrolled']);
    });

    it('refuses an expired code (410), a wrong code, a bad key, and an agent of another point, spending nothing', async () => {
      const { pointCode } = await createTestPoint(t, { admin });
      const agent = await signedIn(t, 'distribution_agent', { regions: ['AN-01'] });
      await assignTestAgent(t, admin, pointCode, agent.username);

      const stranger = await signedIn(t, 'distribution_agent', { regions: ['AN-01'] });
      const registered = await registerTestTerminal(admin, pointCode);
      const refused = await stranger.post('/api/terminal/enrol', { enrolmentCode: registered.enrolmentCode, publicKey: newTerminalKeys().publicKeyText });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().error.code, 'FORBIDDEN');

      const wrong = await agent.post('/api/terminal/enrol', { enrolmentCode: 'CCCC-CCCC-CCCC', publicKey: newTerminalKeys().publicKeyText });
      assert.equal(wrong.json().error.code, 'ENROLMENT_CODE_INVALID');
      const badKey = await agent.post('/api/terminal/enrol', { enrolmentCode: registered.enrolmentCode, publicKey: 'short' });
      assert.equal(badKey.statusCode, 400, badKey.body);

      // The code is still good for the right agent.
      await enrolTestTerminal(agent, registered.enrolmentCode);

      const late = await registerTestTerminal(admin, pointCode, 'Late tablet');
      await sql`UPDATE terminal SET enrolment_expires_at = now() - interval '1 minute' WHERE id = ${late.terminal.id}`.execute(t.ctx.db);
      const expired = await agent.post('/api/terminal/enrol', { enrolmentCode: late.enrolmentCode, publicKey: newTerminalKeys().publicKeyText });
      assert.equal(expired.statusCode, 410, expired.body);
      assert.equal(expired.json().error.code, 'ENROLMENT_CODE_EXPIRED');
      const states = (await admin.get(`/api/distribution/points/${pointCode}/terminals`)).json().map((x: { label: string; state: string }) => `${x.label}:${x.state}`);
      assert.deepEqual(states, ['Tablet 1:enrolled', 'Late tablet:enrolment_expired']);
    });

    it('answers a signed request with the terminal, its point and its agent', async () => {
      const terminal = await setUpTerminal(t, { admin });
      const r = await me(terminal);
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json();
      assert.equal(body.terminal.id, terminal.terminalId);
      assert.equal(body.point.code, terminal.pointCode);
      assert.equal(body.agent.id, terminal.agentId);
    });

    it('refuses missing, bad, tampered, replayed and foreign signatures with 401, audited', async () => {
      const terminal = await setUpTerminal(t, { admin });
      const other = await setUpTerminal(t, { admin, pointCode: terminal.pointCode, agent: terminal.agent });
      const denialsBefore = (await audit('access.denied')).length;
      const cases: [string, Promise<import('fastify').LightMyRequestResponse>][] = [
        ['no signature', terminal.agent.get('/api/terminal/me')],
        ['signed for another path', me(terminal, { headers: signatureHeaders(terminal, { method: 'GET', pathWithQuery: '/api/terminal/me?x=1' }) })],
        ['another terminal\'s key', me({ ...terminal, privateKey: other.privateKey })],
        ['an unknown terminal', me({ ...terminal, terminalId: '00000000-0000-4000-8000-000000000000' })],
        ['a replayed old time', me(terminal, { signedAt: new Date(Date.now() - 6 * 60_000).toISOString() })],
        ['a time in the future', me(terminal, { signedAt: new Date(Date.now() + 6 * 60_000).toISOString() })],
        ['a signature that is not base64url', me(terminal, { headers: { [TERMINAL_HEADERS.signature]: '!'.repeat(86) } })],
        ['a signature of a body the GET does not carry', me(terminal, { headers: signatureHeaders(terminal, { method: 'GET', pathWithQuery: '/api/terminal/me', body: '{}' }) })],
      ];
      for (const [what, pending] of cases) {
        const r = await pending;
        assert.equal(r.statusCode, 401, `${what}: ${r.body}`);
        assert.equal(r.json().error.code, 'TERMINAL_SIGNATURE_INVALID', what);
      }
      const denials = (await audit('access.denied')).slice(denialsBefore);
      assert.ok(denials.length >= cases.length, 'each refusal is audited');
      assert.ok(denials.every((d) => d.outcome === 'denied' && d.purpose === 'distribution'));
      // The honest request still works.
      assert.equal((await me(terminal)).statusCode, 200);
    });

    it('refuses a terminal not yet enrolled, and an agent not assigned to its point (403)', async () => {
      const terminal = await setUpTerminal(t, { admin });
      const pending = await registerTestTerminal(admin, terminal.pointCode, 'Pending');
      const r = await me({ ...terminal, terminalId: pending.terminal.id });
      assert.equal(r.json().error.code, 'TERMINAL_SIGNATURE_INVALID');

      const colleague = await signedIn(t, 'distribution_agent', { regions: ['AN-01'] });
      const foreign = await me(terminal, { session: colleague });
      assert.equal(foreign.statusCode, 403, foreign.body);
      assert.equal(foreign.json().error.code, 'FORBIDDEN');

      const ended = await admin.request('DELETE', `/api/distribution/points/${terminal.pointCode}/agents/${terminal.agentId}`);
      assert.equal(ended.statusCode, 204, ended.body);
      const after = await me(terminal);
      assert.equal(after.statusCode, 403, 'an ended assignment ends the agent\'s access at once');
      assert.equal(after.json().error.code, 'FORBIDDEN');
    });

    it('a revoked terminal is refused (403 TERMINAL_REVOKED) from the very next request, for good', async () => {
      const terminal = await setUpTerminal(t, { admin });
      assert.equal((await me(terminal)).statusCode, 200);
      const revoked = await admin.post(`/api/distribution/terminals/${terminal.terminalId}/revoke`, { reason: 'tablet stolen' });
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal(revoked.json().state, 'revoked');
      assert.equal(revoked.json().revocationReason, 'tablet stolen');
      const r = await me(terminal);
      assert.equal(r.statusCode, 403, r.body);
      assert.equal(r.json().error.code, 'TERMINAL_REVOKED');
      const twice = await admin.post(`/api/distribution/terminals/${terminal.terminalId}/revoke`, { reason: 'again' });
      assert.equal(twice.statusCode, 409);
      const entry = (await audit('distribution.terminal_revoked')).at(-1)!;
      assert.equal(entry.subject_id, terminal.terminalId);
      assert.deepEqual((entry.detail as { reason: string }).reason, 'tablet stolen');
      await assert.rejects(sql`UPDATE terminal SET revoked_at = NULL, revocation_reason = NULL, revoked_by_name = NULL WHERE id = ${terminal.terminalId}`.execute(t.ctx.db), 'the database refuses to undo it');
    });

    it('revoking an unenrolled terminal kills its enrolment code', async () => {
      const { pointCode } = await createTestPoint(t, { admin });
      const agent = await signedIn(t, 'distribution_agent', { regions: ['AN-01'] });
      await assignTestAgent(t, admin, pointCode, agent.username);
      const registered = await registerTestTerminal(admin, pointCode);
      assert.equal((await admin.post(`/api/distribution/terminals/${registered.terminal.id}/revoke`, { reason: 'registered by mistake' })).statusCode, 200);
      const r = await agent.post('/api/terminal/enrol', { enrolmentCode: registered.enrolmentCode, publicKey: newTerminalKeys().publicKeyText });
      assert.equal(r.json().error.code, 'ENROLMENT_CODE_INVALID');
    });

    it('an administrator outside the point\'s region sees no terminal and cannot revoke (404)', async () => {
      const terminal = await setUpTerminal(t, { admin });
      const coastal = await signedIn(t, 'administrator', { regions: ['CO'] });
      assert.equal((await coastal.get(`/api/distribution/points/${terminal.pointCode}/terminals`)).statusCode, 404);
      assert.equal((await coastal.post(`/api/distribution/points/${terminal.pointCode}/terminals`, { label: 'x' })).statusCode, 404);
      const r = await coastal.post(`/api/distribution/terminals/${terminal.terminalId}/revoke`, { reason: 'not mine' });
      assert.equal(r.statusCode, 404, r.body);
      assert.equal((await me(terminal)).statusCode, 200, 'still working');
    });
  });
}
