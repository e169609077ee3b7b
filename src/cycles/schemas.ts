import { z } from 'zod';
import { ProgramCode } from '../programs/schemas.ts';
import { PROGRAM_UNITS } from '../programs/program-kinds.ts';
import { CHANGES_PAGE_MAX } from './changes-since.ts';
import { ENTITLEMENTS_PAGE_MAX } from './read-cycles.ts';
import { CYCLE_ACTIONS, CYCLE_STATUSES } from './views.ts';

const Decimal = z.string().describe('decimal string');

export const CycleParams = z.object({
  code: ProgramCode,
  period: z.string().regex(/^\d{4}-(?:\d{2}|W\d{2})$/, 'a period: YYYY-MM (monthly, one-off) or YYYY-Www (weekly)').describe('YYYY-MM for monthly and one-off programs, YYYY-Www (ISO week) for weekly ones'),
});

export const CycleReason = z.object({ reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(500) });

const ByPoint = z.array(z.object({ distributionPoint: z.string().nullable().describe('null: households with no distribution point serving the program'), entitlements: z.number().int(), quantity: Decimal }));

export const Cycle = z.object({
  program: z.string(),
  period: z.string(),
  status: z.enum(CYCLE_STATUSES).describe('running: being evaluated (resumable); over_budget: evaluated above the budget, waiting for a second official; open: handed out; closed'),
  actions: z.array(z.enum(CYCLE_ACTIONS)),
  ruleVersion: z.number().int(),
  referenceDate: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  unit: z.enum(PROGRAM_UNITS),
  measure: z.string(),
  currency: z.string(),
  pricePerUnit: Decimal,
  costPerUnit: Decimal.nullable(),
  budget: Decimal,
  progress: z.object({ householdsTotal: z.number().int(), householdsDone: z.number().int(), subjectsEvaluated: z.number().int(), eligible: z.number().int(), notComputed: z.number().int() }),
  totals: z.object({ entitlements: z.number().int(), totalQuantity: Decimal, totalCost: Decimal, totalPrice: Decimal, overBudget: z.boolean() }).nullable(),
  startedAt: z.string(),
  startedBy: z.string(),
  evaluatedAt: z.string().nullable(),
  override: z.object({ by: z.string(), reason: z.string(), at: z.string() }).nullable(),
  closing: z.object({ by: z.string(), reason: z.string(), at: z.string() }).nullable(),
});

export const CycleDetail = Cycle.extend({ byDistributionPoint: ByPoint });

export const RunAnswer = z.object({ cycle: Cycle, alreadyRun: z.boolean().describe('the cycle had been evaluated already: nothing was created') });

export const Preview = z.object({
  program: z.string(),
  period: z.string(),
  ruleVersion: z.number().int(),
  referenceDate: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  measure: z.string(),
  currency: z.string(),
  pricePerUnit: Decimal,
  costPerUnit: Decimal.nullable(),
  budget: Decimal,
  households: z.number().int(),
  subjectsEvaluated: z.number().int(),
  eligible: z.number().int(),
  notComputed: z.number().int().describe('eligible, but the quantity rule could not be computed (a value not recorded): nothing due'),
  entitlements: z.number().int(),
  totalQuantity: Decimal,
  totalCost: Decimal.describe('what the entitlements cost the budget'),
  totalPrice: Decimal.describe('what the beneficiaries pay at the subsidised price'),
  overBudget: z.boolean(),
  byDistributionPoint: ByPoint,
});

const Facts = z.record(z.string(), z.union([z.boolean(), z.number(), z.string(), z.null()])).describe('the facts the decision read, by path; null: not recorded');

export const EntitlementsQuery = z.object({
  distributionPoint: z.string().max(40).optional().describe('only this point; "-" for entitlements with no point'),
  after: z.string().max(40).optional().describe('the `next` of the previous page'),
  limit: z.coerce.number().int().min(1).max(ENTITLEMENTS_PAGE_MAX).optional(),
});

export const EntitlementsPage = z.object({
  items: z.array(z.object({ subject: z.string().describe('the sector pseudonym'), regionCode: z.string(), distributionPoint: z.string().nullable(), quantity: Decimal, facts: Facts })),
  next: z.string().nullable(),
});

export const ChangesQuery = z.object({
  after: z.uuid().optional().describe('the `next` of the previous page'),
  limit: z.coerce.number().int().min(1).max(CHANGES_PAGE_MAX).optional(),
});

export const ChangesPage = z.object({
  items: z.array(
    z.object({
      householdId: z.uuid(),
      personId: z.uuid().optional(),
      regionCode: z.string(),
      approved: z.object({ quantity: Decimal, facts: Facts }).nullable().describe('what the cycle approved; null: nothing'),
      now: z.object({ eligible: z.boolean(), quantity: Decimal.nullable(), facts: Facts }),
      changedFacts: z.array(z.string()),
      decisionChanged: z.boolean(),
    }),
  ),
  next: z.string().nullable(),
});
