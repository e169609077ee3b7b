import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { access } from '../../auth/roles.ts';
import type { OfficialSession } from '../../auth/session.ts';
import { ErrorResponse, authErrors } from '../../http/schemas.ts';
import { programActorOf, type ProgramActor } from '../../programs/program-definition.ts';
import { DEPOSIT_RECORDERS, RECONCILIATION_READERS } from './reconciliation-access.ts';
import { reconciliationCsv } from './reconciliation-csv.ts';
import { findPointsToReconcile, listPointCycles, readReconciliation } from './read-reconciliation.ts';
import { recordDeposit } from './record-deposit.ts';
import { DepositInput, DepositResult, PointCycles, PointParams, PointSearchQuery, Reconciliation, ReconciliationPoint, ReconciliationQuery } from './schemas.ts';

const actorOf = (session: OfficialSession | undefined): ProgramActor => programActorOf(session!.official);

/** A point's reconciliation per cycle (JSON and CSV), the cycles and points to pick from, and cash deposits. */
export const reconciliationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const readers = access.roles(RECONCILIATION_READERS, 'oversight');
  const errors = { ...authErrors, 404: ErrorResponse };
  const tags = ['distribution'];

  app.get('/api/distribution/reconciliation/points', {
    config: { access: readers },
    schema: { tags, summary: "Points in the official's regions whose code or name contains the text, to reconcile", querystring: PointSearchQuery, response: { 200: z.array(ReconciliationPoint), ...errors } },
  }, async (request) => findPointsToReconcile(ctx, actorOf(request.session), request.query.q));

  app.get('/api/distribution/points/:code/reconciliation/cycles', {
    config: { access: readers },
    schema: { tags, summary: 'The cycles that concern the point (entitlements there, or pickups), newest first', params: PointParams, response: { 200: PointCycles, ...errors } },
  }, async (request) => listPointCycles(ctx, actorOf(request.session), request.params.code));

  app.get('/api/distribution/points/:code/reconciliation', {
    config: { access: readers },
    schema: {
      tags,
      summary: "One point in one cycle: entitlements, redeemed, outstanding, the prices taken by method, the ledger's balances, conflicts, the till, and every discrepancy (audited)",
      params: PointParams,
      querystring: ReconciliationQuery,
      response: { 200: Reconciliation, ...errors },
    },
  }, async (request) => readReconciliation(ctx, actorOf(request.session), request.params.code, request.query.cycle, { requestId: request.id }));

  app.get('/api/distribution/points/:code/reconciliation.csv', {
    config: { access: readers },
    schema: {
      tags,
      summary: 'The same reconciliation as CSV (RFC 4180, UTF-8): a header block, then one line per figure, payment method, till currency and discrepancy (audited)',
      params: PointParams,
      querystring: ReconciliationQuery,
      produces: ['text/csv'],
      response: errors,
    },
  }, async (request, reply) => {
    const r = await readReconciliation(ctx, actorOf(request.session), request.params.code, request.query.cycle, { format: 'csv', requestId: request.id });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="reconciliation-${r.point.code}-${r.cycle.program}-${r.cycle.period}.csv"`)
      .send(reconciliationCsv(r) as never);
  });

  app.post('/api/distribution/points/:code/deposits', {
    config: { access: access.roles(DEPOSIT_RECORDERS, 'administration') },
    schema: {
      tags,
      summary: "Record the cash counted at a point and handed to the treasury (a deposit posting); the same slip again is the same deposit",
      params: PointParams,
      body: DepositInput,
      response: { 200: DepositResult, 201: DepositResult, ...errors, 409: ErrorResponse, 422: ErrorResponse },
    },
  }, async (request, reply) => {
    const { countedAt, ...rest } = request.body;
    const result = await recordDeposit(ctx, actorOf(request.session), request.params.code, { ...rest, countedAt: countedAt ? new Date(countedAt) : undefined }, { requestId: request.id });
    return reply.status(result.created ? 201 : 200).send(result);
  });
};
