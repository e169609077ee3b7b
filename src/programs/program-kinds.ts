import type { Sector } from '../registry/catalogue/attribute-definition.ts';

/**
 * What a program is (DESIGN.md "program manager"; issue 5): its sector, benefit unit,
 * benefit and frequency, and the lifecycle it goes through. Declarations only, so that
 * the table types (tables.ts) depend on nothing else.
 */

/**
 * The sectors a program may belong to: the catalogue's sectors except `identity`. An
 * identity-sector rule may ask about cards and enrolment (rules/card-and-enrolment-terms.ts);
 * no benefit program may (commitment 2), so none can be of that sector.
 */
export const PROGRAM_SECTORS = ['food', 'health', 'pensions', 'fuel', 'cash'] as const satisfies readonly Exclude<Sector, 'identity'>[];
export type ProgramSector = (typeof PROGRAM_SECTORS)[number];

/** One decision per household, or one per person. */
export const PROGRAM_UNITS = ['household', 'person'] as const;
export type ProgramUnit = (typeof PROGRAM_UNITS)[number];

/** An item handed over (boxes, medicine, litres), or money paid. */
export const BENEFIT_KINDS = ['in_kind', 'cash'] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];

export const FREQUENCIES = ['monthly', 'weekly', 'one_off'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const PROGRAM_STATUSES = ['draft', 'active', 'closed'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export const PROGRAM_ACTIONS = ['edit', 'publish_rule', 'activate', 'close'] as const;
export type ProgramAction = (typeof PROGRAM_ACTIONS)[number];

/**
 * The lifecycle, as data: the server refuses any other transition and the console shows
 * these buttons. A draft is not public; it becomes active once it has a rule. Closing is
 * final (a program that starts again is a new program), and a draft is never closed, so
 * that every program on the public pages was once in operation.
 */
export const PROGRAM_ACTIONS_BY_STATUS = {
  draft: ['edit', 'publish_rule', 'activate'],
  active: ['edit', 'publish_rule', 'close'],
  closed: [],
} as const satisfies Record<ProgramStatus, readonly ProgramAction[]>;
