import type { AppContext } from '../app-context.ts';
import { listCatalogue } from '../registry/catalogue/list-catalogue.ts';
import { compileProgramRules, describeProblems } from '../programs/compile-program-rules.ts';
import { todayUtc, type ProgramActor } from '../programs/program-definition.ts';
import { assertManager, programInScope } from '../programs/program-in-scope.ts';
import { versionInForce } from '../programs/rule-timeline.ts';
import { ruleVersionsOf, type ProgramRow, type RuleVersionRow } from '../programs/store.ts';
import type { PseudonymSector } from '../pseudonyms/derive.ts';
import { DomainError } from '../shared/domain-error.ts';
import { decisionRules } from './decide.ts';
import type { DecisionRules } from './decide.ts';
import { parsePeriod, type Period } from './period.ts';
import type { CycleRow, WalkColumns } from './store.ts';

/** Everything a cycle needs before it reads the registry: the program, its period, the rule and what the rule reads. */
export interface CyclePlan {
  program: ProgramRow;
  sector: PseudonymSector;
  period: Period;
  rule: RuleVersionRow;
  decision: DecisionRules;
  /** The catalogue attributes the rule reads: the only ones a cycle loads. */
  attributeKeys: string[];
  /** What a walk reads of each member. */
  columns: WalkColumns;
}

/** Facts that need each member's sex or birth date (rules/rule-vocabulary.ts). */
const NEEDS_SEX = new Set(['person.sex', 'household.head_sex']);
const NEEDS_BIRTH_DATE = new Set(['person.age', 'person.children_under_5', 'household.children_under_5', 'household.children_under_18', 'household.members_60_plus']);

/**
 * The plan for a program's period: the program must be in the official's program scopes
 * and active, the period must fit its frequency and not have ended (both waived with
 * `review`, to re-read an existing cycle's decisions), and a rule version
 * must be in force on the period's first day. A cycle that already exists keeps the
 * rule version it started with, so resuming a run cannot switch rules half-way.
 *
 * The rule is checked again against the catalogue as it is now (an attribute retired or
 * taken out of the sector's purposes since the rule was published reads nothing), and
 * an in-kind rule must say what a unit costs, or the budget could not be checked.
 */
export async function planCycle(ctx: AppContext, actor: ProgramActor, code: string, periodText: string, existing?: CycleRow, options: { review?: boolean } = {}): Promise<CyclePlan> {
  assertManager(actor);
  const program = await programInScope(ctx.db, actor, code);
  if (program.status !== 'active' && !options.review) {
    throw new DomainError('RULE_VIOLATION', `program ${code} is ${program.status}: only an active program runs cycles`, { status: program.status });
  }
  const period = parsePeriod(periodText, program.frequency);
  const today = todayUtc();
  if (period.validUntil < today && !options.review) {
    throw new DomainError('RULE_VIOLATION', `period ${period.period} ended on ${period.validUntil}: a cycle for it could hand nothing out`, { field: 'period' });
  }
  const rules = await ruleVersionsOf(ctx.db, [program.id]);
  const rule = existing ? rules.find((r) => r.version === existing.rule_version) : versionInForce(rules.map((r) => ({ ...r, validFrom: r.valid_from })), period.referenceDate);
  if (!rule) {
    const first = rules[0]?.valid_from;
    throw new DomainError('RULE_VIOLATION', `no rule of program ${code} is in force on ${period.referenceDate}${first ? ` (the first takes effect on ${first})` : ' (none is published)'}`);
  }
  if (program.benefit_kind === 'in_kind' && rule.cost_per_unit === null) {
    throw new DomainError('RULE_VIOLATION', `rule version ${rule.version} of ${code} does not say what a unit costs, so the cycle could not be checked against the budget: publish a version with costPerUnit`);
  }
  const compiled = compileProgramRules(program, rule, await listCatalogue(ctx.db));
  if (!compiled.ok) {
    throw new DomainError('RULE_VIOLATION', `rule version ${rule.version} of ${code} no longer passes the checks against the published catalogue (${describeProblems(compiled.problems)}): publish a new version`, {
      problems: compiled.problems,
    });
  }
  const attributeKeys = [...new Set(compiled.references.flatMap((r) => (r.attribute === undefined ? [] : [r.attribute])))];
  const paths = compiled.references.map((r) => r.path);
  return {
    program,
    sector: program.sector,
    period,
    rule,
    decision: decisionRules(program, compiled),
    attributeKeys,
    columns: {
      personIds: program.unit === 'person',
      sex: paths.some((p) => NEEDS_SEX.has(p)),
      birthDates: paths.some((p) => NEEDS_BIRTH_DATE.has(p)),
      attributeKeys,
    },
  };
}
