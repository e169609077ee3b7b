import { z } from 'zod';
import { ACTION_NAMES } from './actions.ts';

export const AuditEntry = z.object({
  id: z.number().int(),
  chain: z.number().int(),
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  role: z.string(),
  purpose: z.string(),
  action: z.string(),
  outcome: z.enum(['success', 'denied', 'failure']),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  hash: z.string(),
});

export const AuditQuery = z.object({
  actor: z.string().max(40).optional().describe('username of the official who acted'),
  action: z.enum(ACTION_NAMES).optional(),
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(80).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().optional().describe('page: entries with an id below this'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const Checkpoint = z.object({
  id: z.number().int(),
  at: z.string(),
  payload: z.string().describe('the exact JSON text that was signed'),
  kid: z.string(),
  signature: z.string().describe('Ed25519 signature of payload (UTF-8), base64url'),
});

export const CheckpointKey = z.object({ kid: z.string(), publicKey: z.string().describe('raw Ed25519 key, base64url'), createdAt: z.string() });

export const VerifyReport = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  checkpoints: z.number().int(),
  problems: z.array(z.object({ entryId: z.number().int().nullable(), chain: z.number().int(), seq: z.number().int(), reason: z.string() })),
});
