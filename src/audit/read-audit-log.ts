import type { AppContext } from '../app-context.ts';
import { findOfficialByUsername } from '../auth/store.ts';
import type { AuditAction } from './actions.ts';
import { listEntries } from './store.ts';
import { writeAudit, type AuditActor } from './write-audit.ts';

export interface AuditLogQuery {
  actor?: string | undefined;
  action?: AuditAction | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/** A page of the log, newest first. The reading is itself an entry: oversight is overseen. */
export async function readAuditLog(ctx: AppContext, reader: AuditActor, q: AuditLogQuery, requestId?: string) {
  let actorId: string | undefined;
  if (q.actor) {
    actorId = (await findOfficialByUsername(ctx.db, q.actor.toLowerCase()))?.id;
    if (!actorId) return { entries: [], nextBefore: null };
  }
  const rows = await listEntries(ctx.db, {
    actorId,
    action: q.action,
    subjectType: q.subjectType,
    subjectId: q.subjectId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    beforeId: q.before,
    limit: q.limit,
  });
  const { limit: _limit, ...filter } = q;
  await writeAudit(ctx.db, { actor: reader, purpose: 'oversight', action: 'audit.read', summary: { filter, returned: rows.length }, requestId });
  return {
    entries: rows.map((r) => ({
      id: r.id,
      chain: r.chain,
      seq: r.seq,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      role: r.role,
      purpose: r.purpose,
      action: r.action,
      outcome: r.outcome,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      detail: r.detail,
      requestId: r.request_id,
      hash: r.hash.toString('hex'),
    })),
    nextBefore: rows.length === q.limit ? (rows.at(-1)?.id ?? null) : null,
  };
}
