import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { access } from '../../auth/roles.ts';
import type { OfficialSession } from '../../auth/session.ts';
import { ErrorResponse, authErrors } from '../../http/schemas.ts';
import { assignAgent, unassignAgent } from './assign-agent.ts';
import { changePoint } from './change-point.ts';
import { createPoint } from './create-point.ts';
import { distributionActorOf } from './point-in-scope.ts';
import { readMyPoints, readPoint, readPoints } from './read-points.ts';
import { AgentAssignmentInput, MyPoints, NewPoint, Point, PointAgentParams, PointChange, PointDetail, PointParams, PointsPage, PointsQuery } from './schemas.ts';

const actorOf = (session: OfficialSession | undefined) => distributionActorOf(session!.official);

/** Distribution points and their agents: administrators within their regions; agents see their own points. */
export const pointRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const administrators = access.roles(['administrator'], 'administration');
  const errors = { ...authErrors, 404: ErrorResponse };
  const writeErrors = { ...errors, 409: ErrorResponse, 422: ErrorResponse };
  const tags = ['distribution'];

  app.post('/api/distribution/points', {
    config: { access: administrators },
    schema: { tags, summary: 'Register a distribution point in a region of your scopes', body: NewPoint, response: { 201: Point, ...writeErrors } },
  }, async (request, reply) => reply.status(201).send(await createPoint(ctx, actorOf(request.session), request.body, { requestId: request.id })));

  app.get('/api/distribution/points', {
    config: { access: administrators },
    schema: { tags, summary: 'The points in your regions, by code, a page at a time', querystring: PointsQuery, response: { 200: PointsPage, ...errors } },
  }, async (request) => readPoints(ctx, actorOf(request.session), request.query));

  app.get('/api/distribution/points/:code', {
    config: { access: administrators },
    schema: { tags, summary: 'One point: the programs it serves, its agents now, its terminals', params: PointParams, response: { 200: PointDetail, ...errors } },
  }, async (request) => readPoint(ctx, actorOf(request.session), request.params.code, { requestId: request.id }));

  app.patch('/api/distribution/points/:code', {
    config: { access: administrators },
    schema: { tags, summary: 'Rename a point, or close or reopen it (never deleted)', params: PointParams, body: PointChange, response: { 200: Point, ...writeErrors } },
  }, async (request) => changePoint(ctx, actorOf(request.session), request.params.code, request.body, { requestId: request.id }));

  app.post('/api/distribution/points/:code/agents', {
    config: { access: administrators },
    schema: {
      tags,
      summary: 'Assign a distribution agent (whose region scopes cover the point) to the point',
      params: PointParams,
      body: AgentAssignmentInput,
      response: { 204: z.null(), ...writeErrors },
    },
  }, async (request, reply) => {
    await assignAgent(ctx, actorOf(request.session), request.params.code, request.body.officialId, { requestId: request.id });
    return reply.status(204).send(null);
  });

  app.delete('/api/distribution/points/:code/agents/:officialId', {
    config: { access: administrators },
    schema: { tags, summary: "End an agent's assignment to the point (kept, ended; never deleted)", params: PointAgentParams, response: { 204: z.null(), ...writeErrors } },
  }, async (request, reply) => {
    await unassignAgent(ctx, actorOf(request.session), request.params.code, request.params.officialId, { requestId: request.id });
    return reply.status(204).send(null);
  });

  app.get('/api/distribution/my-points', {
    config: { access: access.roles(['distribution_agent'], 'distribution') },
    schema: { tags, summary: 'The points you are assigned to now', response: { 200: MyPoints, ...errors } },
  }, async (request) => readMyPoints(ctx, actorOf(request.session)));
};
