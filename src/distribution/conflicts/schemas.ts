import { z } from 'zod';
import { CONFLICT_DECISIONS, CONFLICT_REASONS } from './tables.ts';

export const ConflictsQuery = z.object({
  point: z.string().max(40).optional(),
  program: z.string().max(40).optional(),
  status: z.enum(['open', 'resolved']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const ConflictParams = z.object({ id: z.uuid() });

export const Conflict = z.object({
  id: z.string(),
  reason: z.enum(CONFLICT_REASONS),
  program: z.string(),
  period: z.string(),
  cycleId: z.string(),
  subject: z.string().describe("the entitlement's sector pseudonym"),
  quantity: z.string(),
  pointCode: z.string(),
  terminalId: z.string(),
  terminalLabel: z.string().nullable(),
  agentName: z.string(),
  redeemedAt: z.string(),
  recordedAt: z.string(),
  amount: z.string(),
  currency: z.string(),
  paymentMethod: z.enum(['cash', 'mobile', 'none']),
  paymentReference: z.string().nullable(),
  postingId: z.string().nullable(),
  conflictsWith: z.array(z.string()),
  status: z.enum(['open', 'resolved']),
  resolution: z.object({ decision: z.enum(CONFLICT_DECISIONS), note: z.string(), reversalId: z.string().nullable(), decidedAt: z.string(), decidedBy: z.string() }).nullable(),
});

export const ConflictDetail = Conflict.extend({
  redemptions: z.array(
    z.object({ redemptionId: z.string(), receiptNo: z.number().int(), quantity: z.string(), redeemedAt: z.string(), pointCode: z.string(), terminalLabel: z.string().nullable(), agentName: z.string(), offline: z.boolean() }),
  ),
});

export const Resolution = z.object({ decision: z.enum(CONFLICT_DECISIONS), note: z.string().trim().min(3).max(1000) });
