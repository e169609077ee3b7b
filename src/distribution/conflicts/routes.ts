import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { access } from '../../auth/roles.ts';
import type { OfficialSession } from '../../auth/session.ts';
import { ErrorResponse, authErrors } from '../../http/schemas.ts';
import { programActorOf } from '../../programs/program-definition.ts';
import { listConflicts, readConflict, resolveConflict } from './conflicts-service.ts';
import { Conflict, ConflictDetail, ConflictParams, ConflictsQuery, Resolution } from './schemas.ts';

const actorOf = (session: OfficialSession | undefined) => programActorOf(session!.official);

/** Conflicts of offline sync, for program managers (their programs; they resolve them) and auditors (read). */
export const conflictRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const readers = access.roles(['program_manager', 'auditor'], 'distribution');
  const managers = access.roles(['program_manager'], 'distribution');
  const errors = { ...authErrors, 404: ErrorResponse };
  const tags = ['distribution'];

  app.get('/api/distribution/conflicts', {
    config: { access: readers },
    schema: { tags, summary: 'Conflicts found by offline sync, newest first, in your programs (audited)', querystring: ConflictsQuery, response: { 200: z.array(Conflict), ...errors } },
  }, async (request) => listConflicts(ctx, actorOf(request.session), request.query, request.id));

  app.get('/api/distribution/conflicts/:id', {
    config: { access: readers },
    schema: { tags, summary: 'One conflict with the redemptions it collides with (audited)', params: ConflictParams, response: { 200: ConflictDetail, ...errors } },
  }, async (request) => readConflict(ctx, actorOf(request.session), request.params.id, request.id));

  app.post('/api/distribution/conflicts/:id/resolve', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Decide a conflict once: accepted_loss, recovered, or refunded (its price posting reversed in the same transaction)',
      params: ConflictParams,
      body: Resolution,
      response: { 200: ConflictDetail, ...errors, 409: ErrorResponse, 422: ErrorResponse },
    },
  }, async (request) => resolveConflict(ctx, actorOf(request.session), request.params.id, request.body, request.id));
};
