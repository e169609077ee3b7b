import type { ParseKeys, TFunction } from 'i18next';
import en from './en.json' with { type: 'json' };

/** Catalogue sections that translate a value the server stores as text. */
type Section = 'roles' | 'actorRoles' | 'purposes' | 'actions' | 'outcomes' | 'subjects';

/**
 * The translation of a stored value, or the value itself when the catalogue does not
 * know it (an entry written by a newer version, say): an auditor must still see it.
 */
export function enumLabel(t: TFunction, section: Section, value: string): string {
  return Object.hasOwn(en[section], value) ? t(`${section}.${value}` as ParseKeys) : value;
}

/** A role as stored in an audit entry: an official's role, or "system" / "none". */
export const actorRoleLabel = (t: TFunction, role: string) =>
  Object.hasOwn(en.roles, role) ? enumLabel(t, 'roles', role) : enumLabel(t, 'actorRoles', role);

/** The audit actions the catalogue names; `tsc` checks it names every one the server has. */
export const AUDIT_ACTIONS = Object.keys(en.actions) as (keyof typeof en.actions)[];
