import type { BirthDate } from './types.ts';

/**
 * How two birth dates agree:
 * - `exact`: the same day (both known to the day);
 * - `day_month_swapped`: the same year with day and month exchanged (12/03 typed as 03/12);
 * - `year_only_match`: one or both sides know only the year, and it is the same;
 * - `year_typo`: the same day and month, and years one apart (1989 → 1990, an age
 *   turned into a year) or one digit apart (1985 → 1995, 1985 → 1958);
 * - `one_digit_typo`: the digits YYYYMMDD differ elsewhere by one digit, or by two
 *   neighbouring digits exchanged (12 → 21), also after exchanging day and month; with
 *   a year-only date, the years differ by one digit;
 * - `within_one_year`: at most a year apart (a declared, approximate date; or a mistake);
 * - `different`: anything else.
 */
export type BirthDateAgreement =
  | 'exact'
  | 'day_month_swapped'
  | 'year_only_match'
  | 'year_typo'
  | 'one_digit_typo'
  | 'within_one_year'
  | 'different';

export interface BirthDateComparison {
  agreement: BirthDateAgreement;
  /** Bits of evidence (log2 likelihood ratio) that the two records are the same person. */
  weight: number;
}

/**
 * Weights in bits. A full date shared by chance is rare (about 1 in 20 000 pairs), so
 * `exact` is strong, and so are the slips that keep day and month (a swap, a year one
 * off): namesakes seldom share a day and month. A slip of one digit in the day or the
 * month is weak: about one namesake in ten born the same year is one digit away by
 * chance. A year shared with a year-only date is weak: siblings, cousins and
 * namesakes share years. Two full dates less than a year apart that are not a typing
 * slip are far more often two namesakes than one person. `different` is strong
 * because it is what separates a father from his son of the same name.
 */
export const BIRTH_DATE_WEIGHTS = {
  day: { exact: 6, day_month_swapped: 4.5, year_typo: 4.5, one_digit_typo: 1.5, within_one_year: -4, different: -8 },
  year: { year_only_match: 2, one_digit_typo: 0.5, within_one_year: 0.5, different: -6 },
} as const;

const DATE = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/;

interface Parsed {
  year: number;
  month: number;
  day: number;
  digits: string;
  precision: 'day' | 'year';
}

function parse(date: BirthDate): Parsed | null {
  const m = DATE.exec(date.value.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01'] = m;
  const precision = date.precision === 'day' && m[2] !== undefined ? 'day' : 'year';
  return { year: Number(y), month: Number(mo), day: Number(d), digits: `${y}${mo}${d}`, precision };
}

/**
 * Compares two declared birth dates; null when either is missing or not of the form
 * `YYYY-MM-DD` (no evidence either way). Symmetric. Never throws.
 */
export function compareBirthDates(a: BirthDate | null, b: BirthDate | null): BirthDateComparison | null {
  const x = a && parse(a);
  const y = b && parse(b);
  if (!x || !y) return null;
  if (x.precision === 'day' && y.precision === 'day') {
    const w = BIRTH_DATE_WEIGHTS.day;
    if (x.digits === y.digits) return { agreement: 'exact', weight: w.exact };
    if (x.year === y.year && x.month === y.day && x.day === y.month) return { agreement: 'day_month_swapped', weight: w.day_month_swapped };
    if (x.month === y.month && x.day === y.day && (Math.abs(x.year - y.year) === 1 || isOneSlip(String(x.year), String(y.year)))) {
      return { agreement: 'year_typo', weight: w.year_typo };
    }
    if (isOneSlip(x.digits, y.digits) || isSlipOfSwapped(x, y)) return { agreement: 'one_digit_typo', weight: w.one_digit_typo };
    if (Math.abs(dayNumber(x) - dayNumber(y)) <= 366) return { agreement: 'within_one_year', weight: w.within_one_year };
    return { agreement: 'different', weight: w.different };
  }
  const w = BIRTH_DATE_WEIGHTS.year;
  if (x.year === y.year) return { agreement: 'year_only_match', weight: w.year_only_match };
  if (Math.abs(x.year - y.year) === 1) return { agreement: 'within_one_year', weight: w.within_one_year };
  if (isOneSlip(String(x.year), String(y.year))) return { agreement: 'one_digit_typo', weight: w.one_digit_typo };
  return { agreement: 'different', weight: w.different };
}

/** One digit replaced, or two neighbouring digits exchanged, in strings of equal length. */
function isOneSlip(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  if (diff.length === 1) return true;
  if (diff.length !== 2) return false;
  const [i, j] = diff as [number, number];
  return j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/** Day and month exchanged and one digit mistyped: two slips, but both of the commonest kind. */
function isSlipOfSwapped(x: Parsed, y: Parsed): boolean {
  const swapped = `${String(y.year).padStart(4, '0')}${String(y.day).padStart(2, '0')}${String(y.month).padStart(2, '0')}`;
  return y.day <= 12 && isOneSlip(x.digits, swapped);
}

function dayNumber(d: Parsed): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}
