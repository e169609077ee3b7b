/**
 * The terminal's service worker (scope /terminal): keeps the app shell — index.html,
 * the scripts and styles the terminal needs, its manifest and icons — so that
 * /terminal opens with no network. Built by precache-plugin.ts, which fills in the
 * file list and the version. The API (personal data) and the published lists are
 * never cached here: the terminal keeps what it needs itself, encrypted.
 */

// A module for tsc (its declarations stay local); the plugin strips this line.
export {};

// Filled in at build time (precache-plugin.ts).
declare const PRECACHE_FILES: string[];
declare const PRECACHE_VERSION: string;

/** The few service-worker types used here (tsc checks web/ with the DOM library, not the worker's). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const worker = self as unknown as WorkerScope;
const CACHE_PREFIX = 'amparo-terminal-shell-';
const CACHE = `${CACHE_PREFIX}${PRECACHE_VERSION}`;
const SHELL = '/index.html';
/** A page request that takes longer than this is answered from the cache (a weak signal is as bad as none). */
const NAVIGATION_TIMEOUT_MS = 4000;
const precached = new Set(PRECACHE_FILES);

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE_FILES.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageOrShell(request));
    return;
  }
  if (precached.has(url.pathname)) event.respondWith(cachedOrNetwork(url.pathname, request));
});

/** The network's page when it answers in time, else the kept shell (the app routes on the client). */
async function pageOrShell(request: Request): Promise<Response> {
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), NAVIGATION_TIMEOUT_MS));
  try {
    const response = await Promise.race([fetch(request), timeout]);
    if (response?.ok) return response;
  } catch {
    // no network: the shell below
  }
  const shell = await caches.match(SHELL, { cacheName: CACHE });
  return shell ?? fetch(request);
}

/** Built files have content hashes in their names: the kept copy is the right one. */
async function cachedOrNetwork(path: string, request: Request): Promise<Response> {
  return (await caches.match(path, { cacheName: CACHE })) ?? fetch(request);
}
