import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { access } from '../auth/roles.ts';
import type { OfficialSession } from '../auth/session.ts';
import { ErrorResponse, authErrors } from '../http/schemas.ts';
import { registryActorOf, type RegistryActor } from '../registry/enrol-household.ts';
import { issueCard, reissueCard, revokeCard } from './issue-card.ts';
import { forgetVerificationLists, verifyCardText } from './local-verifier.ts';
import { cardPdf, cardSheetPdf } from './printable-card.ts';
import { STATUS_LIST_PATH, STATUS_LIST_TTL_SECONDS, TRUST_LIST_PATH, statusListToken, trustListDocument } from './publication.ts';
import { cardView, readCardsOf, verificationView } from './read-cards.ts';
import { TrustListView, CardParams, CardVerificationView, CardView, IssueCardInput, PrintBatchInput, ReissueCardInput, RevokeCardInput, VerifyInput } from './schemas.ts';
import { STATUS_LIST_TYP } from './codec/status-list.ts';

const actorOf = (session: OfficialSession | undefined): RegistryActor => registryActorOf(session!.official);

const PersonParams = z.object({ id: z.uuid() });

export const credentialRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const cards = access.roles(['registrar'], 'enrolment');
  const errors = { ...authErrors, 404: ErrorResponse };

  app.get(TRUST_LIST_PATH, {
    config: { access: access.public },
    schema: { tags: ['credentials'], summary: 'The trust list: card-signing keys and their validity, signed by the trust anchor', response: { 200: TrustListView } },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return trustListDocument(ctx);
  });

  app.get('/.well-known/jwks.json', {
    config: { access: access.public },
    schema: {
      tags: ['credentials'],
      summary: 'The card-signing keys as a JWK Set, where Claim 169 verifiers look for them (the signed trust list adds validity)',
      response: { 200: z.object({ keys: z.array(z.object({ kid: z.string(), kty: z.literal('OKP'), crv: z.literal('Ed25519'), alg: z.literal('EdDSA'), use: z.literal('sig'), x: z.string() })) }) },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    const trust = await trustListDocument(ctx);
    return { keys: trust.keys.map(({ kid, kty, crv, alg, x }) => ({ kid, kty, crv, alg, use: 'sig' as const, x })) };
  });

  app.get(STATUS_LIST_PATH, {
    config: { access: access.public },
    schema: {
      tags: ['credentials'],
      summary: 'The revocation status list (IETF Token Status List, CWT form): one bit per card',
      produces: [STATUS_LIST_TYP],
    },
  }, async (_request, reply) => {
    const token = await statusListToken(ctx);
    return reply
      .header('content-type', STATUS_LIST_TYP)
      .header('cache-control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`)
      .send(Buffer.from(token.buffer, token.byteOffset, token.byteLength) as never);
  });

  app.post('/api/cards/verify', {
    config: { access: access.public },
    schema: {
      tags: ['credentials'],
      summary: 'Verify a card QR text against the published trust and status lists (what an offline verifier does)',
      body: VerifyInput,
      response: { 200: CardVerificationView },
    },
  }, async (request) => verificationView(await verifyCardText(ctx, request.body.text)));

  app.get('/api/registry/persons/:id/cards', {
    config: { access: cards },
    schema: { tags: ['credentials'], summary: 'Every card a person has had, newest first', params: PersonParams, response: { 200: z.object({ cards: z.array(CardView) }), ...errors } },
  }, async (request) => ({ cards: await readCardsOf(ctx, actorOf(request.session), request.params.id, request.id) }));

  app.post('/api/registry/persons/:id/cards', {
    config: { access: cards },
    schema: {
      tags: ['credentials'],
      summary: "Issue a person's first card",
      params: PersonParams,
      body: IssueCardInput,
      response: { 201: CardView, 409: ErrorResponse.describe('CONFLICT: the person already has a valid card'), 422: ErrorResponse, ...errors },
    },
  }, async (request, reply) => {
    const card = await issueCard(ctx, actorOf(request.session), request.params.id, { withFace: request.body.withFace, requestId: request.id });
    return reply.status(201).send(cardView(card));
  });

  app.post('/api/cards/:cardNumber/reissue', {
    config: { access: cards },
    schema: {
      tags: ['credentials'],
      summary: 'Replace a lost, stolen or damaged card: the old card is revoked in the same transaction',
      params: CardParams,
      body: ReissueCardInput,
      response: { 201: CardView, 422: ErrorResponse, ...errors },
    },
  }, async (request, reply) => {
    const card = await reissueCard(ctx, actorOf(request.session), request.params.cardNumber, request.body.reason, { withFace: request.body.withFace, requestId: request.id });
    forgetVerificationLists(ctx);
    return reply.status(201).send(cardView(card));
  });

  app.post('/api/cards/:cardNumber/revoke', {
    config: { access: cards },
    schema: { tags: ['credentials'], summary: 'Revoke a card: its bit is set in the next status list', params: CardParams, body: RevokeCardInput, response: { 200: CardView, 422: ErrorResponse, ...errors } },
  }, async (request) => {
    const card = await revokeCard(ctx, actorOf(request.session), request.params.cardNumber, request.body, request.id);
    forgetVerificationLists(ctx);
    return cardView(card);
  });

  app.get('/api/cards/:cardNumber/pdf', {
    config: { access: cards },
    schema: { tags: ['credentials'], summary: 'The printable card (PDF, ID-1 size)', params: CardParams, produces: ['application/pdf'], response: { 422: ErrorResponse, ...errors } },
  }, async (request, reply) => {
    const pdf = await cardPdf(ctx, actorOf(request.session), request.params.cardNumber, request.id);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="card-${request.params.cardNumber}.pdf"`)
      .send(Buffer.from(pdf) as never);
  });

  app.post('/api/cards/print-batch', {
    config: { access: cards },
    schema: { tags: ['credentials'], summary: 'Many cards on A4 sheets with crop marks, for a print shop (PDF)', body: PrintBatchInput, produces: ['application/pdf'], response: { 422: ErrorResponse, ...errors } },
  }, async (request, reply) => {
    const pdf = await cardSheetPdf(ctx, actorOf(request.session), request.body.cardNumbers, request.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="cards.pdf"').send(Buffer.from(pdf) as never);
  });
};
