import { apiRequest } from './client.ts';
import type { PublicProgram, PublicProgramDetail } from './contracts.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The programs in operation or closed, each with the rule in force today (public, no login). */
export const getPublicPrograms = (signal?: AbortSignal) =>
  apiRequest<{ programs: PublicProgram[] }>('GET', '/api/public/programs', opts(signal)).then((r) => r.programs);

/** One program and every rule version it published (public, no login); 404 NOT_FOUND for a draft or an unknown code. */
export const getPublicProgram = (code: string, signal?: AbortSignal) =>
  apiRequest<PublicProgramDetail>('GET', `/api/public/programs/${encodeURIComponent(code)}`, opts(signal));
