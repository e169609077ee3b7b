/**
 * The API's request and response types, inferred from the server's own zod schemas.
 * Type-only imports: nothing of the server reaches the bundle, and a changed
 * contract breaks `tsc` here instead of a screen in production.
 */
import type { z } from 'zod';
import type { AuditAction, Purpose } from '../../../src/audit/actions.ts';
import type * as audit from '../../../src/audit/schemas.ts';
import type * as auth from '../../../src/auth/schemas.ts';
import type { Role } from '../../../src/auth/roles.ts';
import type { ErrorCode } from '../../../src/shared/domain-error.ts';
import type { Region as RegionSchema } from '../../../src/regions/routes.ts';

export type { AuditAction, ErrorCode, Purpose, Role };

export type LoginBody = z.infer<typeof auth.LoginBody>;
export type LoginResponse = z.infer<typeof auth.LoginResponse>;
export type SecondFactorBody = z.infer<typeof auth.SecondFactorBody>;
export type Me = z.infer<typeof auth.Me>;

export type AuditEntry = z.infer<typeof audit.AuditEntry>;
/** What the client sends; the server fills in the default limit. */
export type AuditQuery = Omit<z.infer<typeof audit.AuditQuery>, 'limit'> & { limit?: number };
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}
export type VerifyReport = z.infer<typeof audit.VerifyReport>;
export type Checkpoint = z.infer<typeof audit.Checkpoint>;
export type CheckpointKey = z.infer<typeof audit.CheckpointKey>;
export interface PublishedCheckpoints {
  checkpoints: Checkpoint[];
  keys: CheckpointKey[];
}

export type Region = z.infer<typeof RegionSchema>;
