import { DomainError } from '../shared/domain-error.ts';

/**
 * Money as decimal strings ("12.50"), never JavaScript numbers: a binary float cannot
 * hold 0.10 exactly, and sums of prices and budgets must be exact. The database holds
 * `numeric` and hands it back as the same text. Pure.
 */

/** numeric(14,2): a price per unit, up to 999,999,999,999.99. */
export const PRICE_DIGITS = 12;
/** numeric(16,2): a budget per cycle, up to 99,999,999,999,999.99. */
export const BUDGET_DIGITS = 14;

/** Whole part without leading zeros, at most `digits` digits; at most two decimals; never negative. */
export const moneyPattern = (digits: number) => new RegExp(`^(?:0|[1-9][0-9]{0,${digits - 1}})(?:\\.[0-9]{1,2})?$`);

const patterns = new Map<number, RegExp>();

/**
 * The canonical form of an amount, with exactly two decimals ("12.5" → "12.50"), as
 * the database returns it. Throws VALIDATION_FAILED naming the field.
 */
export function parseMoney(value: unknown, field: string, digits: number): string {
  let pattern = patterns.get(digits);
  if (!pattern) patterns.set(digits, (pattern = moneyPattern(digits)));
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be an amount written as text with at most two decimals and ${digits} digits before the point, such as "12.50"`, { field });
  }
  const [whole, fraction = ''] = value.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

export const isZeroMoney = (canonical: string) => /^0\.00$/.test(canonical);
