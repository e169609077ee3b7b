import type { AppContext } from '../app-context.ts';
import { SYSTEM_ACTOR } from '../audit/write-audit.ts';
import { installDefaultCatalogue } from '../registry/catalogue/default-catalogue.ts';
import { changeProgramStatus } from './change-program-status.ts';
import { createProgram } from './create-program.ts';
import { editProgram } from './edit-program.ts';
import { todayUtc, type ProgramActor, type ProgramDefinition } from './program-definition.ts';
import { publishRule } from './publish-rule.ts';
import { DEMO_PROGRAM_RULES } from './rules/demo-program-rules.ts';
import { findProgramByCode, latestRuleVersion } from './store.ts';

/**
 * The five programs the demo ships (issue 5), over the default catalogue, with the rules
 * of rules/demo-program-rules.ts.
 *
 * Money is in XAM, a fictional currency: the demo country's code is XA (a user-assigned
 * ISO 3166 code) and ISO 4217 keeps X.. codes out of any real currency, so no figure
 * here can be read as a real price. Amounts are on the synthetic population's scale
 * (registry/synthetic: a minimum pension of 1,300,000.00 a month, informal earnings
 * around 700,000) and budgets on a country of 30 million (8 million food boxes a month).
 */
export const DEMO_CURRENCY = 'XAM';

export interface DemoProgram {
  definition: ProgramDefinition;
  eligibility: string;
  quantity: string;
  pricePerUnit: string;
  /** In kind only: what one unit costs the budget. */
  costPerUnit?: string;
  budgetPerCycle: string;
}

const rule = (key: (typeof DEMO_PROGRAM_RULES)[number]['key']) => DEMO_PROGRAM_RULES.find((r) => r.key === key)!;

const common = { currency: DEMO_CURRENCY, distributionPoints: [] as string[] };

export const DEMO_PROGRAMS: readonly DemoProgram[] = [
  {
    definition: {
      ...common,
      code: 'food-box',
      name: { es: 'Caja de alimentos', en: 'Food box' },
      description: {
        es: 'Una caja mensual de alimentos básicos para los hogares cuyo ingreso mensual por miembro es menor que el umbral publicado; una caja por cada cinco miembros.',
        en: 'A monthly box of staple foods for households whose monthly income per member is below the published threshold; one box per five members.',
      },
      sector: rule('food_box').sector,
      unit: rule('food_box').unit,
      benefitKind: 'in_kind',
      item: { es: 'caja de alimentos', en: 'food box' },
      measure: 'box',
      frequency: 'monthly',
    },
    eligibility: rule('food_box').eligibility,
    quantity: rule('food_box').quantity,
    // A box costs the state about 400,000; the household pays a token price.
    pricePerUnit: '25000.00',
    costPerUnit: '400000.00',
    budgetPerCycle: '3200000000000.00',
  },
  {
    definition: {
      ...common,
      code: 'chronic-medicine',
      name: { es: 'Medicamentos para enfermedades crónicas', en: 'Chronic-condition medicine' },
      description: {
        es: 'El tratamiento mensual, con receta, para las personas con diabetes o hipertensión registradas.',
        en: 'The monthly treatment, on prescription, for persons with recorded diabetes or hypertension.',
      },
      sector: rule('chronic_medicine').sector,
      unit: rule('chronic_medicine').unit,
      benefitKind: 'in_kind',
      item: { es: 'tratamiento mensual', en: 'monthly treatment' },
      measure: 'treatment',
      frequency: 'monthly',
    },
    eligibility: rule('chronic_medicine').eligibility,
    quantity: rule('chronic_medicine').quantity,
    pricePerUnit: '2000.00',
    costPerUnit: '150000.00',
    budgetPerCycle: '900000000000.00',
  },
  {
    definition: {
      ...common,
      code: 'pension',
      name: { es: 'Pensión no contributiva', en: 'Non-contributory pension' },
      description: {
        es: 'Una pensión mensual para las personas de 60 años o más sin empleo formal.',
        en: 'A monthly pension for persons aged 60 or more without formal employment.',
      },
      sector: rule('pension').sector,
      unit: rule('pension').unit,
      benefitKind: 'cash',
      item: { es: 'pensión mensual', en: 'monthly pension' },
      measure: DEMO_CURRENCY,
      frequency: 'monthly',
    },
    eligibility: rule('pension').eligibility,
    // A cash benefit counts in its currency: the quantity is the amount (the minimum
    // pension), where demo-program-rules.ts says "one pension".
    quantity: '1300000',
    pricePerUnit: '0.00',
    budgetPerCycle: '3900000000000.00',
  },
  {
    definition: {
      ...common,
      code: 'fuel-quota',
      name: { es: 'Cupo de combustible subsidiado', en: 'Subsidised fuel quota' },
      description: {
        es: 'Un cupo mensual de gasolina a precio subsidiado para cada persona que posee un vehículo registrado.',
        en: 'A monthly quota of petrol at a subsidised price for each person who owns a registered vehicle.',
      },
      sector: rule('fuel_quota').sector,
      unit: rule('fuel_quota').unit,
      benefitKind: 'in_kind',
      item: { es: 'gasolina', en: 'petrol' },
      measure: 'litre',
      frequency: 'monthly',
      // Litres are pumped as the tank needs them: the quota may be taken in several pickups.
      partialPickups: true,
    },
    eligibility: rule('fuel_quota').eligibility,
    quantity: rule('fuel_quota').quantity,
    pricePerUnit: '500.00',
    costPerUnit: '12000.00',
    budgetPerCycle: '600000000000.00',
  },
  {
    definition: {
      ...common,
      code: 'mothers-bonus',
      name: { es: 'Bono para madres de niños menores de 5 años', en: 'Bonus for mothers of children under 5' },
      description: {
        es: 'Un pago único para las madres con al menos un hijo o hija menor de 5 años en el hogar.',
        en: 'A one-off payment to mothers with at least one child under 5 in the household.',
      },
      sector: rule('mothers_bonus').sector,
      unit: rule('mothers_bonus').unit,
      benefitKind: 'cash',
      item: { es: 'bono único', en: 'one-off bonus' },
      measure: DEMO_CURRENCY,
      frequency: 'one_off',
    },
    eligibility: rule('mothers_bonus').eligibility,
    // The amount in XAM (half a minimum pension), where demo-program-rules.ts says "one bonus".
    quantity: '650000',
    pricePerUnit: '0.00',
    budgetPerCycle: '1300000000000.00',
  },
];

