/**
 * The one way the web app talks to the API: JSON over fetch, the session in an
 * HttpOnly cookie the browser sends by itself, and the session's CSRF token in
 * `x-csrf-token` on every write (src/auth/access-plugin.ts refuses writes without it).
 */

/** An error answer of the API (`{ error: { code, message, details } }`), or NETWORK when none came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CSRF_HEADER = 'x-csrf-token';
let csrfToken: string | undefined;
const sessionEndedListeners = new Set<() => void>();

/** Kept in memory only: a reload asks /api/auth/me for it again. */
export function rememberCsrfToken(token: string | undefined) {
  csrfToken = token;
}

/** Tells the listener when a request made while signed in was answered "sign in first". */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

/** Resolves with the parsed body (undefined for 204); rejects with ApiError, or an AbortError when aborted. */
export async function apiRequest<T>(method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : 'network error');
  }

  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;

  const failure = readErrorBody(body);
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (failure.code === 'UNAUTHENTICATED' && csrfToken !== undefined) {
    csrfToken = undefined;
    for (const listener of sessionEndedListeners) listener();
  }
  throw new ApiError(response.status, failure.code, failure.message, failure.details, requestId);
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function readErrorBody(body: unknown): { code: string; message: string; details?: unknown } {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, details } = error as Record<string, unknown>;
      if (typeof code === 'string') return { code, message: typeof message === 'string' ? message : code, details };
    }
  }
  return { code: 'INTERNAL', message: 'unexpected answer from the server' };
}
