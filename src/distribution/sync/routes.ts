import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { access } from '../../auth/roles.ts';
import { ErrorResponse, authErrors } from '../../http/schemas.ts';
import { terminalAuth } from '../terminals/terminal-auth.ts';
import { offlinePackage } from './offline-package.ts';
import { OfflinePackage, SyncAnswer, SyncBody } from './schemas.ts';
import { syncRecords } from './sync-records.ts';

/** The offline terminal: its point's package, and the sync of the records it kept. Signed terminal requests. */
export const syncRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(async (scope) => {
    await scope.register(terminalAuth, { ctx });
    const agents = access.roles(['distribution_agent'], 'distribution');
    const tags = ['terminal'];
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get('/api/terminal/package', {
      config: { access: agents },
      schema: { tags, summary: "The point's offline package: open cycles valid today and their entitlements keyed by hashed card numbers; no names (audited)", response: { 200: OfflinePackage, ...authErrors, 404: ErrorResponse } },
    }, async (request) => offlinePackage(ctx, request.terminal!, request.id));

    // The one route a revoked terminal may still call: the records it kept are evidence for a supervisor.
    api.post('/api/terminal/sync', {
      config: { access: agents, acceptsRevokedTerminal: true },
      schema: {
        tags,
        summary: "Offline records (at most 500), each recorded, found a duplicate, kept as a conflict, or refused with why; the same batch again gives the same results. A revoked terminal may still send the records it made before its revocation: each is kept as a conflict ('terminal_revoked'), never a redemption",
        body: SyncBody,
        response: { 200: SyncAnswer, ...authErrors },
      },
    }, async (request) => syncRecords(ctx, request.terminal!, request.body.records, { body: request.rawBody, requestId: request.id }));
  });
};
