import { z } from 'zod';
import { BUDGET_DIGITS, moneyPattern, PRICE_DIGITS } from './money.ts';
import { CURRENCY_PATTERN, DESCRIPTION_MAX, DISTRIBUTION_POINT_PATTERN, DISTRIBUTION_POINTS_MAX, PROGRAM_CODE_MAX, PROGRAM_CODE_PATTERN, TEXT_MAX } from './program-definition.ts';
import { BENEFIT_KINDS, FREQUENCIES, PROGRAM_ACTIONS, PROGRAM_SECTORS, PROGRAM_STATUSES, PROGRAM_UNITS } from './program-kinds.ts';
import { RULE_SOURCE_MAX } from './rules/rule-environment.ts';

const bilingual = (max: number) => z.object({ es: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });
const Reason = z.string().trim().min(3).max(500).describe('why: a decree, a resolution, a correction');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');

/** Money travels as a decimal string, never a JSON number, so that no amount is ever rounded. */
const money = (digits: number, example: string) =>
  z.string().regex(moneyPattern(digits), `an amount as text with at most two decimals, such as "${example}"`).describe(`decimal string, at most two decimals, e.g. "${example}"`);

export const ProgramCode = z.string().min(2).max(PROGRAM_CODE_MAX).regex(PROGRAM_CODE_PATTERN, 'kebab-case, e.g. food-box');
export const ProgramParams = z.object({ code: ProgramCode });

const DefinitionFields = {
  name: bilingual(TEXT_MAX),
  description: bilingual(DESCRIPTION_MAX),
  sector: z.enum(PROGRAM_SECTORS),
  unit: z.enum(PROGRAM_UNITS).describe('one decision per household or per person'),
  benefitKind: z.enum(BENEFIT_KINDS),
  item: bilingual(TEXT_MAX).describe('what is handed over, e.g. "caja de alimentos" / "food box"'),
  measure: z.string().min(1).max(30).describe('what a quantity counts: box, litre, unit… for in kind; the currency for cash'),
  currency: z.string().regex(CURRENCY_PATTERN, 'an ISO 4217 code, e.g. VES').describe('ISO 4217 code of prices, budgets and cash amounts'),
  frequency: z.enum(FREQUENCIES),
  distributionPoints: z.array(z.string().regex(DISTRIBUTION_POINT_PATTERN, 'a distribution point code')).max(DISTRIBUTION_POINTS_MAX),
  partialPickups: z.boolean().describe('an entitlement may be collected in several pickups (e.g. litres of fuel); false: whole, once'),
};

export const ProgramInput = z.object({
  code: ProgramCode,
  ...DefinitionFields,
  distributionPoints: DefinitionFields.distributionPoints.default([]),
  partialPickups: DefinitionFields.partialPickups.default(false),
  reason: Reason.default('program created'),
});

export const ProgramEdit = z.object({
  expectedVersion: z.number().int().min(1).describe('the version the official read; a newer one means someone else changed it'),
  reason: Reason,
  changes: z.object(DefinitionFields).partial(),
});

export const StatusChange = z.object({
  expectedVersion: z.number().int().min(1),
  reason: Reason,
});

export const RuleInput = z.object({
  expectedRuleVersion: z.number().int().min(0).describe('the latest rule version the official saw; 0 when none'),
  eligibility: z.string().min(1).max(RULE_SOURCE_MAX).describe('who is eligible: an expression that computes true or false'),
  quantity: z.string().min(1).max(RULE_SOURCE_MAX).describe('how many units of the measure are due: an expression that computes a number'),
  pricePerUnit: money(PRICE_DIGITS, '12.50').describe('what the beneficiary pays per unit; "0.00" for cash'),
  costPerUnit: money(PRICE_DIGITS, '400000.00').optional().describe('what one unit of an in-kind benefit costs the budget (required for in kind; not given for cash, where a unit is one unit of the currency)'),
  budgetPerCycle: money(BUDGET_DIGITS, '1500000.00'),
  validFrom: IsoDate.optional().describe('the date the version takes effect, today or later (UTC); default today'),
  reason: Reason,
});

export const ExplainInput = z.object({
  householdId: z.uuid().optional(),
  personId: z.uuid().optional().describe('for a person program; for a household program, the person\'s household is decided about'),
  referenceDate: IsoDate.optional().describe('the date of the decision (a cycle uses the first day of its period); default today'),
});

