import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { coversProgram } from '../auth/roles.ts';
import { DomainError } from '../shared/domain-error.ts';
import { checkDefinition, type ProgramActor, type ProgramDefinition } from './program-definition.ts';
import { assertManager, purposeOf } from './program-in-scope.ts';
import { findProgramByCode, insertProgram } from './store.ts';
import { programView, type ProgramView } from './views.ts';

export interface CreateProgramInput extends ProgramDefinition {
  /** Why the program is created (a decree, a ministry resolution); kept with version 1. */
  reason: string;
}

/**
 * A program manager defines a new program, as a draft: not public, no rule yet. The
 * official's program scopes must cover the code (or be national, `*`). Refuses,
 * writing nothing: a code outside the scopes (FORBIDDEN), a code already taken
 * (CONFLICT), a definition that does not hold together (VALIDATION_FAILED). The
 * program, its first version and the audit entry commit together.
 */
export async function createProgram(ctx: AppContext, actor: ProgramActor, input: CreateProgramInput, options: { requestId?: string } = {}): Promise<ProgramView> {
  assertManager(actor);
  if (!coversProgram(actor.programScopes, input.code)) {
    throw new DomainError('FORBIDDEN', `program ${input.code} is outside your program scopes (${actor.programScopes.join(', ') || 'none'})`);
  }
  const d = checkDefinition(input);
  return ctx.db.transaction().execute(async (tx) => {
    const now = new Date();
    const id = randomUUID();
    const inserted = await insertProgram(
      tx,
      {
        id,
        code: d.code,
        name_es: d.name.es,
        name_en: d.name.en,
        description_es: d.description.es,
        description_en: d.description.en,
        sector: d.sector,
        unit: d.unit,
        benefit_kind: d.benefitKind,
        item_es: d.item.es,
        item_en: d.item.en,
        measure: d.measure,
        currency: d.currency,
        frequency: d.frequency,
        distribution_points: d.distributionPoints,
        partial_pickups: d.partialPickups ?? false,
        status: 'draft',
        version: 1,
        activated_at: null,
        closed_at: null,
        created_at: now,
        created_by: actor.id,
        created_by_name: actor.name,
        updated_at: now,
        updated_by: actor.id,
        updated_by_name: actor.name,
      },
      { reason: input.reason, changedBy: actor.id, changedByName: actor.name },
    );
    if (!inserted) throw new DomainError('CONFLICT', `a program with code ${d.code} exists already`, { code: d.code });
    await writeAudit(tx, {
      actor,
      purpose: purposeOf(actor),
      action: 'program.created',
      subject: { type: 'program', id },
      summary: { code: d.code, sector: d.sector, unit: d.unit, benefitKind: d.benefitKind, frequency: d.frequency, reason: input.reason },
      requestId: options.requestId,
    });
    return programView((await findProgramByCode(tx, d.code))!, []);
  });
}
