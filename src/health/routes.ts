import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../auth/roles.ts';
import { ErrorResponse } from '../http/schemas.ts';
import type { Registry } from 'prom-client';

export interface HealthOptions {
  /** True once migrations are done and the database answers. */
  ready: () => boolean;
  metrics: Registry;
}

export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, { ready, metrics }) => {
  app.get('/health', {
    config: { access: access.public },
    schema: {
      tags: ['operations'],
      summary: 'Liveness and readiness: ok once migrations are done',
      response: { 200: z.object({ status: z.literal('ok') }), 503: ErrorResponse },
    },
  }, async (_request, reply) => {
    if (!ready()) return reply.status(503).send({ error: { code: 'UNAVAILABLE', message: 'starting: migrations not done yet' } });
    return { status: 'ok' as const };
  });

  app.get('/metrics', {
    config: { access: access.public },
    schema: { tags: ['operations'], summary: 'Prometheus metrics (no personal data)', hide: false },
  }, async (_request, reply) => {
    reply.header('content-type', metrics.contentType);
    return metrics.metrics();
  });
};
