import { apiRequest } from '../../api/client.ts';
import type {
  DistributionPoint,
  DistributionPointChange,
  DistributionPointDetail,
  DistributionPointInput,
  DistributionPointsPage,
  Official,
  RegisteredTerminal,
  Terminal,
} from '../../api/contracts.ts';

// An administrator's distribution points, agents and terminals
// (src/distribution/points/routes.ts, src/distribution/terminals/routes.ts). Every
// change is audited by the server; a point outside the official's regions is 404.

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const pointUrl = (code: string) => `/api/distribution/points/${encodeURIComponent(code)}`;

export const listPoints = (query: { region?: string; after?: string }, signal?: AbortSignal) =>
  apiRequest<DistributionPointsPage>('GET', '/api/distribution/points', { query: { ...query, limit: 100 }, ...opts(signal) });

/** 201 with the point; 409 CONFLICT when the code is taken; 403 for a region outside the scopes. */
export const createPoint = (body: DistributionPointInput) => apiRequest<DistributionPoint>('POST', '/api/distribution/points', { body });

export const getPoint = (code: string, signal?: AbortSignal) => apiRequest<DistributionPointDetail>('GET', pointUrl(code), opts(signal));

export const changePoint = (code: string, body: DistributionPointChange) => apiRequest<DistributionPoint>('PATCH', pointUrl(code), { body });

/** 422 RULE_VIOLATION when the official is not a distribution agent covering the point's region. */
export const assignAgent = (code: string, officialId: string) => apiRequest<void>('POST', `${pointUrl(code)}/agents`, { body: { officialId } });

export const endAssignment = (code: string, officialId: string) => apiRequest<void>('DELETE', `${pointUrl(code)}/agents/${encodeURIComponent(officialId)}`);

/** The enrolment code comes in this answer only: it is stored as a hash. */
export const registerTerminal = (code: string, label: string) => apiRequest<RegisteredTerminal>('POST', `${pointUrl(code)}/terminals`, { body: { label } });

export const revokeTerminal = (id: string, reason: string) => apiRequest<Terminal>('POST', `/api/distribution/terminals/${encodeURIComponent(id)}/revoke`, { body: { reason } });

/** Every official (an audited read), for choosing the agents to assign. */
export const listOfficials = (signal?: AbortSignal) => apiRequest<{ officials: Official[] }>('GET', '/api/officials', opts(signal)).then((r) => r.officials);

/** Mirrors coversRegion (src/auth/roles.ts): a scope covers its own region and every region under it. */
export const coversRegion = (scopes: readonly string[], region: string) => scopes.some((s) => s === '*' || region === s || region.startsWith(`${s}-`));

export const POINTS_PATH = '/console/points';
export const pointPath = (code: string) => `${POINTS_PATH}/${encodeURIComponent(code)}`;
