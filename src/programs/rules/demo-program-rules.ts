import type { RuleSector, RuleUnit } from './rule-vocabulary.ts';

/**
 * The rules of the five programs the demo ships (issue 5), over the default catalogue.
 * Amounts are in the synthetic population's currency (registry/synthetic: the minimum
 * pension is 1,300,000.00 a month). Each rule passes checkRule; the tests keep it so.
 */
export interface DemoProgramRules {
  key: string;
  sector: RuleSector;
  unit: RuleUnit;
  /** Who is eligible. */
  eligibility: string;
  /** How many units of the benefit are due to an eligible household or person. */
  quantity: string;
}

export const DEMO_PROGRAM_RULES = [
  {
    // A monthly food box for households under an income threshold per member; one box per five members (rounded up).
    key: 'food_box',
    sector: 'food',
    unit: 'household',
    eligibility: 'household.sum.monthly_income / double(household.size) < 500000.0',
    quantity: '(household.size + 4) / 5',
  },
  {
    // Monthly chronic medicine for persons with a recorded chronic condition.
    key: 'chronic_medicine',
    sector: 'health',
    unit: 'person',
    eligibility: 'person.chronic_condition_diabetes || person.chronic_condition_hypertension',
    quantity: '1',
  },
  {
    // A pension for persons aged 60 or more without formal employment.
    key: 'pension',
    sector: 'pensions',
    unit: 'person',
    eligibility: 'person.age >= 60 && !person.formal_employment',
    quantity: '1',
  },
  {
    // A monthly fuel quota, in litres, for each registered vehicle owner.
    key: 'fuel_quota',
    sector: 'fuel',
    unit: 'person',
    eligibility: 'person.owns_vehicle',
    quantity: '40',
  },
  {
    // A one-off bonus for mothers of children under 5.
    key: 'mothers_bonus',
    sector: 'cash',
    unit: 'person',
    eligibility: 'person.sex == "F" && person.children_under_5 > 0',
    quantity: '1',
  },
] as const satisfies readonly DemoProgramRules[];
