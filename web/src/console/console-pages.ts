import type { Role } from '../api/contracts.ts';

export const CONSOLE_HOME = '/console';
export const LOGIN_PATH = '/console/login';

export type ConsolePageId = 'home' | 'auditLog' | 'checkpoints';

interface ConsolePage {
  id: ConsolePageId;
  path: string;
  /** Who sees it in the menu and may open it. The server enforces the same on its routes. */
  roles: readonly Role[] | 'everyone';
}

/** The console's screens, in menu order. */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { id: 'home', path: CONSOLE_HOME, roles: 'everyone' },
  { id: 'auditLog', path: '/console/audit-log', roles: ['auditor'] },
  { id: 'checkpoints', path: '/console/checkpoints', roles: ['auditor', 'administrator'] },
];

export const mayUse = (page: ConsolePage, role: Role) => page.roles === 'everyone' || page.roles.includes(role);

export const pagesFor = (role: Role) => CONSOLE_PAGES.filter((page) => mayUse(page, role));

/** The page at a path that the role may use; undefined also when it exists but is not theirs. */
export const pageAt = (path: string, role: Role) => {
  const bare = path.replace(/\/+$/, ''); // "/console/" is "/console"
  return pagesFor(role).find((page) => page.path === bare);
};

/** Where to go after login: only a console path, so a crafted link cannot send people elsewhere. */
export function afterLoginPath(next: string | null): string {
  return next && next.startsWith('/console') && !next.startsWith(LOGIN_PATH) ? next : CONSOLE_HOME;
}
