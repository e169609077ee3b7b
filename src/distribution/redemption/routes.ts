import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { access } from '../../auth/roles.ts';
import { ErrorResponse, authErrors } from '../../http/schemas.ts';
import { terminalAuth } from '../terminals/terminal-auth.ts';
import { identifyPerson } from './identify-person.ts';
import { readDue } from './read-due.ts';
import { readReceipt } from './read-receipt.ts';
import { redeem } from './redeem.ts';
import { DueAnswer, DueQuery, IdentifyAnswer, IdentifyInput, Receipt, ReceiptParams, SignedRecord } from './schemas.ts';

/**
 * The terminal's redemption API: what is due, redeem, receipts, identification
 * without a card. Every route needs an agent's session and the terminal's signature
 * (terminalAuth), which sets `request.terminal`.
 */
export const redemptionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(async (scope) => {
    await scope.register(terminalAuth, { ctx });
    const agents = access.roles(['distribution_agent'], 'distribution');
    const errors = { ...authErrors, 404: ErrorResponse };
    const tags = ['terminal'];
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get('/api/terminal/due', {
      config: { access: agents },
      schema: { tags, summary: 'What is due at this point to a card (or an identified person): entitlements of open cycles valid today, with their pickups; no names (audited)', querystring: DueQuery, response: { 200: DueAnswer, ...errors } },
    }, async (request) => readDue(ctx, request.terminal!, request.query.card !== undefined ? { card: request.query.card } : { token: request.query.token! }, request.id));

    api.post('/api/terminal/redemptions', {
      config: { access: agents },
      schema: {
        tags,
        summary: 'Redeem: the signed pickup record; 201 with the receipt, 200 with the same receipt for the same record again, 409 ALREADY_REDEEMED with when and where',
        body: SignedRecord,
        response: { 200: Receipt, 201: Receipt, ...errors, 409: ErrorResponse, 422: ErrorResponse },
      },
    }, async (request, reply) => {
      const { created, receipt } = await redeem(ctx, request.terminal!, request.body, request.id);
      return reply.status(created ? 201 : 200).send(receipt);
    });

    api.get('/api/terminal/receipts/:id', {
      config: { access: agents },
      schema: { tags, summary: 'A receipt given at this point, to show or print again (audited)', params: ReceiptParams, response: { 200: Receipt, ...errors } },
    }, async (request) => readReceipt(ctx, request.terminal!, request.params.id, request.id));

    api.post('/api/terminal/identify', {
      config: { access: agents },
      schema: {
        tags,
        summary: "A person without their card: at most 5 matches by name in the point's region, each with a 15-minute token and what is due (audited with the reason)",
        body: IdentifyInput,
        response: { 200: IdentifyAnswer, ...errors },
      },
    }, async (request) => identifyPerson(ctx, request.terminal!, request.body, request.id));
  });
};
