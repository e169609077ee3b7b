import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.ts';
import { auditRoutes } from './audit/routes.ts';
import { accessPlugin, type RouteAccess } from './auth/access-plugin.ts';
import { authRoutes } from './auth/routes.ts';
import { access } from './auth/roles.ts';
import { createMetrics } from './health/metrics.ts';
import { healthRoutes } from './health/routes.ts';
import { errorBody, installErrorHandler } from './http/error-handler.ts';
import { regionRoutes } from './regions/routes.ts';
import { catalogueRoutes } from './registry/catalogue/routes.ts';
import { registryRoutes } from './registry/routes.ts';
import { credentialRoutes } from './credentials/routes.ts';
import { pseudonymRoutes } from './pseudonyms/routes.ts';
import { cycleRoutes } from './cycles/routes.ts';
import { programRoutes } from './programs/routes.ts';
import { pointRoutes } from './distribution/points/routes.ts';
import { terminalRoutes } from './distribution/terminals/routes.ts';
import { reconciliationRoutes } from './distribution/reconciliation/routes.ts';
import { redemptionRoutes } from './distribution/redemption/routes.ts';
import { syncRoutes } from './distribution/sync/routes.ts';
import { conflictRoutes } from './distribution/conflicts/routes.ts';

export const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

export interface BuildAppOptions {
  ctx: AppContext;
  ready?: () => boolean;
  logger?: boolean;
  webDir?: string;
}

/**
 * Assembles the HTTP API from the domain plugins. Every route must declare who may
 * call it (src/auth/access-plugin.ts); `routes` lists them all with that declaration.
 */
export async function buildApp(options: BuildAppOptions): Promise<{ app: FastifyInstance; routes: RouteAccess[] }> {
  const { ctx } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { level: ctx.config.logLevel },
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const webDir = options.webDir ?? WEB_DIST;
  const webFiles = existsSync(webDir) ? readdirSync(webDir) : [];
  const routes: RouteAccess[] = [];
  await app.register(cookie);
  await app.register(rateLimit, { global: true, max: ctx.config.rateLimitPerMinute, timeWindow: 60_000 });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'amparo',
        version: '0.1.0',
        description: 'Identity cards and social protection that cannot quietly become a tool of control.',
        license: { name: 'MPL-2.0', identifier: 'MPL-2.0' },
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'amparo_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(accessPlugin, { ctx, table: routes, publicPrefixes: ['/docs', ...webFiles.map((f) => `/${f}`)] });
  const metrics = createMetrics();
  metrics.instrument(app);

  await app.register(healthRoutes, { ready: options.ready ?? (() => true), metrics: metrics.registry });
  await app.register(authRoutes, { ctx, loginRatePerMinute: ctx.config.loginRatePerMinute });
  await app.register(auditRoutes, { ctx });
  await app.register(regionRoutes, { ctx });
  await app.register(catalogueRoutes, { ctx });
  await app.register(registryRoutes, { ctx });
  await app.register(credentialRoutes, { ctx });
  await app.register(pseudonymRoutes, { ctx });
  await app.register(programRoutes, { ctx });
  await app.register(cycleRoutes, { ctx });
  await app.register(pointRoutes, { ctx });
  await app.register(terminalRoutes, { ctx });
  await app.register(reconciliationRoutes, { ctx });
  await app.register(redemptionRoutes, { ctx });
  await app.register(syncRoutes, { ctx });
  await app.register(conflictRoutes, { ctx });

  app.get('/openapi.json', { config: { access: access.public }, schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/docs' });

  if (webFiles.length) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && webFiles.includes('index.html')) {
      // The web app routes on the client: every page path serves the same shell.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
  return { app, routes };
}
