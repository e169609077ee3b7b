import type { Purpose } from '../audit/actions.ts';

/** The roles of DESIGN.md ("Who uses it"). One role per account. */
export const ROLES = [
  'administrator',
  'registrar',
  'program_manager',
  'distribution_agent',
  'auditor',
  'analyst',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route requires, declared on every route (`config.access`); a route without
 * a declaration fails at start-up. `public` needs nothing, `second_factor_pending`
 * is only the steps of login, `signed_in` any official with a full session, and
 * `roles` lists the roles allowed and the purpose their access is recorded under.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'second_factor_pending' }
  | { kind: 'signed_in' }
  | { kind: 'roles'; roles: readonly Role[]; purpose: Purpose };

export const access = {
  public: { kind: 'public' } as Access,
  secondFactorPending: { kind: 'second_factor_pending' } as Access,
  signedIn: { kind: 'signed_in' } as Access,
  roles: (roles: readonly Role[], purpose: Purpose): Access => ({ kind: 'roles', roles, purpose }),
};

/** Region codes are hierarchical ("03", "03-02", "03-02-05"): a scope covers its descendants. */
export const NATIONAL_SCOPE = '*';

export function coversRegion(scopes: readonly string[], regionCode: string): boolean {
  return scopes.some((s) => s === NATIONAL_SCOPE || regionCode === s || regionCode.startsWith(`${s}-`));
}

export function coversProgram(scopes: readonly string[], programCode: string): boolean {
  return scopes.some((s) => s === NATIONAL_SCOPE || s === programCode);
}
