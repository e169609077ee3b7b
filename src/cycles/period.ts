import { DomainError } from '../shared/domain-error.ts';
import type { Frequency } from '../programs/program-kinds.ts';
import { addDays } from '../programs/rule-timeline.ts';

/**
 * A cycle's period and the dates it implies. Monthly and one-off programs run by
 * calendar month ("2026-12"); weekly programs by ISO week ("2026-W49", Monday to
 * Sunday). The reference date — the date the rule in force is taken from and ages are
 * counted on — is the first day; entitlements are valid from the first to the last day.
 * Pure; dates are YYYY-MM-DD.
 */
export interface Period {
  period: string;
  referenceDate: string;
  validFrom: string;
  validUntil: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK = /^(\d{4})-W(0[1-9]|[1-4][0-9]|5[0-3])$/;

export function parsePeriod(text: string, frequency: Frequency): Period {
  if (frequency === 'weekly') {
    const week = WEEK.exec(text);
    if (!week) throw periodError(text, 'a weekly program runs by ISO week, such as 2026-W49');
    const year = Number(week[1]);
    const number = Number(week[2]);
    if (number > isoWeeksIn(year)) throw periodError(text, `${year} has ${isoWeeksIn(year)} ISO weeks`);
    const validFrom = addDays(isoWeekOneMonday(year), (number - 1) * 7);
    return { period: text, referenceDate: validFrom, validFrom, validUntil: addDays(validFrom, 6) };
  }
  const month = MONTH.exec(text);
  if (!month) throw periodError(text, `a ${frequency === 'one_off' ? 'one-off' : 'monthly'} program runs by calendar month, such as 2026-12`);
  const [y, m] = [Number(month[1]), Number(month[2])];
  const validFrom = `${month[1]}-${month[2]}-01`;
  const validUntil = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { period: text, referenceDate: validFrom, validFrom, validUntil };
}

/** The period that contains a date, for a frequency: what "this cycle" means today. */
export function periodContaining(date: string, frequency: Frequency): string {
  if (frequency !== 'weekly') return date.slice(0, 7);
  const d = new Date(`${date}T00:00:00Z`);
  // ISO: the week belongs to the year of its Thursday.
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.round((thursday.getTime() - Date.parse(`${isoWeekOneMonday(year)}T00:00:00Z`) - 3 * 86_400_000) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function isoWeekOneMonday(year: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7));
}

function isoWeeksIn(year: number): number {
  const days = (Date.parse(`${isoWeekOneMonday(year + 1)}T00:00:00Z`) - Date.parse(`${isoWeekOneMonday(year)}T00:00:00Z`)) / 86_400_000;
  return days / 7;
}

const periodError = (text: string, hint: string) => new DomainError('VALIDATION_FAILED', `"${text}" is not a period: ${hint}`, { field: 'period' });
