import type { Role } from '../api/contracts.ts';

export const CONSOLE_HOME = '/console';
export const LOGIN_PATH = '/console/login';
/** The published attribute catalogue: public, outside the console, no login. */
export const PUBLIC_CATALOGUE_PATH = '/catalogue';
/** The card verifier: public, outside the console, no login, works offline once loaded. */
export const VERIFY_PATH = '/verify';
/** The programs and their published rules: public, outside the console, no login. */
export const PUBLIC_PROGRAMS_PATH = '/programs';

export type ConsolePageId =
  | 'home'
  | 'search'
  | 'enrol'
  | 'reviewQueue'
  | 'removals'
  | 'import'
  | 'auditLog'
  | 'checkpoints'
  | 'catalogueProposals'
  | 'household'
  | 'person'
  | 'programs'
  | 'program'
  | 'reconciliation'
  | 'conflicts'
  | 'points'
  | 'point';

interface ConsolePage {
  id: ConsolePageId;
  /** A path, or a pattern whose `:name` segments are parameters ("/console/persons/:id"). */
  path: string;
  /** Who sees it in the menu and may open it. The server enforces the same on its routes. */
  roles: readonly Role[] | 'everyone';
  /** False for pages reached from another page (a record), never from the menu. */
  menu: boolean;
}

/** The console's screens, in menu order. */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { id: 'home', path: CONSOLE_HOME, roles: 'everyone', menu: true },
  { id: 'search', path: '/console/search', roles: ['registrar'], menu: true },
  { id: 'enrol', path: '/console/enrol', roles: ['registrar'], menu: true },
  { id: 'reviewQueue', path: '/console/review-queue', roles: ['registrar'], menu: true },
  { id: 'removals', path: '/console/removals', roles: ['registrar', 'auditor'], menu: true },
  { id: 'import', path: '/console/import', roles: ['registrar'], menu: true },
  { id: 'auditLog', path: '/console/audit-log', roles: ['auditor'], menu: true },
  { id: 'checkpoints', path: '/console/checkpoints', roles: ['auditor', 'administrator'], menu: true },
  { id: 'catalogueProposals', path: '/console/catalogue-proposals', roles: ['administrator', 'auditor'], menu: true },
  { id: 'household', path: '/console/households/:id', roles: ['registrar'], menu: false },
  { id: 'person', path: '/console/persons/:id', roles: ['registrar'], menu: false },
  { id: 'programs', path: '/console/programs', roles: ['program_manager'], menu: true },
  { id: 'program', path: '/console/programs/:code', roles: ['program_manager'], menu: false },
  // Mirrors RECONCILIATION_READERS (src/distribution/reconciliation/reconciliation-access.ts).
  { id: 'reconciliation', path: '/console/reconciliation', roles: ['program_manager', 'auditor', 'administrator'], menu: true },
  // Mirrors the access of GET /api/distribution/conflicts (src/distribution/conflicts/routes.ts).
  { id: 'conflicts', path: '/console/conflicts', roles: ['program_manager', 'auditor'], menu: true },
  { id: 'points', path: '/console/points', roles: ['administrator'], menu: true },
  { id: 'point', path: '/console/points/:code', roles: ['administrator'], menu: false },
];

export type MenuPageId = 'home' | 'search' | 'enrol' | 'reviewQueue' | 'removals' | 'import' | 'auditLog' | 'checkpoints' | 'catalogueProposals' | 'programs' | 'reconciliation' | 'conflicts' | 'points';

export const mayUse = (page: ConsolePage, role: Role) => page.roles === 'everyone' || page.roles.includes(role);

const pagesOf = (role: Role) => CONSOLE_PAGES.filter((page) => mayUse(page, role));

/** The menu of a role, in order. */
export const pagesFor = (role: Role) => pagesOf(role).filter((page): page is ConsolePage & { id: MenuPageId } => page.menu);

export type PageParams = Readonly<Record<string, string>>;

/** The page at a path that the role may use, with its parameters; undefined also when it exists but is not theirs. */
export function pageAt(path: string, role: Role): { id: ConsolePageId; params: PageParams } | undefined {
  const bare = path.replace(/\/+$/, '') || '/'; // "/console/" is "/console"
  for (const page of pagesOf(role)) {
    const params = matchPath(page.path, bare);
    if (params) return { id: page.id, params };
  }
  return undefined;
}

function matchPath(pattern: string, path: string): PageParams | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i]!;
    if (segment.startsWith(':')) {
      if (!actual) return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined; // a malformed escape is no page
      }
    } else if (segment !== actual) return undefined;
  }
  return params;
}

/** Links to the record pages. */
export const personPath = (id: string) => `/console/persons/${encodeURIComponent(id)}`;
export const householdPath = (id: string) => `/console/households/${encodeURIComponent(id)}`;
/** The program manager's programs, and one program's page (not the public one at /programs/:code). */
export const PROGRAMS_CONSOLE_PATH = '/console/programs';
export const consoleProgramPath = (code: string) => `${PROGRAMS_CONSOLE_PATH}/${encodeURIComponent(code)}`;

/** Where to go after login: only a console path, so a crafted link cannot send people elsewhere. */
export function afterLoginPath(next: string | null): string {
  return next && next.startsWith('/console') && !next.startsWith(LOGIN_PATH) ? next : CONSOLE_HOME;
}
