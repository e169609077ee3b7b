import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { access } from '../../auth/roles.ts';
import type { OfficialSession } from '../../auth/session.ts';
import { ErrorResponse, authErrors } from '../../http/schemas.ts';
import { distributionActorOf } from '../points/point-in-scope.ts';
import { PointParams } from '../points/schemas.ts';
import { enrolTerminal } from './enrol-terminal.ts';
import { readPointTerminals, readTerminalIdentity } from './read-terminals.ts';
import { registerTerminal } from './register-terminal.ts';
import { revokeTerminal } from './revoke-terminal.ts';
import { Enrolment, EnrolmentInput, NewTerminal, RegisteredTerminal, Revocation, Terminal, TerminalIdentity, TerminalParams } from './schemas.ts';
import { terminalAuth } from './terminal-auth.ts';

const actorOf = (session: OfficialSession | undefined) => distributionActorOf(session!.official);

/**
 * Terminals: registered and revoked by administrators (within their regions), enrolled
 * by the device in an agent's session, and `GET /api/terminal/me`, the simplest signed
 * request, with which a terminal checks that its key and its agent are accepted.
 */
export const terminalRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const administrators = access.roles(['administrator'], 'administration');
  const agents = access.roles(['distribution_agent'], 'distribution');
  const errors = { ...authErrors, 404: ErrorResponse };
  const writeErrors = { ...errors, 409: ErrorResponse, 422: ErrorResponse };
  const tags = ['distribution'];

  app.post('/api/distribution/points/:code/terminals', {
    config: { access: administrators },
    schema: {
      tags,
      summary: 'Register a terminal for the point: answers its one-time enrolment code (shown once, valid 24 h)',
      params: PointParams,
      body: NewTerminal,
      response: { 201: RegisteredTerminal, ...writeErrors },
    },
  }, async (request, reply) => reply.status(201).send(await registerTerminal(ctx, actorOf(request.session), request.params.code, request.body, { requestId: request.id })));

  app.get('/api/distribution/points/:code/terminals', {
    config: { access: administrators },
    schema: { tags, summary: "The point's terminals, oldest first", params: PointParams, response: { 200: z.array(Terminal), ...errors } },
  }, async (request) => readPointTerminals(ctx, actorOf(request.session), request.params.code, { requestId: request.id }));

  app.post('/api/distribution/terminals/:id/revoke', {
    config: { access: administrators },
    schema: { tags, summary: 'Revoke a terminal for good, with the reason: its requests are refused from now on', params: TerminalParams, body: Revocation, response: { 200: Terminal, ...writeErrors } },
  }, async (request) => revokeTerminal(ctx, actorOf(request.session), request.params.id, request.body, { requestId: request.id }));

  app.post('/api/terminal/enrol', {
    config: { access: agents },
    schema: {
      tags,
      summary: "Enrol this device as a registered terminal: the one-time code and the device's Ed25519 public key, in the session of an agent of the point",
      body: EnrolmentInput,
      response: { 200: Enrolment, ...writeErrors, 410: ErrorResponse },
    },
  }, async (request) => enrolTerminal(ctx, actorOf(request.session), request.body, { requestId: request.id }));

  await app.register(async (signed) => {
    await signed.register(terminalAuth, { ctx });
    signed.get('/api/terminal/me', {
      config: { access: agents },
      schema: { tags, summary: 'Signed: the terminal, its point and the agent, as the server sees them', response: { 200: TerminalIdentity, ...errors } },
    }, async (request) => readTerminalIdentity(ctx, request.terminal!));
  });
};
