/**
 * An amount the API sends as a decimal string ("3200000000000.00"), written with the
 * locale's grouping and decimal signs without ever becoming a JavaScript number: the
 * digits shown are the digits published. Only the separators come from Intl. Pure.
 */
export function moneyText(amount: string, locale: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) return amount; // not an amount as the API writes them: shown as it came
  const [, whole = '', fraction] = match;
  const { group, decimal, minimumGrouping } = separatorsOf(locale);
  const grouped = whole.length < 4 + (minimumGrouping - 1) ? whole : groupDigits(whole, group);
  return fraction === undefined ? grouped : `${grouped}${decimal}${fraction}`;
}

interface Separators {
  group: string;
  decimal: string;
  /** 2 where the locale writes 1000 without a separator but 10 000 with one (Spanish does). */
  minimumGrouping: number;
}

const cache = new Map<string, Separators>();

function separatorsOf(locale: string): Separators {
  let found = cache.get(locale);
  if (!found) {
    let format: Intl.NumberFormat;
    try {
      format = new Intl.NumberFormat(locale);
    } catch {
      format = new Intl.NumberFormat('en');
    }
    const parts = format.formatToParts(12345.6);
    const group = parts.find((p) => p.type === 'group')?.value ?? ',';
    const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
    const minimumGrouping = format.formatToParts(1000).some((p) => p.type === 'group') ? 1 : 2;
    found = { group, decimal, minimumGrouping };
    cache.set(locale, found);
  }
  return found;
}

function groupDigits(digits: string, group: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(group);
}
