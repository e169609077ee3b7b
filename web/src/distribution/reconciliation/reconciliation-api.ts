import { apiRequest } from '../../api/client.ts';
import type { DepositInput, DepositResult, PointCycles, Reconciliation, ReconciliationPoint } from '../../api/contracts.ts';

// A point's reconciliation (src/distribution/reconciliation/routes.ts). Reading one is
// audited by the server; the CSV is the same reading, downloaded by the browser.

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const pointUrl = (code: string) => `/api/distribution/points/${encodeURIComponent(code)}`;

/** Points in the official's regions whose code or name contains the text. */
export const findPoints = (text: string, signal?: AbortSignal) => apiRequest<ReconciliationPoint[]>('GET', '/api/distribution/reconciliation/points', { query: { q: text }, ...opts(signal) });

/** The cycles with entitlements or pickups at the point, newest first. */
export const pointCycles = (code: string, signal?: AbortSignal) => apiRequest<PointCycles>('GET', `${pointUrl(code)}/reconciliation/cycles`, opts(signal));

export const readReconciliation = (code: string, cycleId: string, signal?: AbortSignal) =>
  apiRequest<Reconciliation>('GET', `${pointUrl(code)}/reconciliation`, { query: { cycle: cycleId }, ...opts(signal) });

/** Where the browser downloads the CSV (a plain link: the session cookie goes with it). */
export const reconciliationCsvUrl = (code: string, cycleId: string) => `${pointUrl(code)}/reconciliation.csv?cycle=${encodeURIComponent(cycleId)}`;

/** 201 a new deposit, 200 the same slip again; 409 the same slip with other figures. */
export const recordDeposit = (code: string, body: DepositInput) => apiRequest<DepositResult>('POST', `${pointUrl(code)}/deposits`, { body });
