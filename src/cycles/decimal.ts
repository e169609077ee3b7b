/**
 * Exact sums of decimal text with bigint, for a preview's totals: the same figures the
 * database computes with `numeric` for a run (cycleTotals), so a preview and the run
 * that follows agree to the cent. Pure.
 */

/** "12.5" at scale 3 → 12500n. Text has at most `scale` decimals. */
export function scaled(text: string, scale: number): bigint {
  const [whole, fraction = ''] = text.split('.') as [string, string?];
  return BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
}

/** 12500n at scale 3 → "12.500". */
export function unscaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** value / 10^places, rounded half away from zero (PostgreSQL's round for numeric). */
export function roundAway(value: bigint, places: number): bigint {
  const divisor = 10n ** BigInt(places);
  const half = divisor / 2n;
  return value >= 0n ? (value + half) / divisor : -((-value + half) / divisor);
}

/** round(quantity × unit price, 2) as text, with the quantity in thousandths and the price as decimal text. */
export function amountOf(quantityThousandths: bigint, pricePerUnit: string): string {
  return unscaled(roundAway(quantityThousandths * scaled(pricePerUnit, 2), 3), 2);
}
