import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { access } from '../auth/roles.ts';
import type { OfficialSession } from '../auth/session.ts';
import { ErrorResponse, authErrors } from '../http/schemas.ts';
import { DomainError } from '../shared/domain-error.ts';
import { enrolHousehold, registryActorOf, type RegistryActor } from './enrol-household.ts';
import { readHousehold, readHouseholdHistory, readPerson, readPersonHistory } from './read-records.ts';
import { editPerson } from './edit-person.ts';
import { editHousehold } from './edit-household.ts';
import { moveMember } from './move-member.ts';
import { addMember } from './add-member.ts';
import { decideRemoval, listRemovals, requestHouseholdRemoval, requestRemoval } from './removals.ts';
import { decidePair, listPairs } from './dedup-pairs.ts';
import { searchPersons } from './search-persons.ts';
import { importPersons } from './import/import-persons.ts';
import { readPhoto, savePhoto } from './photos.ts';
import {
  RemovalDecisionResult,
  DedupDecision,
  DedupPairView,
  EnrolResult,
  ImportReport,
  SearchQuery,
  SearchPage,
  HouseholdInput,
  PhotoUpload,
  HouseholdView,
  HouseholdEdit,
  HouseholdRecord,
  MemberAddition,
  MemberAdded,
  MemberMove,
  MoveResult,
  PersonEdit,
  PersonView,
  RemovalDecision,
  RemovalRequestInput,
  RemovalView,
  VersionView,
} from './schemas.ts';

