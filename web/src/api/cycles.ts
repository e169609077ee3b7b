import { apiRequest } from './client.ts';
import type { Cycle, CycleChangesPage, CycleDetail, CyclePreview, CycleReason, CycleRunAnswer } from './contracts.ts';

// A program's cycles (src/cycles/routes.ts). Counts and money only, except the changes
// since a cycle: those read households' records, and the server audits every one.

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const cyclesUrl = (code: string) => `/api/programs/${encodeURIComponent(code)}/cycles`;
const cycleUrl = (code: string, period: string) => `${cyclesUrl(code)}/${encodeURIComponent(period)}`;

/** Newest period first, with progress and totals. */
export const listCycles = (code: string, signal?: AbortSignal) => apiRequest<Cycle[]>('GET', cyclesUrl(code), opts(signal));

/** What a run would create, with nothing written; 422 when the period or the program cannot run. */
export const previewCycle = (code: string, period: string) => apiRequest<CyclePreview>('POST', `${cycleUrl(code, period)}/preview`);

/**
 * Starts (or resumes) the run and answers at once: follow it with `getCycle`. A cycle
 * already evaluated answers with `alreadyRun` and creates nothing.
 */
export const runCycle = (code: string, period: string) => apiRequest<CycleRunAnswer>('POST', `${cycleUrl(code, period)}/run`);

export const getCycle = (code: string, period: string, signal?: AbortSignal) => apiRequest<CycleDetail>('GET', cycleUrl(code, period), opts(signal));

/** 403 FORBIDDEN for the official who ran the cycle: a second one must give it. */
export const overrideBudget = (code: string, period: string, body: CycleReason) => apiRequest<Cycle>('POST', `${cycleUrl(code, period)}/override-budget`, { body });

export const closeCycle = (code: string, period: string, body: CycleReason) => apiRequest<Cycle>('POST', `${cycleUrl(code, period)}/close`, { body });

/** One page of the households whose records changed since the cycle started (audited: each household read). */
export const getCycleChanges = (code: string, period: string, after?: string, signal?: AbortSignal) =>
  apiRequest<CycleChangesPage>('GET', `${cycleUrl(code, period)}/changes`, { query: { after }, ...opts(signal) });
