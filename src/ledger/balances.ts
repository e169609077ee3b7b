import type { Db } from '../db/database.ts';
import { DomainError } from '../shared/domain-error.ts';
import { toCents } from './amounts.ts';
import { isPointCode, isProgramCode, parseAccountPrefix } from './chart.ts';
import { isUuid } from './posting-request.ts';
import { sumBalances, sumByCurrency, type BalanceRow, type LineFilter } from './store.ts';

export interface BalanceFilter {
  /** Whole segments of an account code: "point:PDA-AN-01" is every account of that point. */
  accountPrefix?: string;
  /** Only postings made at this point, for this program, in this cycle (by their references). */
  point?: string;
  program?: string;
  /** A cycle id. */
  cycle?: string;
  /** Only postings effective at or before this time. */
  asOf?: Date;
}

/**
 * Debits and credits of an account in a currency, and its balance in the direction
 * the account grows: debits − credits for asset and expense accounts, credits − debits
 * for income and liability ones. Decimal strings, exact.
 */
export type AccountBalance = BalanceRow;

const invalid = (field: string, message: string) => new DomainError('VALIDATION_FAILED', `${field} ${message}`, { field });

export function checkLineFilter(f: BalanceFilter): LineFilter {
  if (typeof f !== 'object' || f === null) throw invalid('filter', 'must be an object');
  if (f.point !== undefined && (typeof f.point !== 'string' || !isPointCode(f.point))) throw invalid('point', 'must be a distribution point code');
  if (f.program !== undefined && (typeof f.program !== 'string' || !isProgramCode(f.program))) throw invalid('program', 'must be a program code');
  if (f.cycle !== undefined && !isUuid(f.cycle)) throw invalid('cycle', 'must be a cycle id');
  if (f.asOf !== undefined && (!(f.asOf instanceof Date) || Number.isNaN(f.asOf.getTime()))) throw invalid('asOf', 'must be a valid time');
  return {
    accountPrefix: f.accountPrefix === undefined ? undefined : parseAccountPrefix(f.accountPrefix, 'accountPrefix'),
    point: f.point,
    program: f.program,
    cycleId: f.cycle?.toLowerCase(),
    asOf: f.asOf,
  };
}

/**
 * The balance of every account the filter reaches, derived from the lines at the
 * moment of the call (nothing stored can drift from them), ordered by account and
 * currency. By point and cycle it is what a reconciliation compares: the cash and
 * mobile payments collected at the point in that cycle, net of reversals.
 */
export async function balances(db: Db, filter: BalanceFilter = {}): Promise<AccountBalance[]> {
  return sumBalances(db, checkLineFilter(filter));
}

export interface CurrencyTotals {
  currency: string;
  debits: string;
  credits: string;
  postings: number;
}

export interface TrialBalance {
  currencies: CurrencyTotals[];
  /** Debits equal credits in every currency: what the database guarantees for each posting. */
  balanced: boolean;
}

/** Total debits against total credits in each currency, over the whole journal (up to a time). */
export async function trialBalance(db: Db, options: { asOf?: Date } = {}): Promise<TrialBalance> {
  const { asOf } = checkLineFilter({ ...(options.asOf ? { asOf: options.asOf } : {}) });
  const currencies = await sumByCurrency(db, asOf);
  return { currencies, balanced: currencies.every((c) => toCents(c.debits) === toCents(c.credits)) };
}

