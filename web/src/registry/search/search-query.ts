import type { SearchQuery } from '../../api/contracts.ts';

/** The search form as it is held, and kept in the page's URL so that Back returns to the results. */
export interface SearchForm {
  name: string;
  /** YYYY-MM-DD, or '' */
  birthDate: string;
  /** Four digits, or '' */
  birthYear: string;
  regionCode: string;
  document: string;
  /** A card number as typed (dashes, spaces and lower case are fine) */
  card: string;
}

export const EMPTY_SEARCH: SearchForm = { name: '', birthDate: '', birthYear: '', regionCode: '', document: '', card: '' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;
const KEYS = ['name', 'birthDate', 'birthYear', 'regionCode', 'document', 'card'] as const;

export function formFromSearch(search: URLSearchParams): SearchForm {
  const get = (k: string) => (search.get(k) ?? '').trim();
  return {
    name: get('name').slice(0, 200),
    birthDate: DATE.test(get('birthDate')) ? get('birthDate') : '',
    birthYear: YEAR.test(get('birthYear')) ? get('birthYear') : '',
    regionCode: get('regionCode').slice(0, 20),
    document: get('document').slice(0, 20),
    card: get('card').slice(0, 40),
  };
}

export function searchFromForm(form: SearchForm): string {
  const params = new URLSearchParams();
  for (const k of KEYS) if (form[k].trim()) params.set(k, form[k].trim());
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when the form asks something: a region alone would list people by place, which the search is not for. */
export const asksSomething = (form: SearchForm) => Boolean(form.name.trim() || form.birthDate || form.birthYear || form.document.trim() || form.card.trim());

/** A card number names one person, so it is asked alone; a full date wins over a year: it says more. */
export function queryFromForm(form: SearchForm): SearchQuery {
  if (form.card.trim()) return { card: form.card.trim() };
  return {
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    ...(form.birthDate ? { birthDate: form.birthDate } : form.birthYear ? { birthYear: Number(form.birthYear) } : {}),
    ...(form.regionCode ? { regionCode: form.regionCode } : {}),
    ...(form.document.trim() ? { document: form.document.trim() } : {}),
  };
}
