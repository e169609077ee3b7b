import { z } from 'zod';
import { DueProgram, Receipt, SignedRecord } from '../redemption/schemas.ts';
import { CONFLICT_REASONS } from '../conflicts/tables.ts';
import { SYNC_MAX_RECORDS } from './sync-records.ts';

export const SyncBody = z.object({ records: z.array(SignedRecord).max(SYNC_MAX_RECORDS) });

export const SyncAnswer = z.object({
  syncId: z.string(),
  terminalRevoked: z.boolean().describe('true when the terminal is revoked: its records were kept as conflicts, and the device should delete what it holds once nothing waits'),
  results: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['recorded', 'duplicate', 'conflict', 'refused']),
      receipt: Receipt.optional(),
      conflict: z.object({ id: z.string(), reason: z.enum(CONFLICT_REASONS), conflictsWith: z.array(z.string()) }).optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});

export const OfflinePackage = z.object({
  generatedAt: z.string(),
  hashKey: z.string().describe('base64url, 32 bytes: the key of cardCacheKey for this terminal and day'),
  cycles: z.array(
    z.object({
      cycleId: z.string(),
      program: DueProgram,
      period: z.string(),
      validFrom: z.string(),
      validUntil: z.string(),
      pricePerUnit: z.string(),
      currency: z.string(),
      partialPickups: z.boolean(),
    }),
  ),
  entitlements: z.array(z.object({ cardKeys: z.array(z.string()), cycleId: z.string(), subject: z.string(), quantity: z.string(), remaining: z.string() })),
});