const registryActor = (session: OfficialSession | undefined): RegistryActor => registryActorOf(session!.official);

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
      response: { 201: EnrolResult, 409: ErrorResponse.describe('DUPLICATE_SUSPECTED: details are a DuplicateSuspected'), 422: ErrorResponse, ...errors },
    },
  }, async (request, reply) => {
    const r = await enrolHousehold(ctx, registryActor(request.session), request.body, { requestId: request.id });
    return reply.status(201).send({ householdId: r.householdId, personIds: r.personIds, linked: r.linked });
  });

  app.get('/api/registry/households/:id', {
    config: { access: enrolment },
    schema: { tags: ['registry'], summary: 'A household and its members', params: IdParams, response: { 200: HouseholdView, ...errors } },
  }, async (request) => readHousehold(ctx, registryActor(request.session), request.params.id, request.id));

  app.get('/api/registry/households/:id/history', {
    config: { access: enrolment },
    schema: { tags: ['registry'], summary: 'Every version of a household', params: IdParams, response: { 200: z.object({ versions: z.array(VersionView) }), ...errors } },
  }, async (request) => ({ versions: await readHouseholdHistory(ctx, registryActor(request.session), request.params.id, request.id) }));

  app.patch('/api/registry/households/:id', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'Correct a household (address, distribution point, parish, relationships): a new version with the reason; members follow a new parish',
      params: IdParams,
      body: HouseholdEdit,
      response: { 200: HouseholdRecord, 409: ErrorResponse, 422: ErrorResponse, ...errors },
    },
  }, async (request) => editHousehold(ctx, registryActor(request.session), request.params.id, request.body, { requestId: request.id }));

  app.post('/api/registry/households/:id/members', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'Add a member to a household, with the duplicate check of an enrolment',
      params: IdParams,
      body: MemberAddition,
      response: { 201: MemberAdded, 409: ErrorResponse.describe('CONFLICT (stale version) or DUPLICATE_SUSPECTED: details are a DuplicateSuspected'), 422: ErrorResponse, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await addMember(ctx, registryActor(request.session), request.params.id, request.body, { requestId: request.id })));

  app.post('/api/registry/households/:id/moves', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'Move a member of this household to another one: a new version of the person and of both households',
      params: IdParams,
      body: MemberMove,
      response: { 200: MoveResult, 409: ErrorResponse, 422: ErrorResponse, ...errors },
    },
  }, async (request) => moveMember(ctx, registryActor(request.session), request.params.id, request.body, { requestId: request.id }));

  app.post('/api/registry/households/:id/removal-requests', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'Ask for a household whose members are all removed or merged to be removed; a second official decides',
      params: IdParams,
      body: RemovalRequestInput,
      response: { 201: z.object({ id: z.uuid(), status: z.literal('pending') }), 409: ErrorResponse, 422: ErrorResponse, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await requestHouseholdRemoval(ctx, registryActor(request.session), request.params.id, request.body, request.id)));

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
      summary: 'Removal requests of persons and households in your regions, newest first',
      querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'undone']).optional() }),
      response: { 200: z.object({ requests: z.array(RemovalView) }), ...errors },
    },
  }, async (request) => ({ requests: await listRemovals(ctx, registryActor(request.session), request.query.status, request.id) }));

  for (const action of ['approve', 'reject', 'undo'] as const) {
    app.post(`/api/registry/removal-requests/:id/${action}`, {
      config: { access: access.roles(['auditor'], 'oversight') },
      schema: {
        tags: ['registry'],
        summary: `${action[0]!.toUpperCase()}${action.slice(1)} a removal of a person or a household (a second official, never the requester)`,
        params: IdParams,
        body: RemovalDecision,
        response: { 200: RemovalDecisionResult, 422: ErrorResponse, ...errors },
      },
    }, async (request) => decideRemoval(ctx, registryActor(request.session), request.params.id, action, request.body.note, request.id));
  }

  app.put('/api/registry/persons/:id/photo', {
    config: { access: enrolment },
    bodyLimit: 512 * 1024,
    schema: {
      tags: ['registry'],
      summary: 'Store a new photo of the person (a new version; the old ones are kept)',
      params: IdParams,
      body: PhotoUpload,
      response: { 204: z.null(), 422: ErrorResponse, ...errors },
    },
  }, async (request, reply) => {
    await savePhoto(ctx, registryActor(request.session), request.params.id, request.body, request.id);
    return reply.status(204).send(null);
  });

  app.get('/api/registry/persons/:id/photo', {
    config: { access: enrolment },
    schema: { tags: ['registry'], summary: "The person's current photo (image bytes)", params: IdParams, response: { 404: ErrorResponse, ...authErrors } },
  }, async (request, reply) => {
    const photo = await readPhoto(ctx, registryActor(request.session), request.params.id, request.id);
    // Personal data: never kept by shared caches.
    // Raw bytes: no 200 schema, so Fastify sends the buffer as it is.
    return reply.header('cache-control', 'private, no-store').type(photo.contentType).send(photo.image as never);
  });

  app.get('/api/registry/dedup/pairs', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'The review queue of possible duplicates in your regions, highest score first',
      querystring: z.object({ status: z.enum(['pending', 'same', 'different', 'undone']).optional() }),
      response: { 200: z.object({ pairs: z.array(DedupPairView) }), ...errors },
    },
  }, async (request) => ({ pairs: await listPairs(ctx, registryActor(request.session), request.query.status, request.id) }));

  app.post('/api/registry/dedup/pairs/:id/decide', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'Same person (merge, reversible) or different persons',
      params: IdParams,
      body: DedupDecision,
      response: { 200: DedupPairView, 409: ErrorResponse, 422: ErrorResponse, ...errors },
    },
  }, async (request) => decidePair(ctx, registryActor(request.session), request.params.id, request.body.decision, request.body.note, request.id));

  app.post('/api/registry/dedup/pairs/:id/undo', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'Undo a decision: a merged record becomes active again',
      params: IdParams,
      body: z.object({ note: z.string().trim().max(1000).default('') }),
      response: { 200: DedupPairView, 409: ErrorResponse, 422: ErrorResponse, ...errors },
    },
  }, async (request) => decidePair(ctx, registryActor(request.session), request.params.id, 'undo', request.body.note, request.id));

  app.get('/api/registry/search', {
    config: { access: enrolment },
    schema: {
      tags: ['registry'],
      summary: 'Search persons in your regions by name (typos and missing accents are fine), document, card number, birth date, region; a page at a time',
      querystring: SearchQuery,
      response: { 200: SearchPage, ...errors },
    },
  }, async (request) => searchPersons(ctx, registryActor(request.session), request.query, request.id));

  // The console uploads the file as it is; the reader validates it row by row.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));

  app.post('/api/registry/imports', {
    config: { access: enrolment },
    bodyLimit: MAX_IMPORT_BYTES,
    schema: {
      tags: ['registry'],
      summary: 'Import persons from a CSV file (content-type text/csv; columns in docs/registry-import.md)',
      response: { 200: ImportReport, 413: ErrorResponse, ...errors },
    },
  }, async (request) => {
    if (!Buffer.isBuffer(request.body)) throw new DomainError('VALIDATION_FAILED', 'send the file with content-type text/csv');
    const r = await importPersons(ctx, Readable.from(request.body), { actor: registryActor(request.session), requestId: request.id });
    return {
      rows: r.rows,
      households: r.households,
      persons: r.persons,
      alreadyImported: r.alreadyImported,
      rejected: r.rejected.map(({ line, reason }) => ({ line, reason })),
      duplicatePairs: r.duplicatePairs,
    };
  });
};

const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
