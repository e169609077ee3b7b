import type { STATUS_LIST_PATH as ServerStatusListPath, TRUST_LIST_PATH as ServerTrustListPath } from '../../../src/credentials/publication.ts';
import { ApiError } from './client.ts';

// The two public lists an offline verifier needs (src/credentials/publication.ts),
// fetched from the installation that served this page. Neither is trusted for being
// downloaded: the verifier checks their signatures against the pinned trust anchor.

/** `satisfies` keeps these equal to the server's paths. */
export const TRUST_LIST_PATH = '/.well-known/amparo/trust-list.json' satisfies typeof ServerTrustListPath;
export const STATUS_LIST_PATH = '/.well-known/amparo/status-list' satisfies typeof ServerStatusListPath;

/**
 * Always asks the server (`no-cache` revalidates): after a revocation, "refresh"
 * must not be answered from the browser's HTTP cache. Rejects with ApiError: NETWORK
 * when no answer came (offline), else the status as UNAVAILABLE.
 */
async function download(path: string, accept: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept }, cache: 'no-cache', credentials: 'omit' });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : 'network error');
  }
  if (!response.ok) throw new ApiError(response.status, 'UNAVAILABLE', `${path} answered ${response.status}`);
  return response;
}

/** The trust list as JSON, not yet checked. */
export const downloadTrustList = async (): Promise<unknown> => (await download(TRUST_LIST_PATH, 'application/json')).json();

/** The Status List Token's bytes, not yet checked. */
export const downloadStatusList = async (): Promise<Uint8Array> =>
  new Uint8Array(await (await download(STATUS_LIST_PATH, 'application/statuslist+cwt')).arrayBuffer());
