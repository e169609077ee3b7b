import type { AuditAction, AuditQuery } from '../api/contracts.ts';
import { AUDIT_ACTIONS } from '../i18n/enum-label.ts';

/** The audit log's filter as the form holds it; kept in the page's URL so reload and Back keep it. */
export interface AuditFilter {
  actor: string;
  action: AuditAction | '';
  /** Calendar dates (YYYY-MM-DD) in the official's own time zone; `to` is inclusive. */
  from: string;
  to: string;
}

export const EMPTY_FILTER: AuditFilter = { actor: '', action: '', from: '', to: '' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as string[]).includes(value);

export function filterFromSearch(search: URLSearchParams): AuditFilter {
  const action = search.get('action') ?? '';
  const date = (key: string) => {
    const value = search.get(key) ?? '';
    return DATE.test(value) ? value : '';
  };
  return { actor: (search.get('actor') ?? '').trim(), action: isAction(action) ? action : '', from: date('from'), to: date('to') };
}

export function searchFromFilter(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API query: local calendar days become instants; the server's `to` is exclusive. */
export function queryFromFilter(filter: AuditFilter): AuditQuery {
  return {
    ...(filter.actor ? { actor: filter.actor.toLowerCase() } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from ? { from: startOfLocalDay(filter.from, 0) } : {}),
    ...(filter.to ? { to: startOfLocalDay(filter.to, 1) } : {}),
  };
}

function startOfLocalDay(date: string, plusDays: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day + plusDays).toISOString();
}
