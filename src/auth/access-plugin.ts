import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Access } from './roles.ts';
import { resolveSession, type OfficialSession } from './session.ts';
import '../http/fastify-types.ts';

export const SESSION_COOKIE = 'amparo_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

export interface AccessPluginOptions {
  ctx: AppContext;
  /** Filled with every route and its declared access, for the route × role test and the docs. */
  table?: RouteAccess[];
  /** Routes registered by third-party plugins (docs, static files) that are public by nature. */
  publicPrefixes?: string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Enforces `config.access` on every route. A route without a declaration makes the
 * server refuse to start, so no endpoint is ever open by omission. Writes made with a
 * session cookie must carry the session's CSRF token in `x-csrf-token`.
 */
export const accessPlugin = fp(async (app: FastifyInstance, options: AccessPluginOptions) => {
  const { ctx } = options;
  const publicPrefixes = options.publicPrefixes ?? [];
  app.decorateRequest('session', undefined);

  app.addHook('onRoute', (route) => {
    route.config ??= {};
    const config = route.config as { access?: Access };
    if (!config.access) {
      if (!publicPrefixes.some((p) => route.url.startsWith(p))) {
        throw new Error(`route ${route.method} ${route.url} declares no access`);
      }
      config.access = { kind: 'public' };
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') options.table?.push({ method, url: route.url, access: config.access });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? { kind: 'public' };
    // Public routes (pages, assets, health) never look at the session: no database
    // round trip for every file the browser loads.
    if (access.kind === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.session = await resolveSession(ctx, token);

    const session = request.session;
    if (!session) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    if (!SAFE_METHODS.has(request.method)) checkCsrf(request, session);
    if (access.kind === 'second_factor_pending') {
      if (session.secondFactorDone) throw new DomainError('CONFLICT', 'the second factor was already given');
      return;
    }
    if (!session.secondFactorDone) throw new DomainError('SECOND_FACTOR_REQUIRED', 'give the one-time code first');
    if (access.kind === 'signed_in') return;
    if (!access.roles.includes(session.official.role)) {
      await writeAudit(ctx.db, {
        actor: { id: session.official.id, name: session.official.username, role: session.official.role },
        purpose: access.purpose,
        action: 'access.denied',
        outcome: 'denied',
        summary: { method: request.method, route: request.routeOptions.url },
        requestId: request.id,
      });
      throw new DomainError('FORBIDDEN', 'your role does not allow this');
    }
  });
});

function checkCsrf(request: FastifyRequest, session: OfficialSession) {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent !== session.csrfToken) {
    throw new DomainError('CSRF_MISMATCH', `cookie-authenticated writes need the ${CSRF_HEADER} header of the session`);
  }
}
