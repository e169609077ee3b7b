import type { ProgramFrequency } from '../../api/contracts.ts';

/**
 * The period a program manager most likely prepares next: the next calendar month for
 * monthly and one-off programs ("2026-12"), the next ISO week for weekly ones
 * ("2026-W49", Monday to Sunday; the week belongs to the year of its Thursday), as
 * src/cycles/period.ts reads them. Pure; `today` is a UTC day, YYYY-MM-DD.
 */
export function nextPeriod(frequency: ProgramFrequency, today: string): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  if (frequency !== 'weekly') {
    const next = new Date(Date.UTC(year, month, 1)); // month is 1-based: this is the 1st of the next month
    return `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  return isoWeekOf(new Date(Date.UTC(year, month - 1, day + 7)));
}

/** "YYYY-Www" of the ISO week holding a UTC day. */
export function isoWeekOf(date: Date): string {
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - weekday + 3));
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(4 - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Today as a UTC day, as the server counts periods and rule dates. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** What a period looks like for a frequency, for the input's hint and pattern. */
export const PERIOD_PATTERN: Record<ProgramFrequency, string> = {
  monthly: '\\d{4}-(0[1-9]|1[0-2])',
  one_off: '\\d{4}-(0[1-9]|1[0-2])',
  weekly: '\\d{4}-W(0[1-9]|[1-4][0-9]|5[0-3])',
};
