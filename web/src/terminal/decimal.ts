/**
 * Exact decimal text for the terminal: quantities ("12.500", three places at most) and
 * money ("1500.00", two places), as the API sends them, computed as scaled bigint and
 * never as JavaScript numbers. Pure.
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "12.5" at scale 3 → 12500n; undefined for text that is not a plain non-negative decimal or has more places. */
export function toScaled(text: string, scale: number): bigint | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > scale) return undefined;
  return BigInt(match[1]!) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0').slice(0, scale) || '0');
}

/** 12500n at scale 3 → "12.5"; trailing zeros of the fraction dropped ("1", not "1.000"). */
export function fromScaled(value: bigint, scale: number): string {
  const unit = 10n ** BigInt(scale);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const fraction = scale === 0 ? '' : String(abs % unit).padStart(scale, '0').replace(/0+$/, '');
  return `${sign}${abs / unit}${fraction ? `.${fraction}` : ''}`;
}

export const QUANTITY_SCALE = 3;
const MONEY_SCALE = 2;

export const quantityOf = (text: string) => toScaled(text, QUANTITY_SCALE);
export const quantityText = (value: bigint) => fromScaled(value, QUANTITY_SCALE);

/** A quantity as a person reads it: "1.000" → "1", "12.500" → "12.5"; other text as it came. */
export function plainQuantity(text: string): string {
  const value = quantityOf(text);
  return value === undefined ? text : quantityText(value);
}

/** a − b for quantities; throws RangeError for text that is not a quantity (the API never sends one). */
export function subtractQuantity(a: string, b: string): string {
  return quantityText(mustQuantity(a) - mustQuantity(b));
}

export function compareQuantity(a: string, b: string): number {
  const d = mustQuantity(a) - mustQuantity(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

function mustQuantity(text: string): bigint {
  const value = quantityOf(text);
  if (value === undefined) throw new RangeError(`not a quantity: ${text}`);
  return value;
}

/**
 * quantity × price per unit, in money with two places ("3" × "1.50" → "4.50"); half a
 * cent or more rounds up. The server computes the same and its receipt is what counts.
 */
export function priceOf(quantity: string, pricePerUnit: string): string {
  const product = mustQuantity(quantity) * toScaledMoney(pricePerUnit); // scale 3 + 2
  const cents = (product + 500n) / 1000n;
  const whole = cents / 100n;
  return `${whole}.${String(cents % 100n).padStart(2, '0')}`;
}

function toScaledMoney(text: string): bigint {
  const value = toScaled(text, MONEY_SCALE);
  if (value === undefined) throw new RangeError(`not an amount: ${text}`);
  return value;
}

export const isZeroMoney = (amount: string) => toScaled(amount, 6) === 0n;
