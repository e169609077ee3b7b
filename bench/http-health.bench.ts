import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { openContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { runLoad } from './lib/http-load.ts';
import type { Benchmark } from './lib/types.ts';

/**
 * The whole request path of amparo (rate limit, access plugin, cookie parsing,
 * metrics, zod response serialisation) on /health, against a bare Fastify route
 * answering the same JSON in the same process, loaded by the same client.
 */
export const httpHealth: Benchmark = {
  name: 'http.health',
  description: 'GET /health through every plugin vs a bare Fastify route',
  async run(env) {
    const databaseUrl = await env.freshPostgresDatabase();
    const config = loadConfig({
      AMPARO_MODE: 'test',
      DATABASE_URL: databaseUrl,
      AMPARO_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
      LOG_LEVEL: 'silent',
      AMPARO_RATE_LIMIT_PER_MINUTE: '100000000',
    });
    const opened = await openContext(config);
    const { app } = await buildApp({ ctx: opened.ctx, logger: false });
    const bare = Fastify({ logger: false });
    bare.get('/health', async () => ({ status: 'ok' }));
    const amparoUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const load = { connections: 32, durationMs: env.quick ? 2_000 : 8_000 };
    try {
      // Warm both up, then alternate so drift on a shared machine hits both alike.
      await runLoad({ url: `${bareUrl}/health`, connections: 8, durationMs: 500 });
      await runLoad({ url: `${amparoUrl}/health`, connections: 8, durationMs: 500 });
      const base = await runLoad({ url: `${bareUrl}/health`, ...load });
      const ours = await runLoad({ url: `${amparoUrl}/health`, ...load });
      if (ours.errors || base.errors) throw new Error(`errors during load: amparo ${ours.errors}, bare ${base.errors}`);
      return [
        {
          name: 'http.health',
          value: Math.round(ours.perSecond),
          unit: 'req/s',
          baseline: Math.round(base.perSecond),
          ratio: ours.perSecond / base.perSecond,
          notes: `p50 ${ours.p50Ms.toFixed(2)} ms, p99 ${ours.p99Ms.toFixed(2)} ms (bare p99 ${base.p99Ms.toFixed(2)} ms), ${load.connections} connections, client ${ours.client}`,
        },
      ];
    } finally {
      await app.close();
      await bare.close();
      await opened.close();
    }
  },
};
