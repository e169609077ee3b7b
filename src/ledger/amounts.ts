import { DomainError } from '../shared/domain-error.ts';
import { isZeroMoney, parseMoney } from '../programs/money.ts';

/**
 * Ledger amounts: decimal strings with two places ("12.50"), as the database stores
 * and returns them, never JavaScript numbers. Sums in the service are done in whole
 * cents as bigint, which is exact at any size, exactly as `numeric` sums them. Pure.
 */

/** Up to 9,999,999,999,999,999.99 on one line (the migration's bound). */
export const AMOUNT_DIGITS = 16;

/** A positive amount in canonical form ("5" → "5.00"). Throws VALIDATION_FAILED naming the field. */
export function parseAmount(value: unknown, field: string): string {
  const canonical = parseMoney(value, field, AMOUNT_DIGITS);
  if (isZeroMoney(canonical)) throw new DomainError('VALIDATION_FAILED', `${field} must be more than 0.00: a line moves money`, { field });
  return canonical;
}

/** "12.50" → 1250n. Takes a canonical or database amount, signed or not. */
export function toCents(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new RangeError(`not a decimal amount: ${amount}`);
  const cents = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** 1250n → "12.50"; -5n → "-0.05". */
export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
