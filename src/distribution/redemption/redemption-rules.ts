import { amountOf, scaled, unscaled } from '../../cycles/decimal.ts';
import { PAYMENT_REFERENCE_PATTERN } from '../../ledger/posting-request.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { RedemptionRecord } from '../protocol/terminal-protocol.ts';
import type { ConflictReason } from '../conflicts/tables.ts';

/**
 * The rules of one pickup, pure: how much may be taken, what it costs, how it is paid.
 * Quantities are decimal text with up to three places (numeric(16,3)), handled as
 * thousandths in bigint; money as cents.
 */

const QUANTITY = /^(?:0|[1-9][0-9]{0,12})(?:\.[0-9]{1,3})?$/;
const AMOUNT = /^(?:0|[1-9][0-9]{0,13})(?:\.[0-9]{1,2})?$/;

/** "12.5" → 12500n thousandths. Throws VALIDATION_FAILED for anything but a positive decimal with at most three places. */
export function parseQuantity(text: string): bigint {
  if (!QUANTITY.test(text) || scaled(text, 3) === 0n) {
    throw new DomainError('VALIDATION_FAILED', `quantity "${text}" must be a positive decimal with at most three places, such as "1" or "12.500"`, { field: 'record.quantity' });
  }
  return scaled(text, 3);
}

export const quantityText = (thousandths: bigint) => unscaled(thousandths, 3);

/**
 * The price of a pickup: quantity × price per unit, exact, rounded to the cent half up
 * (half away from zero: the same as PostgreSQL's round() on numeric, and as the cycle's
 * totals). 2.5 litres at 0.45 is 1.125 → "1.13".
 */
export const priceOf = (quantityThousandths: bigint, pricePerUnit: string) => amountOf(quantityThousandths, pricePerUnit);

export interface Availability {
  partialPickups: boolean;
  /** The entitlement's quantity, thousandths. */
  entitled: bigint;
  /** What earlier pickups took, thousandths. */
  taken: bigint;
}

/**
 * Whether `wanted` may be taken now: a program without partial pickups is collected
 * whole and once; with them, any quantity up to what is left. Returns what is left
 * after it, or why not.
 */
export function takeFrom(
  a: Availability,
  wanted: bigint,
): { ok: true; remaining: bigint } | { ok: false; reason: Extract<ConflictReason, 'already_redeemed' | 'exceeds_remaining'> | 'not_whole'; left: bigint } {
  const left = a.entitled - a.taken;
  if (left <= 0n) return { ok: false, reason: 'already_redeemed', left: 0n };
  if (!a.partialPickups) {
    if (a.taken > 0n) return { ok: false, reason: 'already_redeemed', left };
    if (wanted !== a.entitled) return { ok: false, reason: 'not_whole', left };
    return { ok: true, remaining: 0n };
  }
  if (wanted > left) return { ok: false, reason: 'exceeds_remaining', left };
  return { ok: true, remaining: left - wanted };
}

/** The payment's amount in canonical form ("25000.00"); VALIDATION_FAILED unless it is decimal text with at most two places. */
export function paymentAmount(payment: RedemptionRecord['payment']): string {
  if (!AMOUNT.test(payment.amount)) {
    throw new DomainError('VALIDATION_FAILED', `payment.amount "${payment.amount}" must be a decimal amount as text with at most two places`, { field: 'record.payment.amount' });
  }
  const [whole, fraction = ''] = payment.amount.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/**
 * Checks the payment against the price: the amount must be exactly the price (else
 * PRICE_MISMATCH with both), 'none' only for a price of 0 and never otherwise, a mobile
 * payment needs the network's reference, cash carries none; the currency is the
 * program's. Returns the amount in canonical form ("25000.00").
 */
export function checkPayment(payment: RedemptionRecord['payment'], price: string, currency: string): string {
  const amount = paymentAmount(payment);
  if (payment.currency !== currency) {
    throw new DomainError('VALIDATION_FAILED', `payment.currency must be the program's currency, ${currency}`, { field: 'record.payment.currency', expected: currency });
  }
  if (amount !== price) throw new DomainError('PRICE_MISMATCH', `the amount taken, ${amount} ${currency}, is not the price, ${price} ${currency}`, { expected: price, given: amount, currency });
  const free = price === '0.00';
  if (free !== (payment.method === 'none')) {
    throw new DomainError('VALIDATION_FAILED', free ? 'nothing is paid for this benefit: payment.method must be "none"' : 'a price is paid: payment.method must be "cash" or "mobile"', { field: 'record.payment.method' });
  }
  if (payment.method === 'mobile') {
    if (!payment.reference || !PAYMENT_REFERENCE_PATTERN.test(payment.reference)) {
      throw new DomainError('VALIDATION_FAILED', "a mobile payment needs the payment network's reference (letters, digits, . _ / -; no spaces or +)", { field: 'record.payment.reference' });
    }
  } else if (payment.reference !== undefined) {
    throw new DomainError('VALIDATION_FAILED', 'only a mobile payment carries a reference', { field: 'record.payment.reference' });
  }
  return amount;
}
