import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { access } from '../auth/roles.ts';
import type { OfficialSession } from '../auth/session.ts';
import { ErrorResponse, authErrors } from '../http/schemas.ts';
import { changeProgramStatus } from './change-program-status.ts';
import { createProgram } from './create-program.ts';
import { editProgram } from './edit-program.ts';
import { explainDecision } from './explain-decision.ts';
import { programActorOf, type ProgramActor } from './program-definition.ts';
import { publishRule } from './publish-rule.ts';
import { listProgramsInScope, listPublicPrograms, programVocabulary, readProgram, readPublicProgram } from './read-programs.ts';
import {
  Explanation,
  ExplainInput,
  Program,
  ProgramDetail,
  ProgramEdit,
  ProgramInput,
  ProgramParams,
  PublicProgram,
  PublicProgramDetail,
  RuleInput,
  RuleVersion,
  StatusChange,
  Vocabulary,
} from './schemas.ts';

const actorOf = (session: OfficialSession | undefined): ProgramActor => programActorOf(session!.official);

/** Programs: published to anyone with every rule version; defined and explained by program managers. */
export const programRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const managers = access.roles(['program_manager'], 'eligibility');
  const errors = { ...authErrors, 404: ErrorResponse };
  const writeErrors = { ...errors, 409: ErrorResponse, 422: ErrorResponse };

  app.get('/api/public/programs', {
    config: { access: access.public },
    schema: {
      tags: ['programs'],
      summary: 'Every program in operation or closed, with the rule in force today (public: rules are published)',
      response: { 200: z.object({ programs: z.array(PublicProgram) }) },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=60');
    return { programs: await listPublicPrograms(ctx.db) };
  });

  app.get('/api/public/programs/:code', {
    config: { access: access.public },
    schema: {
      tags: ['programs'],
      summary: 'A program and every rule version it published, with dates, price, budget and the rule text (public)',
      params: ProgramParams,
      response: { 200: PublicProgramDetail, 400: ErrorResponse, 404: ErrorResponse },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'public, max-age=60');
    return readPublicProgram(ctx.db, request.params.code);
  });

  app.get('/api/programs', {
    config: { access: managers },
    schema: { tags: ['programs'], summary: 'The programs your program scopes cover, drafts included', response: { 200: z.object({ programs: z.array(Program) }), ...authErrors } },
  }, async (request) => ({ programs: await listProgramsInScope(ctx.db, actorOf(request.session)) }));

  app.post('/api/programs', {
    config: { access: managers },
    schema: {
      tags: ['programs'],
      summary: 'Define a new program, as a draft (your program scopes must cover its code)',
      body: ProgramInput,
      response: { 201: Program, ...writeErrors },
    },
  }, async (request, reply) => reply.status(201).send(await createProgram(ctx, actorOf(request.session), request.body, { requestId: request.id })));

  app.get('/api/programs/:code', {
    config: { access: managers },
    schema: { tags: ['programs'], summary: 'A program with every rule version and every version of its definition', params: ProgramParams, response: { 200: ProgramDetail, ...errors } },
  }, async (request) => readProgram(ctx.db, actorOf(request.session), request.params.code));

  app.patch('/api/programs/:code', {
    config: { access: managers },
    schema: {
      tags: ['programs'],
      summary: "Change a program's definition: a new version with the reason (409 when it changed since you read it)",
      params: ProgramParams,
      body: ProgramEdit,
      response: { 200: Program, ...writeErrors },
    },
  }, async (request) => editProgram(ctx, actorOf(request.session), request.params.code, request.body, { requestId: request.id }));

  app.post('/api/programs/:code/rules', {
    config: { access: managers },
    schema: {
      tags: ['programs'],
      summary: 'Publish a new rule version: checked against the catalogue for the sector; refused rules (422 RULE_VIOLATION, details.problems) write nothing',
      params: ProgramParams,
      body: RuleInput,
      response: { 201: RuleVersion, ...writeErrors },
    },
  }, async (request, reply) => reply.status(201).send(await publishRule(ctx, actorOf(request.session), request.params.code, request.body, { requestId: request.id })));

  for (const action of ['activate', 'close'] as const) {
    app.post(`/api/programs/:code/${action}`, {
      config: { access: managers },
      schema: {
        tags: ['programs'],
        summary: action === 'activate' ? 'Activate a draft that has a rule: it becomes public' : 'Close an active program (final; its rules stay published)',
        params: ProgramParams,
        body: StatusChange,
        response: { 200: Program, ...writeErrors },
      },
    }, async (request) => changeProgramStatus(ctx, actorOf(request.session), request.params.code, action, request.body, { requestId: request.id }));
  }

  app.get('/api/programs/:code/vocabulary', {
    config: { access: managers },
    schema: {
      tags: ['programs'],
      summary: "The names the program's rules may use, with types and meanings, and the catalogue attributes they may not use",
      params: ProgramParams,
      response: { 200: Vocabulary, ...errors },
    },
  }, async (request) => programVocabulary(ctx, actorOf(request.session), request.params.code));

  app.post('/api/programs/:code/explain', {
    config: { access: managers },
    schema: {
      tags: ['programs'],
      summary: 'Explain the decision for one household or person: each clause with its value and the facts it read (audited as a read)',
      params: ProgramParams,
      body: ExplainInput,
      response: { 200: Explanation, ...writeErrors },
    },
  }, async (request) => explainDecision(ctx, actorOf(request.session), request.params.code, request.body, { requestId: request.id }));
};
