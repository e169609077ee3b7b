import type { FactDefinition, FactType, RuleSector, RuleUnit } from './rule-vocabulary.ts';

/** An eligibility rule decides true or false; a quantity rule computes how many units are due. */
export const RULE_KINDS = ['eligibility', 'quantity'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * A fact value at run time, in CEL's JavaScript form: bool → boolean, int → bigint,
 * decimal → number, date → Date at UTC midnight, enum and text → string. A value that
 * is not recorded is absent (never null, never a default).
 */
export type FactValue = boolean | bigint | number | string | Date;

export interface HouseholdFacts {
  [fact: string]: FactValue | Readonly<Record<string, bigint | number>> | undefined;
  /** Count of members with each boolean attribute the rule uses recorded as true. */
  members_with: Readonly<Record<string, bigint>>;
  /** Sum of each numeric attribute the rule uses over the members who have it recorded. */
  sum: Readonly<Record<string, bigint | number>>;
}

/** What one evaluation sees; build it with `buildRuleFacts` so that every type is right. */
export interface RuleFacts {
  /** Present for person-unit programs only. */
  person?: Readonly<Record<string, FactValue>>;
  household: HouseholdFacts;
  cycle: { reference_date: Date };
}

/** A fact a rule uses: the cycle loads these, records their values, and nothing else. */
export type RuleReference = Pick<FactDefinition, 'path' | 'type' | 'origin' | 'attribute' | 'mayBeMissing'>;

/** Runs parsed CEL; may throw (a missing value, a division by zero). Call it through evaluate/explain, which never throw. */
export type RuleRunner = (facts: RuleFacts) => unknown;

/** One operand of the rule's top-level `&&` or `||` chain, for explanations. */
export interface RuleClause {
  /** The clause as written in the rule. */
  text: string;
  /** Its offsets in the rule's source. */
  start: number;
  end: number;
  /** Paths of the facts it uses, in order of first use. */
  references: readonly string[];
  run: RuleRunner;
}

/** A rule that passed `checkRule`: parsed once, run many times. Immutable. */
export interface CompiledRule {
  source: string;
  kind: RuleKind;
  sector: RuleSector;
  unit: RuleUnit;
  /** What the rule computes: bool for eligibility; int or decimal for quantity. */
  resultType: Extract<FactType, 'bool' | 'int' | 'decimal'>;
  references: readonly RuleReference[];
  /** How the clauses combine: the top-level operator, or `single` when there is no chain. */
  join: 'and' | 'or' | 'single';
  clauses: readonly RuleClause[];
  run: RuleRunner;
}
