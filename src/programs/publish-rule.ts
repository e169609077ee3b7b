import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { listCatalogue } from '../registry/catalogue/list-catalogue.ts';
import { DomainError } from '../shared/domain-error.ts';
import { compileProgramRules, describeProblems } from './compile-program-rules.ts';
import { BUDGET_DIGITS, isZeroMoney, parseMoney, PRICE_DIGITS } from './money.ts';
import { assertAllowed, todayUtc, type ProgramActor } from './program-definition.ts';
import { assertManager, programInScope, purposeOf } from './program-in-scope.ts';
import { parseRuleDate } from './rules/rule-environment.ts';
import { insertRuleVersion, latestRuleVersion, ruleVersionsOf } from './store.ts';
import { ruleVersionViews, type OfficialRuleVersionView } from './views.ts';

export interface PublishRuleInput {
  /** The latest rule version the official saw (0 when the program has none): a newer one is a CONFLICT. */
  expectedRuleVersion: number;
  eligibility: string;
  quantity: string;
  /** Decimal string, at most two decimals: what the beneficiary pays per unit; "0.00" for cash. */
  pricePerUnit: string;
  /** Decimal string: what one unit of an in-kind benefit costs the budget; required for in kind, not given for cash. */
  costPerUnit?: string | undefined;
  /** Decimal string, at most two decimals. */
  budgetPerCycle: string;
  /** YYYY-MM-DD, today or later (UTC); default today. */
  validFrom?: string | undefined;
  reason: string;
}

export interface PublishRuleOptions {
  requestId?: string;
  /**
   * Demo seeding only (AMPARO_MODE demo or test, the installation itself, a program's
   * first rule): lets `validFrom` be this earlier date, the first day of the current
   * period, so that the demo can run the current cycle. Ignored anywhere else.
   */
  demoFirstRuleFrom?: string;
}

/**
 * Publishes a new version of a program's rule (DESIGN.md commitment 2): both
 * expressions are checked against the published catalogue for the program's sector and
 * unit. A refused rule writes no version; the refusal itself is an audit entry
 * (`program.rule_refused`, with the offending terms) and the error is RULE_VIOLATION
 * with every problem in `details.problems`, each naming its term.
 *
 * Refuses also: a price or budget that is not an exact decimal string (VALIDATION_FAILED),
 * a price for a cash benefit (RULE_VIOLATION), a date before today (a published rule
 * never changes the past), a closed program, a stale `expectedRuleVersion` (CONFLICT),
 * and a version identical to the latest. The version and its audit entry commit together.
 */