const DEMO_REASON = 'demo installation: program of issue 5';

/**
 * The first day of the current month (UTC): when the demo's first rules take effect.
 * Demo seeding only: a real rule never takes effect before the day it is published
 * (publish-rule.ts), but a demo seeded mid-month must be able to run the current
 * month's cycle, whose rule is the one in force on its first day. Nothing has been
 * decided under these programs before they exist, so no decision changes.
 */
export const demoRulesFrom = (now = new Date()) => `${todayUtc(now).slice(0, 7)}-01`;

/**
 * Creates the demo programs that are missing, publishes their first rule (in force from
 * the first day of the current month, see `demoRulesFrom`) and activates them, as the installation itself. Idempotent: a program that
 * exists keeps its definition and rules; an interrupted seed is completed. Installs the
 * default catalogue first, because the rules read it. The programs serve
 * `distributionPoints` (the demo's points; given to existing programs that serve none).
 * Returns the codes created.
 */
export async function seedDemoPrograms(ctx: AppContext, options: { distributionPoints?: readonly string[] } = {}): Promise<string[]> {
  await installDefaultCatalogue(ctx);
  const actor: ProgramActor = { ...SYSTEM_ACTOR, programScopes: ['*'], regionScopes: ['*'] };
  const created: string[] = [];
  const points = options.distributionPoints ?? [];
  for (const demo of DEMO_PROGRAMS) {
    const code = demo.definition.code;
    let program = await findProgramByCode(ctx.db, code);
    if (!program) {
      await createProgram(ctx, actor, { ...demo.definition, distributionPoints: [...points], reason: DEMO_REASON });
      created.push(code);
      program = (await findProgramByCode(ctx.db, code))!;
    }
    if (points.length > 0 && program.distribution_points.length === 0 && program.status !== 'closed') {
      // An installation seeded before its points existed: its programs start serving them
      // (a list a manager has set since is theirs to keep).
      await editProgram(ctx, actor, code, { expectedVersion: program.version, reason: 'demo installation: serves the demo distribution points', changes: { distributionPoints: [...points] } });
      program = (await findProgramByCode(ctx.db, code))!;
    }
    if ((await latestRuleVersion(ctx.db, program.id)) === 0) {
      const { eligibility, quantity, pricePerUnit, costPerUnit, budgetPerCycle } = demo;
      await publishRule(ctx, actor, code, { expectedRuleVersion: 0, eligibility, quantity, pricePerUnit, costPerUnit, budgetPerCycle, validFrom: demoRulesFrom(), reason: DEMO_REASON }, { demoFirstRuleFrom: demoRulesFrom() });
    }
    if (program.status === 'draft') await changeProgramStatus(ctx, actor, code, 'activate', { expectedVersion: program.version, reason: DEMO_REASON });
  }
  return created;
}
