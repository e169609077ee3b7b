import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { access } from '../auth/roles.ts';
import type { OfficialSession } from '../auth/session.ts';
import { ErrorResponse, authErrors } from '../http/schemas.ts';
import { enrolHousehold, type RegistryActor } from './enrol-household.ts';
import { readHousehold, readHouseholdHistory, readPerson, readPersonHistory } from './read-records.ts';
import { HouseholdInput, HouseholdView, PersonView, VersionView } from './schemas.ts';

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
};
