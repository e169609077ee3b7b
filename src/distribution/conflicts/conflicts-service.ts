import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { NATIONAL_SCOPE } from '../../auth/roles.ts';
import { reverse } from '../../ledger/reverse.ts';
import type { ProgramActor } from '../../programs/program-definition.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import { insertResolution, listConflictRows, redemptionsByIds } from './store.ts';
import type { ConflictDecision } from './tables.ts';
import { collidingView, conflictView, type ConflictView } from './views.ts';

/**
 * Conflicts for supervisors: program managers see and resolve those of the programs
 * their scopes cover; auditors read them all. A conflict outside the official's
 * programs is NOT_FOUND, as one that does not exist.
 */

const READERS = new Set(['program_manager', 'auditor']);
const programsOf = (actor: ProgramActor): readonly string[] | null => {
  if (!READERS.has(actor.role)) throw new DomainError('FORBIDDEN', 'only program managers and auditors read conflicts');
  return actor.role === 'auditor' || actor.programScopes.includes(NATIONAL_SCOPE) ? null : actor.programScopes;
};

export async function listConflicts(
  ctx: AppContext,
  actor: ProgramActor,
  q: { point?: string | undefined; program?: string | undefined; status?: 'open' | 'resolved' | undefined; limit?: number | undefined },
  requestId?: string,
): Promise<ConflictView[]> {
  const rows = await listConflictRows(ctx.db, { point: q.point, program: q.program, status: q.status, programs: programsOf(actor), limit: q.limit ?? 200 });
  await writeAudit(ctx.db, {
    actor,
    purpose: actor.role === 'auditor' ? 'oversight' : 'distribution',
    action: 'distribution.conflicts_read',
    summary: { point: q.point ?? null, program: q.program ?? null, status: q.status ?? null, count: rows.length },
    requestId,
  });
  return rows.map(conflictView);
}

export async function readConflict(ctx: AppContext, actor: ProgramActor, id: string, requestId?: string) {
  const [row] = await listConflictRows(ctx.db, { id, programs: programsOf(actor), limit: 1 });
  if (!row) throw notFound('conflict');
  const colliding = await redemptionsByIds(ctx.db, row.conflicts_with);
  await writeAudit(ctx.db, {
    actor,
    purpose: actor.role === 'auditor' ? 'oversight' : 'distribution',
    action: 'distribution.conflict_read',
    subject: { type: 'redemption_conflict', id },
    requestId,
  });
  return { ...conflictView(row), redemptions: colliding.map(collidingView) };
}

/**
 * A program manager's decision on a conflict, once: the double pickup accepted as a
 * loss, the goods recovered, or the price refunded — the conflict's price posting
 * reversed (src/ledger reverse) in the same transaction as the decision and its audit
 * entry. A second decision is CONFLICT; a refund of a pickup that cost nothing,
 * RULE_VIOLATION.
 */
export async function resolveConflict(ctx: AppContext, actor: ProgramActor, id: string, input: { decision: ConflictDecision; note: string }, requestId?: string) {
  if (actor.role !== 'program_manager') throw new DomainError('FORBIDDEN', 'only a program manager resolves conflicts');
  const [row] = await listConflictRows(ctx.db, { id, programs: programsOf(actor), limit: 1 });
  if (!row) throw notFound('conflict');
  if (row.decision) throw new DomainError('CONFLICT', `conflict ${id} was already resolved (${row.decision}) by ${row.decided_by_name}`, { decision: row.decision });
  if (input.decision === 'refunded' && !row.posting_id) throw new DomainError('RULE_VIOLATION', 'nothing was paid for this pickup: there is nothing to refund');
  await ctx.db.transaction().execute(async (tx) => {
    const reversal =
      input.decision === 'refunded'
        ? await reverse(tx, row.posting_id!, { idempotencyKey: `conflict:${id}:refund`, reason: `refund of conflict ${id}: ${input.note}`.slice(0, 500), by: { officialId: actor.id } })
        : null;
    const inserted = await insertResolution(tx, { conflict_id: id, decision: input.decision, note: input.note, reversal_id: reversal?.posting.id ?? null, decided_by: actor.id, decided_by_name: actor.name });
    if (!inserted) throw new DomainError('CONFLICT', `conflict ${id} was just resolved by someone else`);
    await writeAudit(tx, {
      actor,
      purpose: 'distribution',
      action: 'distribution.conflict_resolved',
      subject: { type: 'redemption_conflict', id },
      summary: { decision: input.decision, note: input.note, reversalId: reversal?.posting.id ?? null, program: row.program_code, point: row.point_code },
      requestId,
    });
  });
  return readConflict(ctx, actor, id, requestId);
}
