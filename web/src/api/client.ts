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

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, with its own content type (a CSV file, say); instead of `body`. */
  raw?: { content: Blob | string; contentType: string };
  query?: Query;
  signal?: AbortSignal;
  /** Extra request headers (a terminal's signature headers, say). */
  headers?: Record<string, string>;
}

/** Resolves with the parsed body (undefined for 204); rejects with ApiError, or an AbortError when aborted. */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  throw failureOf(response, body);
}

/**
 * A binary answer (a photo, say) as a Blob; rejects with ApiError like `apiRequest`.
 * Never cached by the browser: personal data is read afresh, and the read audited.
 */
export async function apiBlob(path: string, options: { signal?: AbortSignal } = {}): Promise<Blob> {
  const response = await send('GET', path, options, '*/*', 'no-store');
  if (response.ok) return response.blob();
  throw failureOf(response, await response.json().catch(() => undefined));
}

async function send(method: Method, path: string, options: RequestOptions, accept: string, cache?: RequestCache): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers, accept };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.content;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(cache ? { cache } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : 'network error');
  }
}

function failureOf(response: Response, body: unknown): ApiError {
  const failure = readErrorBody(body);
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (failure.code === 'UNAUTHENTICATED' && csrfToken !== undefined) {
    csrfToken = undefined;
    for (const listener of sessionEndedListeners) listener();
  }
  return new ApiError(response.status, failure.code, failure.message, failure.details, requestId);
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
