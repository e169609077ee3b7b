import type { Purpose } from '../../audit/actions.ts';
import { coversProgram, coversRegion, type Role } from '../../auth/roles.ts';
import type { ProgramActor } from '../../programs/program-definition.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import type { CycleRow, PointRow } from './store.ts';

/**
 * Who may read a point's reconciliation, and under which purpose the read is recorded:
 *
 * - an **administrator** manages the points of their regions and records their cash
 *   deposits: region scope covers the point (purpose administration);
 * - an **auditor** checks the books: region scope covers the point (purpose oversight);
 * - a **program manager** answers for their programs' money: program scope covers the
 *   cycle's program and region scope covers the point (purpose distribution).
 *
 * A point or a cycle outside the official's scopes is NOT_FOUND, like one that does not
 * exist. Pure.
 */
export const RECONCILIATION_READERS = ['program_manager', 'auditor', 'administrator'] as const satisfies readonly Role[];

/** Who records a cash deposit: the administrator of the point's region (a till holds every program's money). */
export const DEPOSIT_RECORDERS = ['administrator'] as const satisfies readonly Role[];

const PURPOSES: Record<(typeof RECONCILIATION_READERS)[number], Purpose> = {
  administrator: 'administration',
  auditor: 'oversight',
  program_manager: 'distribution',
};

export function readerPurpose(actor: ProgramActor): Purpose {
  const purpose = PURPOSES[actor.role as keyof typeof PURPOSES];
  if (!purpose) throw new DomainError('FORBIDDEN', 'only an administrator, an auditor or a program manager reads a reconciliation');
  return purpose;
}

/** The point, if the official's regions cover it; NOT_FOUND otherwise. */
export function pointInScope(actor: ProgramActor, point: PointRow | undefined, code: string): PointRow {
  if (!point || !coversRegion(actor.regionScopes, point.region_code)) throw notFound(`distribution point ${code}`);
  return point;
}

/** The cycle, if a program manager's programs cover it (other readers see every program at their points). */
export function cycleInScope(actor: ProgramActor, cycle: CycleRow | undefined, id: string): CycleRow {
  if (!cycle || (actor.role === 'program_manager' && !coversProgram(actor.programScopes, cycle.program_code))) throw notFound(`cycle ${id}`);
  return cycle;
}

/** Whether a program manager may see this cycle in a point's list. */
export const cycleVisible = (actor: ProgramActor, cycle: CycleRow) => actor.role !== 'program_manager' || coversProgram(actor.programScopes, cycle.program_code);
