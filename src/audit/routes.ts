import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { actorOf } from '../auth/login.ts';
import { access } from '../auth/roles.ts';
import { authErrors } from '../http/schemas.ts';
import { listKeys } from '../keys/store.ts';
import { makeCheckpoint, publishedCheckpoint } from './checkpoints.ts';
import { readAuditLog } from './read-audit-log.ts';
import { AuditEntry, AuditQuery, Checkpoint, CheckpointKey, VerifyReport } from './schemas.ts';
import { listCheckpoints } from './store.ts';
import { verifyAuditLog } from './verify-chain.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const oversight = access.roles(['auditor'], 'oversight');

  app.get('/api/audit/entries', {
    config: { access: oversight },
    schema: {
      tags: ['audit'],
      summary: 'Read the audit log, newest first (auditors)',
      querystring: AuditQuery,
      response: { 200: z.object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() }), ...authErrors },
    },
  }, async (request) => readAuditLog(ctx, actorOf(request.session!.official), request.query, request.id));

  app.get('/api/audit/verify', {
    config: { access: oversight },
    schema: { tags: ['audit'], summary: 'Walk every chain and check every checkpoint', response: { 200: VerifyReport, ...authErrors } },
  }, async () => verifyAuditLog(ctx.db));

  app.post('/api/audit/checkpoints', {
    config: { access: access.roles(['auditor', 'administrator'], 'oversight') },
    schema: { tags: ['audit'], summary: 'Sign and publish a checkpoint now', response: { 201: Checkpoint, ...authErrors } },
  }, async (request, reply) => {
    const made = await makeCheckpoint(ctx.db, ctx.keys, ctx.config.issuer, actorOf(request.session!.official));
    return reply.status(201).send(publishedCheckpoint(made));
  });

  app.get('/transparency/audit-checkpoints', {
    config: { access: access.public },
    schema: {
      tags: ['transparency'],
      summary: 'Published checkpoints of the audit log, newest first, and the keys that sign them',
      querystring: z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ checkpoints: z.array(Checkpoint), keys: z.array(CheckpointKey) }) },
    },
  }, async (request) => {
    const rows = await listCheckpoints(ctx.db, request.query.limit, request.query.before);
    const keys = await listKeys(ctx.db, 'checkpoint');
    return {
      checkpoints: rows.map(publishedCheckpoint),
      keys: keys.map((k) => ({ kid: k.kid, publicKey: k.public_key.toString('base64url'), createdAt: k.created_at.toISOString() })),
    };
  });
};
