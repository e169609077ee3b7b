import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';

/** Routes that answer with bytes (text or images) rather than a JSON schema. */
const BINARY_ROUTES = ['GET /metrics', 'GET /api/registry/persons/:id/photo', 'GET /api/cards/:cardNumber/pdf', 'POST /api/cards/print-batch', 'GET /.well-known/amparo/status-list', 'GET /api/distribution/points/:code/reconciliation.csv'];

for (const engine of testEngines()) {
  describe(`HTTP edge (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(engine, { AMPARO_LOGIN_RATE_PER_MINUTE: '3' });
    });
    after(() => t.close());

    it('answers health once migrated, with a request id', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/health' });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json(), { status: 'ok' });
      assert.match(String(r.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });

    it('publishes an OpenAPI 3.1 document with every route and its schemas', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      assert.equal(doc.openapi, '3.1.0');
      for (const route of t.routes) {
        if (route.url.startsWith('/docs') || route.url === '/openapi.json') continue;
        const path = route.url.replace(/:(\w+)/g, '{$1}');
        const op = doc.paths[path]?.[route.method.toLowerCase()];
        assert.ok(op, `${route.method} ${route.url} missing from the OpenAPI document`);
        if (!BINARY_ROUTES.includes(`${route.method} ${route.url}`)) assert.ok(op.responses['200'] || op.responses['201'] || op.responses['204'], `${route.url} has no success schema`);
      }
      const login = doc.paths['/api/auth/login'].post;
      assert.deepEqual(Object.keys(login.requestBody.content['application/json'].schema.properties).sort(), ['password', 'username']);
      const docs = await t.app.inject({ method: 'GET', url: '/docs' });
      assert.equal(docs.statusCode, 200);
      assert.match(docs.body, /swagger-ui/i);
      const init = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
      assert.match(init.body, /json/, 'the docs page loads the generated document');
    });

    it('serves Prometheus metrics', async () => {
      await t.app.inject({ method: 'GET', url: '/health' });
      const r = await t.app.inject({ method: 'GET', url: '/metrics' });
      assert.match(String(r.headers['content-type']), /text\/plain/);
      assert.match(r.body, /amparo_http_request_duration_seconds_bucket\{[^}]*route="\/health"/);
    });

    it('gives every error as { error: { code, message } }', async () => {
      const notFound = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
      assert.equal(notFound.statusCode, 404);
      assert.equal(notFound.json().error.code, 'NOT_FOUND');
      const malformed = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.code, 'VALIDATION_FAILED');
      const invalid = await t.app.inject({ method: 'GET', url: '/api/audit/entries?limit=5000' });
      assert.equal(invalid.statusCode, 401, 'access is checked before the query');
      const wrongType = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ['x'], password: 1 } });
      assert.equal(wrongType.statusCode, 400);
      assert.match(wrongType.json().error.message, /username/);
    });

    it('rate-limits login attempts per address', async () => {
      // A client address of its own, so other tests' logins do not count.
      const attempt = () =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.77', payload: { username: 'nobody', password: 'x' } });
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await attempt()).statusCode);
      assert.deepEqual(codes, [401, 401, 401]);
      const limited = await attempt();
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().error.code, 'RATE_LIMITED');
    });

    it('publishes audit checkpoints without login', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/transparency/audit-checkpoints' });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json().checkpoints, []);
    });
  });
}
