/**
 * Makes /terminal an installable app that opens with no network: its web app manifest
 * (added here, so the console and the public pages do not offer to install the
 * terminal) and its service worker, scoped to /terminal. Never throws: a browser
 * without service workers still runs the terminal online.
 */
export const TERMINAL_SCOPE = '/terminal';
export const SERVICE_WORKER_URL = '/terminal-sw.js';
export const MANIFEST_URL = '/terminal.webmanifest';

export function installTerminalApp() {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = MANIFEST_URL;
    document.head.append(link);
  }
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: TERMINAL_SCOPE }).catch(() => undefined);
  }
}
