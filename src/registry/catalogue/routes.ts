import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { actorOf } from '../../auth/login.ts';
import { access } from '../../auth/roles.ts';
import { ErrorResponse, authErrors } from '../../http/schemas.ts';
import { decideProposal } from './decide-proposal.ts';
import { listCatalogue } from './list-catalogue.ts';
import { listProposals } from './list-proposals.ts';
import { proposeAttribute } from './propose-attribute.ts';
import {
  ApproveBody,
  CatalogueEntry,
  CatalogueQuery,
  Decision,
  Proposal,
  ProposalBody,
  ProposalParams,
  ProposalQuery,
  RejectBody,
} from './schemas.ts';

/** The attribute catalogue: published to anyone, changed by an administrator and an auditor together. */
export const catalogueRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const decide = access.roles(['auditor'], 'oversight');
  const errors = { ...authErrors, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

  app.get('/api/catalogue', {
    config: { access: access.public },
    schema: {
      tags: ['catalogue'],
      summary: 'The published attribute catalogue: every attribute the registry may hold, its purposes and legal basis (public)',
      querystring: CatalogueQuery,
      response: { 200: z.object({ entries: z.array(CatalogueEntry) }), 400: ErrorResponse },
    },
  }, async (request) => ({ entries: await listCatalogue(ctx.db, request.query) }));

  app.get('/api/catalogue/proposals', {
    config: { access: access.roles(['administrator', 'auditor'], 'administration') },
    schema: {
      tags: ['catalogue'],
      summary: 'Proposed catalogue entries and changes, newest first',
      querystring: ProposalQuery,
      response: { 200: z.object({ proposals: z.array(Proposal) }), ...authErrors },
    },
  }, async (request) => ({ proposals: await listProposals(ctx.db, request.query) }));

  app.post('/api/catalogue/proposals', {
    config: { access: access.roles(['administrator'], 'administration') },
    schema: {
      tags: ['catalogue'],
      summary: 'Propose a new catalogue entry or a change (an auditor approves); prohibited attributes are refused with 422 RULE_VIOLATION',
      body: ProposalBody,
      response: { 201: Proposal, ...errors },
    },
  }, async (request, reply) => {
    const proposal = await proposeAttribute(ctx, actorOf(request.session!.official), request.body, request.id);
    return reply.status(201).send(proposal);
  });

  app.post('/api/catalogue/proposals/:id/approve', {
    config: { access: decide },
    schema: {
      tags: ['catalogue'],
      summary: 'Approve a proposal and publish the entry (an auditor other than the proposer)',
      params: ProposalParams,
      body: ApproveBody,
      response: { 200: Decision, ...errors },
    },
  }, async (request) =>
    decideProposal(ctx, actorOf(request.session!.official), { proposalId: request.params.id, decision: 'approve', reason: request.body.reason }, request.id));

  app.post('/api/catalogue/proposals/:id/reject', {
    config: { access: decide },
    schema: {
      tags: ['catalogue'],
      summary: 'Reject a proposal, saying why (an auditor other than the proposer)',
      params: ProposalParams,
      body: RejectBody,
      response: { 200: Decision, ...errors },
    },
  }, async (request) =>
    decideProposal(ctx, actorOf(request.session!.official), { proposalId: request.params.id, decision: 'reject', reason: request.body.reason }, request.id));
};
