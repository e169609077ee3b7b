import { apiRequest } from './client.ts';
import type { Region } from './contracts.ts';

/** The administrative divisions (public). */
export const listRegions = (signal?: AbortSignal) =>
  apiRequest<{ regions: Region[] }>('GET', '/api/regions', signal ? { signal } : {}).then((r) => r.regions);
