import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent, testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { createTestOfficial, signedIn, TEST_PASSWORD } from '../../test/support/officials.ts';
import { LOCK_AFTER_FAILURES } from './login.ts';
import { currentTotp } from './totp.ts';

const countAudit = async (t: TestApp, action: string) =>
  Number((await t.ctx.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

for (const engine of testEngines()) {
  describe(`login (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(engine);
    });
    after(() => t.close());

    it('enrols a second factor at first login, then requires it', async () => {
      const username = await createTestOfficial(t.ctx, 'registrar', { demo: false });
      const agent = new Agent(t.app);
      const first = await agent.post('/api/auth/login', { username, password: TEST_PASSWORD });
      assert.equal(first.statusCode, 200);
      const { next, secret, otpauthUri } = first.json();
      assert.equal(next, 'enrol_second_factor');
      assert.match(otpauthUri, /^otpauth:\/\/totp\/amparo:/);

      const me = await agent.get('/api/auth/me');
      assert.equal(me.statusCode, 401);
      assert.equal(me.json().error.code, 'SECOND_FACTOR_REQUIRED');

      const wrong = await agent.post('/api/auth/second-factor', { code: '000000' === currentTotp(secret) ? '111111' : '000000' });
      assert.equal(wrong.json().error.code, 'BAD_SECOND_FACTOR');
      const code = currentTotp(secret);
      assert.equal((await agent.post('/api/auth/second-factor', { code })).statusCode, 200);
      assert.equal((await agent.get('/api/auth/me')).json().username, username);
      assert.equal(await countAudit(t, 'auth.second_factor_enrolled'), 1);

      // Next login: the same code cannot be replayed; the next step's code works.
      const again = new Agent(t.app);
      assert.equal((await again.post('/api/auth/login', { username, password: TEST_PASSWORD })).json().next, 'second_factor');
      assert.equal((await again.post('/api/auth/second-factor', { code })).statusCode, 401);
      assert.equal((await again.post('/api/auth/second-factor', { code: currentTotp(secret, Date.now() + 30_000) })).statusCode, 200);
    });

    it('says nothing about whether the user exists, and audits the attempt', async () => {
      const before = await countAudit(t, 'auth.login_failed');
      const agent = new Agent(t.app);
      const unknown = await agent.post('/api/auth/login', { username: 'nobody', password: 'whatever-it-is' });
      const known = await agent.post('/api/auth/login', { username: await createTestOfficial(t.ctx, 'analyst'), password: 'wrong-password-1' });
      assert.equal(unknown.statusCode, 401);
      assert.deepEqual(unknown.json(), known.json());
      assert.equal(await countAudit(t, 'auth.login_failed'), before + 2);
    });

    it(`locks the account after ${LOCK_AFTER_FAILURES} failures, even for the right password`, async () => {
      const username = await createTestOfficial(t.ctx, 'auditor');
      const agent = new Agent(t.app);
      for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
        assert.equal((await agent.post('/api/auth/login', { username, password: `wrong-${i}-password` })).statusCode, 401);
      }
      const locked = await agent.post('/api/auth/login', { username, password: TEST_PASSWORD });
      assert.equal(locked.statusCode, 423);
      assert.equal(locked.json().error.code, 'ACCOUNT_LOCKED');
      assert.ok(locked.json().error.details.lockedUntil);
      assert.ok((await countAudit(t, 'auth.locked')) >= 1);
    });

    it('needs the CSRF token for cookie-authenticated writes, and logout ends the session', async () => {
      const agent = await signedIn(t, 'auditor');
      const csrf = agent.csrf;
      agent.csrf = '';
      const refused = await agent.post('/api/auth/logout');
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'CSRF_MISMATCH');
      assert.equal((await agent.get('/api/auth/me')).statusCode, 200);
      agent.csrf = csrf;
      assert.equal((await agent.post('/api/auth/logout')).statusCode, 204);
      assert.equal((await agent.request('GET', '/api/auth/me')).statusCode, 401);
    });

    it('sets a HttpOnly, SameSite=Strict session cookie, and an expired session is refused', async () => {
      const username = await createTestOfficial(t.ctx, 'analyst');
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
      const cookie = r.cookies.find((c) => c.name === 'amparo_session')!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      const agent = new Agent(t.app);
      agent.cookie = `amparo_session=${cookie.value}`;
      assert.equal((await agent.get('/api/auth/me')).statusCode, 200);
      await t.ctx.db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000) }).execute();
      assert.equal((await agent.get('/api/auth/me')).statusCode, 401);
    });

    it('refuses a weak password or a taken username and changes nothing', async () => {
      const admin = await signedIn(t, 'administrator');
      const count = async () => (await t.ctx.db.selectFrom('official').select('id').execute()).length;
      const before = await count();
      const body = { username: 'nuevo.registrador', displayName: 'Nuevo', role: 'registrar', regionScopes: ['AN'], programScopes: [] };
      const weak = await admin.post('/api/officials', { ...body, password: 'aaaaaaaaaaaaaaaaaaa' });
      assert.equal(weak.statusCode, 422);
      assert.equal(weak.json().error.code, 'RULE_VIOLATION');
      const invalid = await admin.post('/api/officials', { ...body, role: 'king', password: 'el río suena, agua lleva' });
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.json().error.code, 'VALIDATION_FAILED');
      assert.equal(await count(), before);
      assert.equal((await admin.post('/api/officials', { ...body, password: 'el río suena, agua lleva' })).statusCode, 201);
      const taken = await admin.post('/api/officials', { ...body, password: 'el río suena, agua lleva' });
      assert.equal(taken.statusCode, 409);
      assert.equal(await count(), before + 1);
    });

    it('keeps a regional administrator inside their regions', async () => {
      const admin = await signedIn(t, 'administrator', { regions: ['AN'] });
      const base = { displayName: 'X', role: 'registrar', password: 'el río suena, agua lleva', programScopes: [] };
      assert.equal((await admin.post('/api/officials', { ...base, username: 'reg.an01', regionScopes: ['AN-01'] })).statusCode, 201);
      const outside = await admin.post('/api/officials', { ...base, username: 'reg.se', regionScopes: ['SE'] });
      assert.equal(outside.statusCode, 403);
      const national = await admin.post('/api/officials', { ...base, username: 'reg.all', regionScopes: ['*'] });
      assert.equal(national.statusCode, 403);
    });
  });

  describe(`second factor outside demo mode (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(engine, { AMPARO_MODE: 'development' });
    });
    after(() => t.close());

    it('never lets an account skip it, and refuses to create demo accounts', async () => {
      const admin = await t.ctx.db.selectFrom('official').select('id').execute();
      assert.equal(admin.length, 0);
      await assert.rejects(createTestOfficial(t.ctx, 'auditor', { demo: true }), /only a demo installation/);
      const username = await createTestOfficial(t.ctx, 'auditor', { demo: false });
      // Even a row flagged as a demo account (e.g. a demo database reused) must give the code.
      await t.ctx.db.updateTable('official').set({ demo_skips_second_factor: true }).where('username', '=', username).execute();
      const r = await new Agent(t.app).post('/api/auth/login', { username, password: TEST_PASSWORD });
      assert.equal(r.json().next, 'enrol_second_factor');
    });
  });
}
