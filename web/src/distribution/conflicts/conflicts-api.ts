import { apiRequest } from '../../api/client.ts';
import type { ConflictDecision, ConflictDetail, ConflictStatus, ConflictSummary } from '../../api/contracts.ts';

// Conflicts of offline sync (src/distribution/conflicts/routes.ts). Every read is audited by the server.

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const listConflicts = (status: ConflictStatus | undefined, signal?: AbortSignal) =>
  apiRequest<ConflictSummary[]>('GET', '/api/distribution/conflicts', { query: status ? { status } : {}, ...opts(signal) });

export const readConflict = (id: string, signal?: AbortSignal) => apiRequest<ConflictDetail>('GET', `/api/distribution/conflicts/${encodeURIComponent(id)}`, opts(signal));

/** Once: a second decision is 409 CONFLICT. */
export const resolveConflict = (id: string, decision: ConflictDecision, note: string) =>
  apiRequest<ConflictDetail>('POST', `/api/distribution/conflicts/${encodeURIComponent(id)}/resolve`, { body: { decision, note } });
