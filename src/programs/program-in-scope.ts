import type { Purpose } from '../audit/actions.ts';
import type { AuditActor } from '../audit/write-audit.ts';
import { coversProgram } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import type { ProgramActor } from './program-definition.ts';
import { findProgramByCode, lockProgramByCode, type ProgramRow } from './store.ts';

/** Who may define and change programs: program managers, and the installation itself (demo seed, CLI). */
const MANAGERS = new Set(['program_manager', 'system']);

export function assertManager(actor: AuditActor) {
  if (!MANAGERS.has(actor.role)) throw new DomainError('FORBIDDEN', 'only a program manager may define and change programs');
}

/** The purpose a change to a program is recorded under. */
export const purposeOf = (actor: AuditActor): Purpose => (actor.role === 'system' ? 'system' : 'eligibility');

/**
 * The program with this code, if the official's program scopes cover it. "Does not
 * exist" and "outside your programs" are one answer (NOT_FOUND). With `lock`, the row
 * stays locked until the caller's transaction ends.
 */
export async function programInScope(db: Db, actor: ProgramActor, code: string, options: { lock?: boolean } = {}): Promise<ProgramRow> {
  if (!coversProgram(actor.programScopes, code)) throw notFound('program');
  const program = options.lock ? await lockProgramByCode(db, code) : await findProgramByCode(db, code);
  if (!program) throw notFound('program');
  return program;
}
