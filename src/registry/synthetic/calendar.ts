/**
 * Dates as day numbers (days since 1970-01-01, proleptic Gregorian, no time zone).
 * The generator does all its arithmetic on these integers and formats ISO text at
 * the end; integer arithmetic (Howard Hinnant's civil-date algorithms) avoids
 * allocating a Date for each of millions of persons and cannot drift with the
 * machine's time zone.
 */

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilDate(dayNo: number): CivilDate {
  const z = dayNo + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function isoDate({ year, month, day }: CivilDate): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Parses `YYYY-MM-DD` strictly (a real calendar date) into a day number, or returns undefined. */
export function parseIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = dayNumber(year, month, day);
  const back = civilDate(n);
  return back.year === year && back.month === month && back.day === day ? n : undefined;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Age in completed years on a given day, as a registrar would count it. */
export function ageOn(birth: number, on: number): number {
  const b = civilDate(birth);
  const t = civilDate(on);
  return t.year - b.year - (t.month < b.month || (t.month === b.month && t.day < b.day) ? 1 : 0);
}

/**
 * Day spans that are safe whatever the calendar: 18 calendar years are at most
 * 18·365 + 5 leap days, so a gap of MIN_PARENT_GAP days is always ≥ 18 years; 45
 * calendar years are at least 45·365 + 10 days, so MAX_PARENT_GAP is always < 45.
 */
export const MIN_PARENT_GAP_DAYS = 18 * 365 + 5;
export const MAX_PARENT_GAP_DAYS = 45 * 365 - 1;

/** Days in `years` years, on average (for drawing ages, where a day either way is irrelevant). */
export const yearsInDays = (years: number) => Math.round(years * 365.2425);
