import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Access } from '../../auth/roles.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { TERMINAL_HEADERS } from '../protocol/terminal-protocol.ts';
import { TerminalRequestRefused, verifyTerminalRequest, type TerminalCaller } from './verify-terminal-request.ts';
import '../../http/fastify-types.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** True on the one terminal route a revoked terminal may still call (the sync of its queued records); refused (403 TERMINAL_REVOKED) everywhere else. */
    acceptsRevokedTerminal?: boolean;
  }
  interface FastifyRequest {
    /** Set by `terminalAuth` in the scopes that register it: the terminal that signed the request, and its agent. */
    terminal?: TerminalCaller;
    /** The exact body bytes, kept by `terminalAuth`'s JSON parser for the signature check. */
    rawBody?: Buffer;
  }
}

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Signed terminal requests, for the scope that registers it and the routes inside that
 * scope only (fastify-plugin lifts it one level, into the registering scope, which is
 * itself encapsulated): the JSON parser keeps the raw bytes (the signature covers them),
 * and a preValidation hook checks the signature, the terminal and the agent's assignment before
 * any handler runs (`verifyTerminalRequest`). A refusal is written to the audit log.
 * The routes must still declare `access.roles(['distribution_agent'], …)`: the session
 * comes first, from the access plugin. A revoked terminal is refused everywhere but on
 * a route whose config says `acceptsRevokedTerminal: true` (`request.terminal.revokedAt` set).
 *
 *     app.register(async (scope) => { await scope.register(terminalAuth, { ctx }); scope.post('/api/terminal/…', …) })
 */
export const terminalAuth = fp(
  async (scope: FastifyInstance, { ctx }: { ctx: AppContext }) => {
    if (!scope.hasRequestDecorator('terminal')) scope.decorateRequest('terminal', undefined);
    if (!scope.hasRequestDecorator('rawBody')) scope.decorateRequest('rawBody', undefined);

    // Fastify's own JSON parser (prototype-poisoning checks, 400 for bad or empty JSON),
    // given the bytes rather than a string so that they can be kept.
    const parseJson = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
      request.rawBody = body;
      parseJson(request, body as unknown as string, done);
    });

    // Before validation: a request that is not the terminal's learns nothing from the schema's errors.
    scope.addHook('preValidation', async (request) => {
      const session = request.session;
      if (!session) throw new DomainError('UNAUTHENTICATED', 'sign in first');
      try {
        request.terminal = await verifyTerminalRequest(ctx, session, {
          method: request.method,
          pathWithQuery: request.url,
          headers: {
            terminalId: header(request, TERMINAL_HEADERS.terminal),
            signedAt: header(request, TERMINAL_HEADERS.signedAt),
            signature: header(request, TERMINAL_HEADERS.signature),
          },
          body: request.rawBody,
          acceptsRevoked: request.routeOptions.config.acceptsRevokedTerminal === true,
        });
      } catch (error) {
        if (error instanceof TerminalRequestRefused) {
          const access = request.routeOptions.config.access as Access | undefined;
          await writeAudit(ctx.db, {
            actor: { id: session.official.id, name: session.official.username, role: session.official.role },
            purpose: access?.kind === 'roles' ? access.purpose : 'distribution',
            action: 'access.denied',
            outcome: 'denied',
            subject: error.terminalId ? { type: 'terminal', id: error.terminalId } : undefined,
            summary: { method: request.method, route: request.routeOptions.url, terminal: error.reason },
            requestId: request.id,
          });
        }
        throw error;
      }
    });
  },
  { name: 'amparo-terminal-auth', fastify: '5.x' },
);
