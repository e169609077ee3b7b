import { moneyText } from '../money-text.ts';

/**
 * A quantity the API sends as a decimal string ("1250.000" boxes, "40.5" litres),
 * written with the locale's separators and without the zeros its scale pads it with:
 * "1,250" boxes, "40.5" litres. Text in, text out: never a JavaScript number. Pure.
 */
export function quantityText(quantity: string, locale: string): string {
  const trimmed = /^\d+\.\d+$/.test(quantity) ? quantity.replace(/0+$/, '').replace(/\.$/, '') : quantity;
  return moneyText(trimmed, locale);
}
