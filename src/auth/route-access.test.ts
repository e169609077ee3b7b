import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent, testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { ROLES, type Role } from './roles.ts';

/**
 * Who may call what. Every route must be listed here: a new route without an entry,
 * or a change of access, fails this test and so shows in review.
 */
const EXPECTED: Record<string, 'public' | 'pending' | 'signed_in' | Role[]> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /openapi.json': 'public',
  'GET /api/regions': 'public',
  'GET /transparency/audit-checkpoints': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/second-factor': 'pending',
  'POST /api/auth/logout': 'signed_in',
  'GET /api/auth/me': 'signed_in',
  'GET /api/officials': ['administrator'],
  'POST /api/officials': ['administrator'],
  'GET /api/audit/entries': ['auditor'],
  'GET /api/audit/verify': ['auditor'],
  'POST /api/audit/checkpoints': ['auditor', 'administrator'],
  'GET /api/catalogue': 'public',
  'GET /api/catalogue/proposals': ['administrator', 'auditor'],
  'POST /api/catalogue/proposals': ['administrator'],
  'POST /api/catalogue/proposals/:id/approve': ['auditor'],
  'POST /api/catalogue/proposals/:id/reject': ['auditor'],
  'POST /api/registry/households': ['registrar'],
  'GET /api/registry/households/:id': ['registrar'],
  'GET /api/registry/households/:id/history': ['registrar'],
  'PATCH /api/registry/households/:id': ['registrar'],
  'POST /api/registry/households/:id/members': ['registrar'],
  'POST /api/registry/households/:id/moves': ['registrar'],
  'POST /api/registry/households/:id/removal-requests': ['registrar'],
  'GET /api/registry/persons/:id': ['registrar'],
  'GET /api/registry/persons/:id/history': ['registrar'],
  'PATCH /api/registry/persons/:id': ['registrar'],
  'POST /api/registry/persons/:id/removal-requests': ['registrar'],
  'GET /api/registry/removal-requests': ['registrar', 'auditor'],
  'POST /api/registry/removal-requests/:id/approve': ['auditor'],
  'POST /api/registry/removal-requests/:id/reject': ['auditor'],
  'POST /api/registry/removal-requests/:id/undo': ['auditor'],
  'PUT /api/registry/persons/:id/photo': ['registrar'],
  'GET /api/registry/persons/:id/photo': ['registrar'],
  'GET /.well-known/amparo/trust-list.json': 'public',
  'GET /.well-known/amparo/status-list': 'public',
  'GET /.well-known/jwks.json': 'public',
  'POST /api/cards/verify': 'public',
  'GET /api/registry/persons/:id/cards': ['registrar'],
  'POST /api/registry/persons/:id/cards': ['registrar'],
  'POST /api/cards/:cardNumber/reissue': ['registrar'],
  'POST /api/cards/:cardNumber/revoke': ['registrar'],
  'GET /api/cards/:cardNumber/pdf': ['registrar'],
  'POST /api/cards/print-batch': ['registrar'],
  'POST /api/pseudonyms/resolve': ['program_manager', 'distribution_agent'],
  'POST /api/distribution/points': ['administrator'],
  'GET /api/distribution/points': ['administrator'],
  'GET /api/distribution/points/:code': ['administrator'],
  'PATCH /api/distribution/points/:code': ['administrator'],
  'POST /api/distribution/points/:code/agents': ['administrator'],
  'DELETE /api/distribution/points/:code/agents/:officialId': ['administrator'],
  'GET /api/distribution/my-points': ['distribution_agent'],
  'POST /api/distribution/points/:code/terminals': ['administrator'],
  'GET /api/distribution/points/:code/terminals': ['administrator'],
  'POST /api/distribution/terminals/:id/revoke': ['administrator'],
  'POST /api/terminal/enrol': ['distribution_agent'],
  'GET /api/terminal/me': ['distribution_agent'],
  'GET /api/terminal/due': ['distribution_agent'],
  'POST /api/terminal/redemptions': ['distribution_agent'],
  'GET /api/terminal/receipts/:id': ['distribution_agent'],
  'POST /api/terminal/identify': ['distribution_agent'],
  'GET /api/terminal/package': ['distribution_agent'],
  'POST /api/terminal/sync': ['distribution_agent'],
  'GET /api/distribution/conflicts': ['program_manager', 'auditor'],
  'GET /api/distribution/conflicts/:id': ['program_manager', 'auditor'],
  'POST /api/distribution/conflicts/:id/resolve': ['program_manager'],
  'GET /api/distribution/reconciliation/points': ['program_manager', 'auditor', 'administrator'],
  'GET /api/distribution/points/:code/reconciliation/cycles': ['program_manager', 'auditor', 'administrator'],
  'GET /api/distribution/points/:code/reconciliation': ['program_manager', 'auditor', 'administrator'],
  'GET /api/distribution/points/:code/reconciliation.csv': ['program_manager', 'auditor', 'administrator'],
  'POST /api/distribution/points/:code/deposits': ['administrator'],
  'GET /api/registry/dedup/pairs': ['registrar'],
  'POST /api/registry/dedup/pairs/:id/decide': ['registrar'],
  'POST /api/registry/dedup/pairs/:id/undo': ['registrar'],
  'GET /api/registry/search': ['registrar'],
  'POST /api/registry/imports': ['registrar'],
  'GET /api/public/programs': 'public',
  'GET /api/public/programs/:code': 'public',
  'GET /api/programs': ['program_manager'],
  'POST /api/programs': ['program_manager'],
  'GET /api/programs/:code': ['program_manager'],
  'PATCH /api/programs/:code': ['program_manager'],
  'POST /api/programs/:code/rules': ['program_manager'],
  'POST /api/programs/:code/activate': ['program_manager'],
  'POST /api/programs/:code/close': ['program_manager'],
  'GET /api/programs/:code/vocabulary': ['program_manager'],
  'POST /api/programs/:code/explain': ['program_manager'],
  'GET /api/programs/:code/cycles': ['program_manager'],
  'POST /api/programs/:code/cycles/:period/preview': ['program_manager'],
  'POST /api/programs/:code/cycles/:period/run': ['program_manager'],
  'GET /api/programs/:code/cycles/:period': ['program_manager'],
  'POST /api/programs/:code/cycles/:period/override-budget': ['program_manager'],
  'POST /api/programs/:code/cycles/:period/close': ['program_manager'],
  'GET /api/programs/:code/cycles/:period/entitlements': ['program_manager'],
  'GET /api/programs/:code/cycles/:period/changes': ['program_manager'],
};

