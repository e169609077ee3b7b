/** The quantity an agent types for a partial pickup. Pure. */
import { compareQuantity, quantityOf } from './decimal.ts';

/** A typed quantity as the API writes it: a decimal comma (Spanish) becomes a point. */
export const normaliseQuantity = (typed: string) => typed.trim().replace(',', '.');

/** A typed quantity that may be handed over: more than 0, at most what is left, three places at most. */
export function quantityProblem(typed: string, remaining: string): 'format' | 'zero' | 'tooMuch' | undefined {
  const value = quantityOf(normaliseQuantity(typed));
  if (value === undefined) return 'format';
  if (value === 0n) return 'zero';
  return compareQuantity(normaliseQuantity(typed), remaining) > 0 ? 'tooMuch' : undefined;
}
