import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { access } from '../auth/roles.ts';
import type { OfficialSession } from '../auth/session.ts';
import { ErrorResponse, authErrors } from '../http/schemas.ts';
import { enrolHousehold, type RegistryActor } from './enrol-household.ts';
import { readHousehold, readHouseholdHistory, readPerson, readPersonHistory } from './read-records.ts';
import { editPerson } from './edit-person.ts';
import { decideRemoval, listRemovals, requestRemoval } from './removals.ts';
import { HouseholdInput, HouseholdView, PersonEdit, PersonView, RemovalDecision, RemovalRequestInput, RemovalView, VersionView } from './schemas.ts';

const registryActor = (session: OfficialSession | undefined): RegistryActor => {
  const o = session!.official;
  return { id: o.id, name: o.username, role: o.role, regionScopes: o.regionScopes };
};

const IdParams = z.object({ id: z.uuid() });

export const registryRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const enrolment = access.roles(['registrar'], 'enrolment');
  const errors = { ...authErrors, 404: ErrorResponse };

  app.post('/api/registry/households', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'Enrol a household and its members',
      body: HouseholdInput,
      response: { 201: z.object({ householdId: z.uuid(), personIds: z.array(z.uuid()) }), 422: ErrorResponse, ...errors },
    },
  }, async (request, reply) => {
    const r = await enrolHousehold(ctx, registryActor(request.session), request.body, { requestId: request.id });
    return reply.status(201).send({ householdId: r.householdId, personIds: r.personIds });
  });

  app.get('/api/registry/households/:id', {
    config: { access: enrolment },
    schema: { tags: ['registry'], summary: 'A household and its members', params: IdParams, response: { 200: HouseholdView, ...errors } },
  }, async (request) => readHousehold(ctx, registryActor(request.session), request.params.id, request.id));

  app.get('/api/registry/households/:id/history', {
    config: { access: enrolment },
    schema: { tags: ['registry'], summary: 'Every version of a household', params: IdParams, response: { 200: z.object({ versions: z.array(VersionView) }), ...errors } },
  }, async (request) => ({ versions: await readHouseholdHistory(ctx, registryActor(request.session), request.params.id, request.id) }));

  app.get('/api/registry/persons/:id', {
    config: { access: enrolment },
    schema: { tags: ['registry'], summary: "A person's current record", params: IdParams, response: { 200: PersonView, ...errors } },
  }, async (request) => readPerson(ctx, registryActor(request.session), request.params.id, request.id));

  app.get('/api/registry/persons/:id/history', {
    config: { access: enrolment },
    schema: { tags: ['registry'], summary: "Every version of a person's record", params: IdParams, response: { 200: z.object({ versions: z.array(VersionView) }), ...errors } },
  }, async (request) => ({ versions: await readPersonHistory(ctx, registryActor(request.session), request.params.id, request.id) }));

  app.patch('/api/registry/persons/:id', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: "Correct a person's record: a new version with the reason",
      params: IdParams,
      body: PersonEdit,
      response: { 200: PersonView, 409: ErrorResponse, 422: ErrorResponse, ...errors },
    },
  }, async (request) => editPerson(ctx, registryActor(request.session), request.params.id, request.body, { requestId: request.id }));

  app.post('/api/registry/persons/:id/removal-requests', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'Ask for a person to be removed (tombstoned); a second official decides',
      params: IdParams,
      body: RemovalRequestInput,
      response: { 201: z.object({ id: z.uuid(), status: z.literal('pending') }), 409: ErrorResponse, 422: ErrorResponse, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await requestRemoval(ctx, registryActor(request.session), request.params.id, request.body, request.id)));

  app.get('/api/registry/removal-requests', {
    config: { access: access.roles(['registrar', 'auditor'], 'oversight') },
    schema: {
      tags: ['registry'],
      summary: 'Removal requests in your regions, newest first',
      querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'undone']).optional() }),
      response: { 200: z.object({ requests: z.array(RemovalView) }), ...errors },
    },
  }, async (request) => ({ requests: await listRemovals(ctx, registryActor(request.session), request.query.status, request.id) }));

  for (const action of ['approve', 'reject', 'undo'] as const) {
    app.post(`/api/registry/removal-requests/:id/${action}`, {
      config: { access: access.roles(['auditor'], 'oversight') },
      schema: {
        tags: ['registry'],
        summary: `${action[0]!.toUpperCase()}${action.slice(1)} a removal (a second official, never the requester)`,
        params: IdParams,
        body: RemovalDecision,
        response: { 200: z.object({ id: z.uuid(), status: z.string(), actions: z.array(z.string()) }), 422: ErrorResponse, ...errors },
      },
    }, async (request) => decideRemoval(ctx, registryActor(request.session), request.params.id, action, request.body.note, request.id));
  }
};
