import { DomainError } from '../../shared/domain-error.ts';
import type { AttributeEntry } from './attribute-definition.ts';

/** A value as stored: booleans and integers as JSON values, decimals and dates as exact strings. */
export type AttributeValue = boolean | number | string;

// numeric(21,6): enough for any income or property value in a high-inflation currency.
const DECIMAL = /^([+-]?)(\d{1,15})(?:[.](\d{1,6}))?$/;
const INTEGER = /^[+-]?\d{1,15}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TRUE_WORDS = new Set(['true', 'yes', 'si', 'sí', 'sim', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'não', 'nao', '0']);

/**
 * Checks a value against its catalogue entry and returns it normalised:
 *
 * - boolean: true/false, or the words true/false, yes/no, sí/no, sim/não, 1/0 (CSV
 *   imports bring text) → boolean.
 * - integer: a safe integer, or its digits as text → number.
 * - decimal: a number or a decimal string with a dot, up to 15 digits and 6
 *   decimals → the canonical exact string ("0012.50" → "12.5", "-0" → "0"). Money is
 *   never a float: give decimals as strings to keep every digit.
 * - date: an ISO calendar date YYYY-MM-DD that exists → the same string.
 * - enum: one of the entry's values (case and surrounding spaces ignored) → the value.
 *
 * Throws DomainError('VALIDATION_FAILED') naming the attribute. Pure.
 */
export function validateAttributeValue(definition: Pick<AttributeEntry, 'key' | 'type' | 'values'>, value: unknown): AttributeValue {
  const fail = (why: string) =>
    new DomainError('VALIDATION_FAILED', `attribute ${definition.key}: ${why}`, { attribute: definition.key, type: definition.type });
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) throw fail('a value is required');

  switch (definition.type) {
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const word = value.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return true;
        if (FALSE_WORDS.has(word)) return false;
      }
      throw fail(`expected true or false, got ${JSON.stringify(value)}`);
    }
    case 'integer': {
      if (typeof value === 'number') {
        if (Number.isSafeInteger(value)) return value;
        throw fail(`expected a whole number, got ${value}`);
      }
      if (typeof value === 'string' && INTEGER.test(value.trim())) {
        const n = Number(value.trim());
        if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
      }
      throw fail(`expected a whole number, got ${JSON.stringify(value)}`);
    }
    case 'decimal': {
      let text: string;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw fail(`expected a decimal number, got ${value}`);
        text = String(value);
      } else if (typeof value === 'string') {
        text = value.trim();
      } else {
        throw fail(`expected a decimal number as text, got ${JSON.stringify(value)}`);
      }
      if (/^[+-]?\d+,\d+$/.test(text)) throw fail(`write decimals with a dot, not a comma: ${JSON.stringify(text)}`);
      const m = DECIMAL.exec(text);
      if (!m) throw fail(`expected a decimal with at most 15 digits before and 6 after the dot, got ${JSON.stringify(value)}`);
      const whole = m[2]!.replace(/^0+(?=\d)/, '');
      const fraction = (m[3] ?? '').replace(/0+$/, '');
      const zero = /^0+$/.test(whole) && fraction === '';
      return `${m[1] === '-' && !zero ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
    }
    case 'date': {
      const text = typeof value === 'string' ? value.trim() : '';
      const m = DATE.exec(text);
      if (m) {
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const date = new Date(Date.UTC(y, mo - 1, d));
        if (y >= 1800 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return text;
      }
      throw fail(`expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
    }
    case 'enum': {
      const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
      if (text !== undefined && definition.values.includes(text)) return text;
      throw fail(`expected one of ${definition.values.join(', ')}, got ${JSON.stringify(value)}`);
    }
  }
}
