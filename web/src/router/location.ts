import { useSyncExternalStore } from 'react';

/**
 * Client-side routing on the History API. The server answers every page path with
 * index.html (src/app.ts), so a reload or a shared link lands on the same screen.
 */
const NAVIGATED = 'amparo:navigated';

/** Goes to a path of the app without reloading; `replace` for redirects, so Back skips them. */
export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === currentUrl()) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  movedWithinApp = true;
  window.dispatchEvent(new Event(NAVIGATED));
}

let movedWithinApp = false;

/** True once the person moved to another screen within the app (not on first load). */
export const hasMovedWithinApp = () => movedWithinApp;

function subscribe(onChange: () => void) {
  const onPopState = () => {
    movedWithinApp = true;
    onChange();
  };
  window.addEventListener('popstate', onPopState);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onPopState);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const currentUrl = () => `${location.pathname}${location.search}`;

/** The current path and query string; re-renders on every navigation. */
export function useLocation(): { path: string; search: URLSearchParams; url: string } {
  const url = useSyncExternalStore(subscribe, currentUrl);
  const [path = '/', query = ''] = url.split('?');
  return { path, search: new URLSearchParams(query), url };
}
