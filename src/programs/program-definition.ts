import type { AuditActor } from '../audit/write-audit.ts';
import { DomainError } from '../shared/domain-error.ts';
import { PROGRAM_ACTIONS_BY_STATUS, type BenefitKind, type Frequency, type ProgramAction, type ProgramSector, type ProgramStatus, type ProgramUnit } from './program-kinds.ts';

/**
 * A program's definition and what it must satisfy (issue 5): the checks the schemas
 * cannot make, the lifecycle guard, the acting official. Pure.
 */

export function assertAllowed(status: ProgramStatus, action: ProgramAction, code: string) {
  if (!(PROGRAM_ACTIONS_BY_STATUS[status] as readonly ProgramAction[]).includes(action)) {
    throw new DomainError('RULE_VIOLATION', `program ${code} is ${status}: ${action.replace('_', ' ')} is not allowed (allowed: ${PROGRAM_ACTIONS_BY_STATUS[status].join(', ') || 'nothing'})`, { status, action });
  }
}

/** kebab-case, as officials' program scopes name programs (at most 40 characters). */
export const PROGRAM_CODE_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const PROGRAM_CODE_MAX = 40;
/** What an in-kind quantity counts: box, litre, unit, treatment… */
export const MEASURE_PATTERN = /^[a-z][a-z0-9_]{0,29}$/;
/** ISO 4217, or a user-assigned X.. code (the demo's XAM). */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
export const DISTRIBUTION_POINT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const DISTRIBUTION_POINTS_MAX = 5000;
export const TEXT_MAX = 200;
export const DESCRIPTION_MAX = 4000;

export interface Bilingual {
  es: string;
  en: string;
}

/** A program's definition: everything but its rules and bookkeeping. */
export interface ProgramDefinition {
  code: string;
  name: Bilingual;
  description: Bilingual;
  sector: ProgramSector;
  unit: ProgramUnit;
  benefitKind: BenefitKind;
  item: Bilingual;
  measure: string;
  currency: string;
  frequency: Frequency;
  distributionPoints: string[];
  /** An entitlement may be collected in several pickups (litres of fuel); absent: false, collected whole, once. */
  partialPickups?: boolean;
}

/**
 * What the numbers of a published rule mean: once a rule is published these never
 * change under it (a price is per unit of this measure, in this currency; a budget is
 * per cycle of this frequency; the rule was checked for this sector and unit).
 */
export const FIXED_ONCE_RULED = ['sector', 'unit', 'benefitKind', 'measure', 'currency', 'frequency'] as const satisfies readonly (keyof ProgramDefinition)[];

/**
 * Checks what the schemas cannot: an in-kind benefit counts in a measure, a cash benefit
 * in its currency; distribution points are listed once. Returns the definition with
 * distribution points deduplicated. Throws VALIDATION_FAILED naming the field.
 */
export function checkDefinition(d: ProgramDefinition): ProgramDefinition {
  if (!PROGRAM_CODE_PATTERN.test(d.code) || d.code.length < 2 || d.code.length > PROGRAM_CODE_MAX) {
    throw new DomainError('VALIDATION_FAILED', `code "${d.code}" must be 2-${PROGRAM_CODE_MAX} characters of kebab-case: lowercase letters and digits separated by single hyphens, starting with a letter`, { field: 'code' });
  }
  if (!CURRENCY_PATTERN.test(d.currency)) {
    throw new DomainError('VALIDATION_FAILED', `currency "${d.currency}" must be an ISO 4217 code such as VES`, { field: 'currency' });
  }
  if (d.benefitKind === 'cash' && d.measure !== d.currency) {
    throw new DomainError('VALIDATION_FAILED', `a cash benefit is counted in its currency: measure must be ${d.currency}, not "${d.measure}"`, { field: 'measure' });
  }
  if (d.benefitKind === 'in_kind' && !MEASURE_PATTERN.test(d.measure)) {
    throw new DomainError('VALIDATION_FAILED', `measure "${d.measure}" must name what a quantity counts, in lowercase (box, litre, unit)`, { field: 'measure' });
  }
  for (const p of d.distributionPoints) {
    if (!DISTRIBUTION_POINT_PATTERN.test(p)) throw new DomainError('VALIDATION_FAILED', `distribution point "${p}" is not a code`, { field: 'distributionPoints' });
  }
  if (d.distributionPoints.length > DISTRIBUTION_POINTS_MAX) {
    throw new DomainError('VALIDATION_FAILED', `at most ${DISTRIBUTION_POINTS_MAX} distribution points`, { field: 'distributionPoints' });
  }
  return { ...d, distributionPoints: [...new Set(d.distributionPoints)] };
}

/** The official acting on programs: who, in what role, over which programs and regions. */
export interface ProgramActor extends AuditActor {
  programScopes: readonly string[];
  regionScopes: readonly string[];
}

export const programActorOf = (official: { id: string; username: string; role: string; programScopes: readonly string[]; regionScopes: readonly string[] }): ProgramActor => ({
  id: official.id,
  name: official.username,
  role: official.role,
  programScopes: official.programScopes,
  regionScopes: official.regionScopes,
});

/** Today's date in UTC, YYYY-MM-DD: rules take effect on calendar dates. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);