export async function publishRule(ctx: AppContext, actor: ProgramActor, code: string, input: PublishRuleInput, options: PublishRuleOptions = {}): Promise<OfficialRuleVersionView> {
  assertManager(actor);
  const program = await programInScope(ctx.db, actor, code);
  assertAllowed(program.status, 'publish_rule', code);

  const price = parseMoney(input.pricePerUnit, 'pricePerUnit', PRICE_DIGITS);
  const budget = parseMoney(input.budgetPerCycle, 'budgetPerCycle', BUDGET_DIGITS);
  if (program.benefit_kind === 'cash' && !isZeroMoney(price)) {
    throw new DomainError('RULE_VIOLATION', `program ${code} pays cash: the beneficiary pays nothing, so the price per unit is 0.00 (the quantity rule computes the amount in ${program.currency})`, { field: 'pricePerUnit' });
  }
  const cost = costPerUnitOf(program, input.costPerUnit);
  const today = todayUtc();
  const validFrom = input.validFrom ?? today;
  if (!parseRuleDate(validFrom)) throw new DomainError('VALIDATION_FAILED', `validFrom "${validFrom}" must be a date, YYYY-MM-DD`, { field: 'validFrom' });
  // The one exception to "never retroactively": a demo installation seeding the first
  // rule of a new program, so that the current month's cycle has a rule on its first
  // day. No cycle can exist yet, so no decision changes; the audit entry says so.
  const backdatedForDemo = validFrom < today && options.demoFirstRuleFrom === validFrom && ctx.config.demo && actor.role === 'system' && input.expectedRuleVersion === 0;
  if (validFrom < today && !backdatedForDemo) {
    throw new DomainError('RULE_VIOLATION', `validFrom ${validFrom} is in the past: a published rule takes effect today (${today}) or later, never retroactively`, { field: 'validFrom' });
  }

  const catalogue = await listCatalogue(ctx.db);
  const compiled = compileProgramRules(program, input, catalogue);
  if (!compiled.ok) {
    // The refusal is recorded, so that oversight sees attempts to write a rule over
    // prohibited or out-of-purpose facts; nothing else is written.
    await writeAudit(ctx.db, {
      actor,
      purpose: purposeOf(actor),
      action: 'program.rule_refused',
      outcome: 'denied',
      subject: { type: 'program', id: program.id },
      summary: { code, problems: compiled.problems.map((p) => ({ rule: p.rule, code: p.code, term: p.term })) },
      requestId: options.requestId,
    });
    throw new DomainError('RULE_VIOLATION', `the rule was refused: ${describeProblems(compiled.problems)}`, { problems: compiled.problems });
  }

  return ctx.db.transaction().execute(async (tx) => {
    const locked = await programInScope(tx, actor, code, { lock: true });
    assertAllowed(locked.status, 'publish_rule', code);
    const latest = await latestRuleVersion(tx, locked.id);
    if (latest !== input.expectedRuleVersion) {
      throw new DomainError('CONFLICT', `program ${code} has rule version ${latest} now, not ${input.expectedRuleVersion}: reload, compare and publish again`, { ruleVersion: latest });
    }
    const previous = (await ruleVersionsOf(tx, [locked.id])).at(-1);
    if (
      previous &&
      previous.eligibility === input.eligibility &&
      previous.quantity === input.quantity &&
      previous.price_per_unit === price &&
      previous.budget_per_cycle === budget &&
      previous.cost_per_unit === cost &&
      previous.valid_from === validFrom
    ) {
      throw new DomainError('VALIDATION_FAILED', `nothing to publish: version ${previous.version} says exactly this`);
    }
    const version = latest + 1;
    await insertRuleVersion(tx, {
      program_id: locked.id,
      version,
      eligibility: input.eligibility,
      quantity: input.quantity,
      price_per_unit: price,
      budget_per_cycle: budget,
      cost_per_unit: cost,
      valid_from: validFrom,
      reason: input.reason,
      rule_references: JSON.stringify(compiled.references),
      published_at: new Date(),
      published_by: actor.id,
      published_by_name: actor.name,
    });
    await writeAudit(tx, {
      actor,
      purpose: purposeOf(actor),
      action: 'program.rule_published',
      subject: { type: 'program', id: locked.id },
      summary: {
        code,
        ruleVersion: version,
        validFrom,
        pricePerUnit: price,
        costPerUnit: cost,
        budgetPerCycle: budget,
        currency: locked.currency,
        reads: compiled.references.map((r) => r.path),
        reason: input.reason,
        ...(backdatedForDemo ? { backdatedForDemo: true } : {}),
      },
      requestId: options.requestId,
    });
    const rules = await ruleVersionsOf(tx, [locked.id]);
    return ruleVersionViews(locked, rules).at(-1)!;
  });
}

/**
 * A cycle compares its cost with the budget: for an in-kind benefit that needs what one
 * unit costs the program; for cash a unit is one unit of the currency, so no cost is given.
 */
function costPerUnitOf(program: { code: string; benefit_kind: string; currency: string }, given: string | undefined): string | null {
  if (program.benefit_kind === 'cash') {
    if (given !== undefined) {
      throw new DomainError('VALIDATION_FAILED', `program ${program.code} pays cash: a unit is one ${program.currency}, so costPerUnit is not given`, { field: 'costPerUnit' });
    }
    return null;
  }
  if (given === undefined) {
    throw new DomainError('VALIDATION_FAILED', `costPerUnit is required for an in-kind benefit: what one unit costs the budget, so that a cycle can be checked against it`, { field: 'costPerUnit' });
  }
  return parseMoney(given, 'costPerUnit', PRICE_DIGITS);
}
