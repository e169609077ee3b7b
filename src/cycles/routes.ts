import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.ts';
import { access } from '../auth/roles.ts';
import type { OfficialSession } from '../auth/session.ts';
import { ErrorResponse, authErrors } from '../http/schemas.ts';
import { programActorOf, type ProgramActor } from '../programs/program-definition.ts';
import { ProgramParams } from '../programs/schemas.ts';
import { changesSinceCycle } from './changes-since.ts';
import { closeCycle, overrideBudget } from './cycle-lifecycle.ts';
import { CycleJobs } from './cycle-jobs.ts';
import { previewCycle } from './preview-cycle.ts';
import { listProgramCycles, readCycle, readEntitlements } from './read-cycles.ts';
import { ChangesPage, ChangesQuery, Cycle, CycleDetail, CycleParams, CycleReason, EntitlementsPage, EntitlementsQuery, Preview, RunAnswer } from './schemas.ts';
import { z } from 'zod';

const actorOf = (session: OfficialSession | undefined): ProgramActor => programActorOf(session!.official);

/** Cycles of a program: preview, run (in the background), follow, override the budget, close, and what changed since. */
export const cycleRoutes: FastifyPluginAsyncZod<{ ctx: AppContext; jobs?: CycleJobs }> = async (app, { ctx, jobs: given }) => {
  const jobs = given ?? new CycleJobs(app.log);
  app.addHook('onClose', () => jobs.stopAll());
  const managers = access.roles(['program_manager'], 'eligibility');
  const errors = { ...authErrors, 404: ErrorResponse };
  const writeErrors = { ...errors, 409: ErrorResponse, 422: ErrorResponse };
  const tags = ['cycles'];

  app.get('/api/programs/:code/cycles', {
    config: { access: managers },
    schema: { tags, summary: "A program's cycles, newest first, with progress and totals", params: ProgramParams, response: { 200: z.array(Cycle), ...errors } },
  }, async (request) => listProgramCycles(ctx, actorOf(request.session), request.params.code));

  app.post('/api/programs/:code/cycles/:period/preview', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'What a run would create — counts, quantity, cost against the budget, per distribution point — with nothing written (audited as a read)',
      params: CycleParams,
      response: { 200: Preview, ...writeErrors },
    },
  }, async (request) => previewCycle(ctx, actorOf(request.session), request.params.code, request.params.period, { requestId: request.id }));

  app.post('/api/programs/:code/cycles/:period/run', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Run (or resume) the cycle: answers 202 at once and evaluates in the background; follow GET …/cycles/:period. A cycle already evaluated answers 200 and creates nothing.',
      params: CycleParams,
      response: { 200: RunAnswer, 202: RunAnswer, ...writeErrors },
    },
  }, async (request, reply) => {
    const started = await jobs.start(ctx, actorOf(request.session), request.params.code, request.params.period, request.id);
    return reply.status(started.alreadyRun ? 200 : 202).send(started);
  });

  app.get('/api/programs/:code/cycles/:period', {
    config: { access: managers },
    schema: { tags, summary: 'One cycle: status, progress, totals, entitlements per distribution point', params: CycleParams, response: { 200: CycleDetail, ...errors } },
  }, async (request) => readCycle(ctx, actorOf(request.session), request.params.code, request.params.period));

  app.post('/api/programs/:code/cycles/:period/override-budget', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Let an over-budget cycle open: a program manager other than the one who ran it, with the reason',
      params: CycleParams,
      body: CycleReason,
      response: { 200: Cycle, ...writeErrors },
    },
  }, async (request) => overrideBudget(ctx, actorOf(request.session), request.params.code, request.params.period, request.body, { requestId: request.id }));

  app.post('/api/programs/:code/cycles/:period/close', {
    config: { access: managers },
    schema: { tags, summary: 'Close the cycle: its entitlements are no longer handed out (final)', params: CycleParams, body: CycleReason, response: { 200: Cycle, ...writeErrors } },
  }, async (request) => closeCycle(ctx, actorOf(request.session), request.params.code, request.params.period, request.body, { requestId: request.id }));

  app.get('/api/programs/:code/cycles/:period/entitlements', {
    config: { access: managers },
    schema: {
      tags,
      summary: "A page of the cycle's entitlements in the official's regions, by sector pseudonym (audited)",
      params: CycleParams,
      querystring: EntitlementsQuery,
      response: { 200: EntitlementsPage, ...errors },
    },
  }, async (request) => {
    const q = request.query;
    const point = q.distributionPoint === '-' ? null : q.distributionPoint;
    return readEntitlements(ctx, actorOf(request.session), request.params.code, request.params.period, { distributionPoint: point, after: q.after, limit: q.limit, requestId: request.id });
  });

  app.get('/api/programs/:code/cycles/:period/changes', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'Registry changes since the cycle started that bear on its decisions, for the next cycle: the approved decision beside the one the records give now (audited)',
      params: CycleParams,
      querystring: ChangesQuery,
      response: { 200: ChangesPage, ...writeErrors },
    },
  }, async (request) => changesSinceCycle(ctx, actorOf(request.session), request.params.code, request.params.period, { after: request.query.after, limit: request.query.limit, requestId: request.id }));
};