const Bilingual = z.object({ es: z.string(), en: z.string() });
const RuleState = z.enum(['scheduled', 'in_force', 'ended', 'never_in_force']);
const FactType = z.enum(['bool', 'int', 'decimal', 'date', 'enum', 'text']);

const Reference = z.object({
  path: z.string(),
  type: FactType,
  origin: z.enum(['derived', 'attribute', 'members_with', 'sum']),
  attribute: z.string().optional(),
  mayBeMissing: z.boolean(),
  usedBy: z.array(z.enum(['eligibility', 'quantity'])),
  catalogueVersion: z.number().int().optional(),
});

export const PublicRuleVersion = z.object({
  version: z.number().int(),
  eligibility: z.string(),
  quantity: z.string(),
  pricePerUnit: z.string().describe('decimal string'),
  costPerUnit: z.string().nullable().describe('decimal string: what one unit costs the budget; null for cash'),
  budgetPerCycle: z.string().describe('decimal string'),
  currency: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable().describe('last day in force; null when open-ended or never in force'),
  state: RuleState,
  reason: z.string(),
  references: z.array(Reference).describe('the facts the rule reads'),
  publishedAt: z.string(),
});

export const RuleVersion = PublicRuleVersion.extend({ publishedBy: z.string() });

const PublicFields = {
  code: z.string(),
  name: Bilingual,
  description: Bilingual,
  sector: z.enum(PROGRAM_SECTORS),
  unit: z.enum(PROGRAM_UNITS),
  benefitKind: z.enum(BENEFIT_KINDS),
  item: Bilingual,
  measure: z.string(),
  currency: z.string(),
  frequency: z.enum(FREQUENCIES),
  distributionPoints: z.array(z.string()),
  partialPickups: z.boolean(),
  status: z.enum(PROGRAM_STATUSES),
  activatedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
};

export const PublicProgram = z.object({ ...PublicFields, currentRule: PublicRuleVersion.nullable() });
export const PublicProgramDetail = PublicProgram.extend({ rules: z.array(PublicRuleVersion) });

export const Program = z.object({
  ...PublicFields,
  id: z.uuid(),
  version: z.number().int(),
  actions: z.array(z.enum(PROGRAM_ACTIONS)),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  currentRule: RuleVersion.nullable(),
});

export const ProgramDetail = Program.extend({
  rules: z.array(RuleVersion),
  history: z.array(z.object({ version: z.number().int(), data: z.record(z.string(), z.unknown()), reason: z.string(), changedBy: z.string(), changedAt: z.string() })),
});

export const Vocabulary = z.object({
  sector: z.enum(PROGRAM_SECTORS),
  unit: z.enum(PROGRAM_UNITS),
  facts: z.array(
    z.object({
      path: z.string(),
      type: FactType,
      values: z.array(z.string()),
      meaning: Bilingual,
      origin: z.enum(['derived', 'attribute', 'members_with', 'sum']),
      attribute: z.string().optional(),
      mayBeMissing: z.boolean(),
    }),
  ),
  withheld: z.array(z.object({ attribute: z.string(), reason: z.enum(['out_of_purpose', 'retired', 'card_or_enrolment', 'name_taken']), message: z.string() })),
});

const Clause = z.object({
  text: z.string().describe('the clause as written in the rule'),
  value: z.union([z.boolean(), z.number()]),
  facts: z.array(z.object({ path: z.string(), value: z.union([z.boolean(), z.number(), z.string(), z.null()]).describe('null: not recorded') })),
  notRecorded: z.array(z.string()),
  problem: z.string().optional(),
});

export const Explanation = z.object({
  program: z.string(),
  ruleVersion: z.number().int(),
  referenceDate: z.string(),
  subject: z.object({ type: z.enum(['household', 'person']), id: z.uuid() }),
  eligible: z.boolean(),
  quantity: z.number().describe('units of the measure due; 0 when not eligible'),
  measure: z.string(),
  eligibilityRule: z.string(),
  join: z.enum(['and', 'or', 'single']).describe('and: every clause must hold; or: one is enough'),
  clauses: z.array(Clause),
  quantityRule: z.string(),
  quantityClause: Clause,
  quantityNote: z.string().optional(),
});
