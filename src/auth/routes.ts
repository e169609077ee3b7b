import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { ErrorResponse, authErrors } from '../http/schemas.ts';
import { DomainError } from '../shared/domain-error.ts';
import { SESSION_COOKIE } from './access-plugin.ts';
import { actorOf, login } from './login.ts';
import { createOfficial, listOfficialsAudited } from './officials.ts';
import { access, coversRegion } from './roles.ts';
import { LoginBody, LoginResponse, Me, NewOfficialBody, Official, SecondFactorBody } from './schemas.ts';
import { submitSecondFactor } from './second-factor.ts';
import { endSession } from './store.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { MAX_SESSION_HOURS } from './session.ts';

export interface AuthRoutesOptions {
  ctx: AppContext;
  /** Login attempts allowed per address per minute. */
  loginRatePerMinute: number;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { ctx, loginRatePerMinute }) => {
  const cookie = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.secureCookies,
    maxAge: MAX_SESSION_HOURS * 3600,
  };
  const client = (r: { ip: string; headers: Record<string, unknown> }) => ({
    ip: r.ip,
    userAgent: typeof r.headers['user-agent'] === 'string' ? r.headers['user-agent'] : null,
  });
  const loginLimit = { rateLimit: { max: loginRatePerMinute, timeWindow: 60_000 } };

  app.post('/api/auth/login', {
    config: { access: access.public, ...loginLimit },
    schema: {
      tags: ['auth'],
      summary: 'First step of login: username and password',
      body: LoginBody,
      response: { 200: LoginResponse, 400: ErrorResponse, 401: ErrorResponse, 423: ErrorResponse, 429: ErrorResponse },
    },
  }, async (request, reply) => {
    const outcome = await login(ctx, { ...request.body, ...client(request), requestId: request.id });
    reply.setCookie(SESSION_COOKIE, outcome.token, cookie);
    const { token: _token, ...body } = outcome;
    return body;
  });

  app.post('/api/auth/second-factor', {
    config: { access: access.secondFactorPending, ...loginLimit },
    schema: {
      tags: ['auth'],
      summary: 'Second step of login: the six-digit code of the authenticator (also completes enrolment)',
      body: SecondFactorBody,
      response: { 200: LoginResponse, 423: ErrorResponse, 409: ErrorResponse, ...authErrors },
    },
  }, async (request) => {
    const session = request.session!;
    await submitSecondFactor(ctx, session, request.body.code, { ip: request.ip, requestId: request.id });
    return { next: 'done' as const, csrfToken: session.csrfToken };
  });

  app.post('/api/auth/logout', {
    config: { access: access.signedIn },
    schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null(), ...authErrors } },
  }, async (request, reply) => {
    const session = request.session!;
    await endSession(ctx.db, session.tokenHash);
    await writeAudit(ctx.db, { actor: actorOf(session.official), purpose: 'authentication', action: 'auth.logout', requestId: request.id });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { access: access.signedIn },
    schema: { tags: ['auth'], summary: 'The signed-in official', response: { 200: Me, ...authErrors } },
  }, async (request) => {
    const { official, csrfToken } = request.session!;
    return { ...official, csrfToken, demo: ctx.config.demo };
  });

  app.get('/api/officials', {
    config: { access: access.roles(['administrator'], 'administration') },
    schema: { tags: ['officials'], summary: 'List officials', response: { 200: z.object({ officials: z.array(Official) }), ...authErrors } },
  }, async (request) => ({
    officials: await listOfficialsAudited(ctx, actorOf(request.session!.official), request.id),
  }));

  app.post('/api/officials', {
    config: { access: access.roles(['administrator'], 'administration') },
    schema: {
      tags: ['officials'],
      summary: 'Create an official with one role and scopes',
      body: NewOfficialBody,
      response: { 201: Official, 409: ErrorResponse, 422: ErrorResponse, ...authErrors },
    },
  }, async (request, reply) => {
    const actor = request.session!.official;
    if (request.body.role === 'administrator' && !actor.regionScopes.includes('*')) {
      throw new DomainError('FORBIDDEN', 'only a national administrator may create administrators');
    }
    const outside = request.body.regionScopes.filter((code) => code === '*' ? !actor.regionScopes.includes('*') : !coversRegion(actor.regionScopes, code));
    if (outside.length) throw new DomainError('FORBIDDEN', `you may not grant regions outside your own scope: ${outside.join(', ')}`);
    const created = await createOfficial(ctx, actorOf(actor), request.body, request.id);
    return reply.status(201).send(created);
  });
};
