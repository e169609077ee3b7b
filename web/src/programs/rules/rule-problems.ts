import { ApiError } from '../../api/client.ts';
import type { RuleProblem, RuleProblemCode } from '../../api/contracts.ts';

const KINDS = new Set(['eligibility', 'quantity']);

/**
 * The problems of a refused rule (422 RULE_VIOLATION, `details.problems`), or undefined
 * for any other error: a refusal that is not about the expressions (a date in the past,
 * a price for cash) has no problems and is shown as an error of the whole form.
 */
export function ruleProblemsOf(error: unknown): RuleProblem[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'RULE_VIOLATION') return undefined;
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems)) return undefined;
  const valid = problems.filter(
    (p): p is RuleProblem =>
      typeof p === 'object' && p !== null && KINDS.has((p as RuleProblem).rule) && typeof (p as RuleProblem).code === 'string' && typeof (p as RuleProblem).term === 'string',
  );
  return valid.length ? valid : undefined;
}

/** Problem codes the console explains in the official's language; any other shows the server's words only. */
export const EXPLAINED_PROBLEMS = [
  'syntax',
  'too_long',
  'unknown_name',
  'out_of_purpose',
  'retired',
  'name_taken',
  'card_or_enrolment',
  'prohibited_attribute',
  'unit',
  'function_not_allowed',
  'not_allowed',
  'type',
  'result_type',
  'negative_quantity',
] as const satisfies readonly RuleProblemCode[];

export const isExplainedProblem = (code: string): code is (typeof EXPLAINED_PROBLEMS)[number] => (EXPLAINED_PROBLEMS as readonly string[]).includes(code);

/**
 * The line of the source a problem points at, split around the offending term so that
 * it can be marked; undefined when the problem has no position or the text changed.
 */
export function problemExcerpt(source: string, problem: RuleProblem): { before: string; term: string; after: string } | undefined {
  if (!problem.at || !problem.term) return undefined;
  const { offset } = problem.at;
  if (source.slice(offset, offset + problem.term.length) !== problem.term) return undefined;
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const newline = source.indexOf('\n', offset + problem.term.length);
  const lineEnd = newline === -1 ? source.length : newline;
  return { before: source.slice(lineStart, offset), term: problem.term, after: source.slice(offset + problem.term.length, lineEnd) };
}