for (const engine of testEngines()) {
  describe(`route × role (${engine})`, () => {
    let t: TestApp;
    const agents = new Map<Role, Agent & { username: string }>();
    before(async () => {
      t = await testApp(engine);
      for (const role of ROLES) agents.set(role, await signedIn(t, role));
    });
    after(() => t.close());

    it('refuses every non-public route without the required role or session', async () => {
      const anonymous = new Agent(t.app);
      for (const route of t.routes.filter((r) => !r.url.startsWith('/docs'))) {
        const key = `${route.method} ${route.url}`;
        const expected = EXPECTED[key];
        assert.ok(expected, `route ${key} is not in the access table of this test`);
        if (expected === 'public') continue;
        const r = await anonymous.request(route.method, route.url, route.method === 'GET' ? undefined : {});
        assert.equal(r.statusCode, 401, `${key} without a session`);
        assert.equal(r.json().error.code, 'UNAUTHENTICATED');
      }
    });

    it('lets exactly the declared roles through', async () => {
      for (const route of t.routes.filter((r) => !r.url.startsWith('/docs'))) {
        const key = `${route.method} ${route.url}`;
        const expected = EXPECTED[key]!;
        if (expected === 'public' || route.url === '/api/auth/logout') continue;
        for (const role of ROLES) {
          const r = await agents.get(role)!.request(route.method, route.url, route.method === 'GET' ? undefined : {});
          const allowed = expected === 'signed_in' || (Array.isArray(expected) && expected.includes(role));
          if (expected === 'pending') {
            assert.equal(r.statusCode, 409, `${key} as ${role} with a full session`);
          } else if (allowed) {
            // Signed terminal routes let the role through to their next gate, the terminal's signature (src/distribution/terminals).
            const passedRole = ![401, 403].includes(r.statusCode) || r.json().error.code === 'TERMINAL_SIGNATURE_INVALID';
            assert.ok(passedRole, `${key} as ${role}: expected access, got ${r.statusCode} ${r.body}`);
          } else {
            assert.equal(r.statusCode, 403, `${key} as ${role}: expected 403, got ${r.statusCode}`);
            assert.equal(r.json().error.code, 'FORBIDDEN');
          }
        }
      }
    });

    it('lists every declared route in the table', () => {
      const actual = new Set(t.routes.filter((r) => !r.url.startsWith('/docs')).map((r) => `${r.method} ${r.url}`));
      assert.deepEqual([...actual].sort(), Object.keys(EXPECTED).sort());
    });

    it('audits refused access', async () => {
      const analyst = agents.get('analyst')!;
      assert.equal((await analyst.get('/api/audit/entries')).statusCode, 403);
      const denied = await t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', 'access.denied').where('actor_name', '=', analyst.username).orderBy('id', 'desc').execute();
      assert.ok(denied.length >= 1);
      assert.equal(denied[0]!.outcome, 'denied');
      assert.equal(denied[0]!.purpose, 'oversight');
    });
  });
}
