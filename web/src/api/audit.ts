import { apiRequest } from './client.ts';
import type { AuditPage, AuditQuery, Checkpoint, PublishedCheckpoints, VerifyReport } from './contracts.ts';

/** A page of the audit log, newest first (auditors). Reading it is itself audited. */
export const listAuditEntries = (query: AuditQuery, signal?: AbortSignal) =>
  apiRequest<AuditPage>('GET', '/api/audit/entries', { query: { ...query }, ...(signal ? { signal } : {}) });

/** Walks every chain and checks every checkpoint (auditors). */
export const verifyAuditLog = () => apiRequest<VerifyReport>('GET', '/api/audit/verify');

/** Signs and publishes a checkpoint now (auditors, administrators). */
export const signCheckpoint = () => apiRequest<Checkpoint>('POST', '/api/audit/checkpoints');

/** The public list anyone may download and keep. */
export const listPublishedCheckpoints = (signal?: AbortSignal) =>
  apiRequest<PublishedCheckpoints>('GET', '/transparency/audit-checkpoints', signal ? { signal } : {});
