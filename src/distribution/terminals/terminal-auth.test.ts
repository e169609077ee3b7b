import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { setUpTerminal, signatureHeaders, signedInject, type TestTerminal } from '../../../test/support/terminal-client.ts';
import { accessPlugin } from '../../auth/access-plugin.ts';
import { access } from '../../auth/roles.ts';
import { installErrorHandler } from '../../http/error-handler.ts';
import { terminalAuth } from './terminal-auth.ts';

/**
 * The plugin on its own, in a small app: a signed POST inside its scope (the body is
 * covered by the signature), and a route outside the scope that it must not touch.
 */
for (const engine of testEngines()) {
  describe(`terminalAuth plugin (${engine})`, () => {
    let t: TestApp;
    let app: FastifyInstance;
    let terminal: TestTerminal;
    const post = (body: unknown, extra: Partial<Parameters<typeof signedInject>[1]> = {}) =>
      signedInject(app, { method: 'POST', url: '/api/terminal/echo?n=1', body, terminal, session: terminal.agent, ...extra });

    before(async () => {
      t = await testApp(engine);
      terminal = await setUpTerminal(t, { admin: await signedIn(t, 'administrator') });
      app = Fastify({ logger: false });
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      installErrorHandler(app);
      await app.register(cookie);
      await app.register(accessPlugin, { ctx: t.ctx });
      const agents = access.roles(['distribution_agent'], 'distribution');
      await app.register(async (scope) => {
        await scope.register(terminalAuth, { ctx: t.ctx });
        scope.post('/api/terminal/echo', { config: { access: agents } }, async (request) => ({
          body: request.body,
          rawLength: request.rawBody?.length,
          terminal: request.terminal?.terminalId,
          point: request.terminal?.pointCode,
          agent: request.terminal?.agent,
        }));
      });
      app.post('/api/outside', { config: { access: agents } }, async (request) => ({ body: request.body, raw: request.rawBody === undefined, terminal: request.terminal ?? null }));
      await app.ready();
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('accepts a signed POST and hands the route the parsed body, the raw bytes and the caller', async () => {
      const text = '{ "b": 2,  "a": [1, "ñ"] }';
      const r = await post(text);
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), {
        body: { b: 2, a: [1, 'ñ'] },
        rawLength: Buffer.byteLength(text),
        terminal: terminal.terminalId,
        point: terminal.pointCode,
        agent: { id: terminal.agentId, name: (await t.ctx.db.selectFrom('official').select('display_name').where('id', '=', terminal.agentId).executeTakeFirstOrThrow()).display_name, role: 'distribution_agent' },
      });
    });

    it('binds the exact body bytes: the same JSON re-spaced, or another body, is refused', async () => {
      const signedFor = signatureHeaders(terminal, { method: 'POST', pathWithQuery: '/api/terminal/echo?n=1', body: '{"a":1}' });
      for (const sent of ['{ "a": 1 }', '{"a":2}']) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/terminal/echo?n=1',
          payload: sent,
          headers: { cookie: terminal.agent.cookie, 'x-csrf-token': terminal.agent.csrf, 'content-type': 'application/json', ...signedFor },
        });
        assert.equal(r.statusCode, 401, `${sent}: ${r.body}`);
        assert.equal(r.json().error.code, 'TERMINAL_SIGNATURE_INVALID');
      }
      const otherQuery = await post({ a: 1 }, { url: '/api/terminal/echo?n=2', headers: signatureHeaders(terminal, { method: 'POST', pathWithQuery: '/api/terminal/echo?n=1', body: '{"a":1}' }) });
      assert.equal(otherQuery.statusCode, 401, 'the query is signed too');
    });

    it('answers bad JSON, and JSON that poisons prototypes, with 400 VALIDATION_FAILED', async () => {
      for (const body of ['{"a":', '{"__proto__":{"admin":true}}']) {
        const r = await post(body);
        assert.equal(r.statusCode, 400, `${body}: ${r.body}`);
        assert.equal(r.json().error.code, 'VALIDATION_FAILED');
      }
    });

    it('applies only inside the scope that registers it', async () => {
      // The agent's session (same database) is enough outside the scope: no signature, the usual parser.
      const outside = await app.inject({ method: 'POST', url: '/api/outside', payload: { x: 1 }, headers: { cookie: terminal.agent.cookie, 'x-csrf-token': terminal.agent.csrf } });
      assert.equal(outside.statusCode, 200, outside.body);
      assert.deepEqual(outside.json(), { body: { x: 1 }, raw: true, terminal: null });
    });
  });
}
