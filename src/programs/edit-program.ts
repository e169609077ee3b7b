import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { DomainError } from '../shared/domain-error.ts';
import { assertAllowed, checkDefinition, FIXED_ONCE_RULED, type ProgramActor, type ProgramDefinition } from './program-definition.ts';
import { assertManager, programInScope, purposeOf } from './program-in-scope.ts';
import { appendProgramVersion, latestRuleVersion, ruleVersionsOf, type ProgramRow } from './store.ts';
import { programView, type ProgramView } from './views.ts';

/** What an edit may change: everything but the code. */
export type ProgramChanges = Partial<Omit<ProgramDefinition, 'code'>>;

export interface EditProgramInput {
  /** The version the official read; a newer one means someone else changed the program (CONFLICT). */
  expectedVersion: number;
  reason: string;
  changes: ProgramChanges;
}

/**
 * Changes a program's definition: a new version with who, when and why; nothing is
 * overwritten. Once a rule is published, what its numbers mean (sector, unit, benefit
 * kind, measure, currency, frequency) stays as it is: such a change is refused
 * (RULE_VIOLATION) — define a new program instead. Refuses also: a stale
 * `expectedVersion` (CONFLICT), a closed program, a change that changes nothing.
 */
export async function editProgram(ctx: AppContext, actor: ProgramActor, code: string, input: EditProgramInput, options: { requestId?: string } = {}): Promise<ProgramView> {
  assertManager(actor);
  return ctx.db.transaction().execute(async (tx) => {
    const program = await programInScope(tx, actor, code, { lock: true });
    if (program.version !== input.expectedVersion) {
      throw new DomainError('CONFLICT', `program ${code} changed since you read it (now version ${program.version}); reload and edit again`, { version: program.version });
    }
    assertAllowed(program.status, 'edit', code);
    const current = definitionOf(program);
    const changes: ProgramChanges = { ...input.changes };
    if (changes.distributionPoints) changes.distributionPoints = [...new Set(changes.distributionPoints)];
    const changed = (Object.keys(changes) as (keyof ProgramChanges)[]).filter((k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(current[k]));
    if (changed.length === 0) throw new DomainError('VALIDATION_FAILED', 'nothing to change: every value given is the current one');
    const fixed = changed.filter((k) => (FIXED_ONCE_RULED as readonly string[]).includes(k));
    if (fixed.length && (await latestRuleVersion(tx, program.id)) > 0) {
      throw new DomainError('RULE_VIOLATION', `${fixed.join(', ')} cannot change once a rule is published: the published prices, budgets and rules are stated in them; define a new program instead`, { fields: fixed });
    }
    const next = checkDefinition({ ...current, ...Object.fromEntries(changed.map((k) => [k, changes[k]])) });
    const updated = await appendProgramVersion(
      tx,
      program.id,
      input.expectedVersion,
      {
        name_es: next.name.es,
        name_en: next.name.en,
        description_es: next.description.es,
        description_en: next.description.en,
        sector: next.sector,
        unit: next.unit,
        benefit_kind: next.benefitKind,
        item_es: next.item.es,
        item_en: next.item.en,
        measure: next.measure,
        currency: next.currency,
        frequency: next.frequency,
        distribution_points: next.distributionPoints,
        partial_pickups: next.partialPickups ?? false,
      },
      { reason: input.reason, changedBy: actor.id, changedByName: actor.name },
    );
    if (!updated) throw new DomainError('CONFLICT', `program ${code} changed since you read it; reload and edit again`);
    await writeAudit(tx, {
      actor,
      purpose: purposeOf(actor),
      action: 'program.changed',
      subject: { type: 'program', id: program.id },
      summary: { code, fields: changed, version: updated.version, reason: input.reason },
      requestId: options.requestId,
    });
    return programView(updated, await ruleVersionsOf(tx, [program.id]));
  });
}

export const definitionOf = (p: ProgramRow): ProgramDefinition => ({
  code: p.code,
  name: { es: p.name_es, en: p.name_en },
  description: { es: p.description_es, en: p.description_en },
  sector: p.sector,
  unit: p.unit,
  benefitKind: p.benefit_kind,
  item: { es: p.item_es, en: p.item_en },
  measure: p.measure,
  currency: p.currency,
  frequency: p.frequency,
  distributionPoints: p.distribution_points,
  partialPickups: p.partial_pickups,
});
