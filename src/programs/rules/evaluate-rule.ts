import type { CompiledRule, RuleFacts } from './compiled-rule.ts';

/**
 * Running a compiled rule, and explaining a decision clause by clause.
 *
 * Missing values (README "Missing values"): a value that is not recorded is absent from
 * the facts. Reading it makes the smallest enclosing part of the rule that depends on
 * it unknown, with CEL's rules for `&&` and `||` (an unknown operand does not matter
 * when the other one decides: `false && ?` is false, `true || ?` is true). A rule whose
 * result is still unknown at the top is not met: eligibility false, quantity 0. So a
 * person is never found eligible because of a value nobody recorded, and a value that
 * could not have changed the result does not stop a decision.
 *
 * The same holds for anything else that stops a computation (a division by zero, an
 * overflow): neither function ever throws.
 */

export type RuleValue = boolean | number;

/**
 * The decision for one household or person: a boolean for an eligibility rule, a
 * number ≥ 0 for a quantity rule (a negative or non-finite quantity counts as 0).
 * Never throws; compile once with checkRule, call this as often as needed.
 */
export function evaluate(compiled: CompiledRule, facts: RuleFacts): RuleValue {
  let value: unknown;
  // A value that is not recorded surfaces as an exception inside CEL; its stack trace
  // is never read, and skipping it halves the cost of a decision with missing data.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    value = compiled.run(facts);
  } catch {
    return compiled.kind === 'eligibility' ? false : 0;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (compiled.kind === 'eligibility') return value === true;
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * A quantity rule's number for a decision, or undefined when it could not be computed
 * (a value not recorded, a division by zero, not a finite number). A result at or below
 * 0 is returned as it is: the caller decides that nothing is due. Never throws.
 */
export function computeQuantity(compiled: CompiledRule, facts: RuleFacts): number | undefined {
  let value: unknown;
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    value = compiled.run(facts);
  } catch {
    return undefined;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The values of the given facts as an explanation shows them (null: not recorded): what a cycle records with a decision. */
export function shownFacts(facts: RuleFacts, paths: readonly string[]): Record<string, ShownValue> {
  const shown: Record<string, ShownValue> = {};
  for (const path of paths) shown[path] = show(factAt(facts, path));
  return shown;
}

/** A fact value as an explanation shows it: dates as YYYY-MM-DD, whole numbers as numbers; null when not recorded. */
export type ShownValue = boolean | number | string | null;

export interface ClauseExplanation {
  /** The clause as written in the rule. */
  text: string;
  /** Its value in the decision: false (or 0) when it could not be computed. */
  value: RuleValue;
  /** The facts it read, with their values (null: not recorded). */
  facts: { path: string; value: ShownValue }[];
  /** The facts it needed that are not recorded. */
  notRecorded: string[];
  /** Why the clause could not be computed, when it could not. */
  problem?: string;
}

export interface RuleExplanation {
  /** Exactly what `evaluate` returns for the same facts. */
  result: RuleValue;
  join: CompiledRule['join'];
  clauses: ClauseExplanation[];
  /** Set when the result had to be settled: a quantity that was negative or not a number. */
  note?: string;
}

/**
 * The decision with each clause of the rule's top-level `&&` / `||` chain, its value
 * and the facts it read, for the console and the person concerned. Never throws.
 */
export function explain(compiled: CompiledRule, facts: RuleFacts): RuleExplanation {
  const clauses = compiled.clauses.map((clause): ClauseExplanation => {
    const read = clause.references.map((path) => ({ path, value: show(factAt(facts, path)) }));
    const notRecorded = read.filter((f) => f.value === null).map((f) => f.path);
    let raw: unknown;
    let failure: string | undefined;
    try {
      raw = clause.run(facts);
    } catch (error) {
      failure = notRecorded.length ? `not recorded: ${notRecorded.join(', ')}` : `could not be computed: ${reason(error)}`;
    }
    const value: RuleValue =
      compiled.kind === 'eligibility' ? raw === true : typeof raw === 'bigint' ? Number(raw) : typeof raw === 'number' && Number.isFinite(raw) ? raw : 0;
    const explained: ClauseExplanation = { text: clause.text, value, facts: read, notRecorded };
    if (failure) explained.problem = failure;
    return explained;
  });

  const result = evaluate(compiled, facts);
  const explanation: RuleExplanation = { result, join: compiled.join, clauses };
  if (compiled.kind === 'quantity' && compiled.clauses.length === 1) {
    const computed = clauses[0]!.value;
    if (!clauses[0]!.problem && computed !== result) explanation.note = `the rule computed ${computed}; a quantity below 0 counts as 0`;
    else if (clauses[0]!.problem) explanation.note = `the quantity could not be computed (${clauses[0]!.problem}): nothing is due`;
  }
  return explanation;
}

/**
 * One line per clause and one for the result, in English, e.g.
 * `household.sum.monthly_income < 200.0 → true (household.sum.monthly_income = 150)`.
 */
export function formatExplanation(explanation: RuleExplanation): string[] {
  const lines = explanation.clauses.map((c) => {
    const values = c.facts.map((f) => `${f.path} = ${f.value === null ? 'not recorded' : JSON.stringify(f.value)}`).join(', ');
    const status = c.problem ? ` — ${c.problem}` : '';
    return `${c.text} → ${c.value}${status}${values ? ` (${values})` : ''}`;
  });
  const joined = explanation.join === 'single' ? '' : explanation.join === 'and' ? ' (all clauses must hold)' : ' (one clause is enough)';
  lines.push(`result → ${explanation.result}${joined}${explanation.note ? ` — ${explanation.note}` : ''}`);
  return lines;
}

function factAt(facts: RuleFacts, path: string): unknown {
  let at: unknown = facts;
  for (const segment of path.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, segment)) return undefined;
    at = (at as Record<string, unknown>)[segment];
  }
  return at;
}

function show(value: unknown): ShownValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return null;
}

function reason(error: unknown): string {
  const e = error as { summary?: unknown; message?: unknown };
  const text = typeof e?.summary === 'string' ? e.summary : typeof e?.message === 'string' ? e.message.split('\n')[0]! : 'unknown error';
  return text;
}
