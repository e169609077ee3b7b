import { Environment } from '@marcbachmann/cel-js';

/**
 * The CEL environment every rule is parsed and run in: the three fact roots as maps,
 * and the helper functions the language adds to CEL. Which CEL features a rule may use
 * is decided by check-rule.ts on the parsed tree (the allow-list); this environment
 * only has to run what passed. Built once per process: building one is the expensive
 * part, running a parsed rule is not.
 *
 * Limits keep a published rule readable and its evaluation bounded: no loops exist in
 * the allowed subset, so a rule's cost is linear in its size.
 */

export const RULE_SOURCE_MAX = 2000;

export const RULE_LIMITS = {
  maxAstNodes: 400,
  maxDepth: 32,
  maxListElements: 100,
  maxMapEntries: 1,
  maxCallArguments: 4,
} as const;

const TIMESTAMP = 'google.protobuf.Timestamp';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` as a Date at UTC midnight, or undefined if it does not exist. */
export function parseRuleDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

/** Completed years from `from` to `to` (negative when `to` is earlier). */
export function completedYears(from: Date, to: Date): number {
  if (to < from) return -completedYears(to, from);
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const before = to.getUTCMonth() < from.getUTCMonth() || (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  if (before) years -= 1;
  return years;
}

const DAY_MS = 86_400_000;

/**
 * The functions a rule may call besides CEL's own `has`, `int` and `double`, with their
 * signatures and meaning; check-rule.ts reads this list for its allow-list and its
 * messages, the README documents it.
 */
export const RULE_FUNCTIONS = {
  min: 'min(a, b): the smaller of two numbers of the same type',
  max: 'max(a, b): the larger of two numbers of the same type',
  date: 'date("YYYY-MM-DD"): a calendar date, written as a literal',
  years_between: 'years_between(from, to): completed years between two dates',
  days_between: 'days_between(from, to): days between two dates',
  in_region: 'in_region(household.region, "CODE"): the region is CODE or a division below it',
  has: 'has(person.x): whether a value that may be missing is recorded',
  int: 'int(x): a decimal truncated to a whole number',
  double: 'double(x): a whole number as a decimal',
} as const;
export type RuleFunction = keyof typeof RULE_FUNCTIONS;

const fail = (message: string): never => {
  throw new Error(message);
};

export const ruleEnvironment = new Environment({ limits: RULE_LIMITS, homogeneousAggregateLiterals: true })
  .registerVariable('person', 'map')
  .registerVariable('household', 'map')
  .registerVariable('cycle', 'map')
  .registerFunction('min(int, int): int', (a: bigint, b: bigint) => (a < b ? a : b))
  .registerFunction('min(double, double): double', (a: number, b: number) => Math.min(a, b))
  .registerFunction('max(int, int): int', (a: bigint, b: bigint) => (a > b ? a : b))
  .registerFunction('max(double, double): double', (a: number, b: number) => Math.max(a, b))
  .registerFunction(`date(string): ${TIMESTAMP}`, (text: string) => parseRuleDate(text) ?? fail(`date("${text}") is not a calendar date YYYY-MM-DD`))
  .registerFunction(`years_between(${TIMESTAMP}, ${TIMESTAMP}): int`, (from: Date, to: Date) => BigInt(completedYears(from, to)))
  .registerFunction(`days_between(${TIMESTAMP}, ${TIMESTAMP}): int`, (from: Date, to: Date) => BigInt(Math.round((to.getTime() - from.getTime()) / DAY_MS)))
  .registerFunction('in_region(string, string): bool', (region: string, code: string) => region === code || region.startsWith(`${code}-`));
