import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { writeAudit, writeAuditBatch } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import type { RegistryActor } from './enrol-household.ts';
import { appendPersonVersion, findPerson, findRemovalRequest, insertRemovalRequest, listRemovalRequests, openRemovalFor, updateRemovalRequest } from './store.ts';
import type { RemovalStatus } from './tables.ts';

export type RemovalAction = 'approve' | 'reject' | 'undo';

/** The lifecycle of a removal, as data: the server refuses other moves and the console shows only these buttons. */
export const REMOVAL_ACTIONS_BY_STATUS = {
  pending: ['approve', 'reject'],
  approved: ['undo'],
  rejected: [],
  undone: [],
} as const satisfies Record<RemovalStatus, readonly RemovalAction[]>;

const NEXT_STATUS = { approve: 'approved', reject: 'rejected', undo: 'undone' } as const satisfies Record<RemovalAction, RemovalStatus>;

/** A registrar asks for a person to be removed (a duplicate, a death). Nothing changes until a second official approves. */
export async function requestRemoval(
  ctx: AppContext,
  actor: RegistryActor,
  personId: string,
  input: { reason: 'duplicate' | 'death' | 'other'; note: string },
  requestId?: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const person = await findPerson(tx, personId);
    if (!person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('person');
    if (person.status !== 'active') throw new DomainError('RULE_VIOLATION', `the record is already ${person.status}`);
    if (await openRemovalFor(tx, personId)) throw new DomainError('CONFLICT', 'a removal of this person is already pending');
    const id = randomUUID();
    await insertRemovalRequest(tx, { id, person_id: personId, reason: input.reason, note: input.note, requested_by: actor.id! });
    await writeAudit(tx, {
      actor,
      purpose: 'enrolment',
      action: 'registry.removal_requested',
      subject: { type: 'person', id: personId },
      summary: { request: id, reason: input.reason },
      requestId,
    });
    return { id, status: 'pending' as const };
  });
}

/**
 * A second official decides: approve (the person becomes a tombstone), reject, or,
 * later, undo an approved removal (the person is active again). Each step is a new
 * version of the person and an audit entry; the requester can never decide.
 */
export async function decideRemoval(ctx: AppContext, actor: RegistryActor, requestId: string, action: RemovalAction, note: string, httpRequestId?: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const request = await findRemovalRequest(tx, requestId);
    const person = request && (await findPerson(tx, request.person_id));
    if (!request || !person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('removal request');
    const allowed: readonly RemovalAction[] = REMOVAL_ACTIONS_BY_STATUS[request.status];
    if (!allowed.includes(action)) throw new DomainError('RULE_VIOLATION', `a ${request.status} removal cannot be ${NEXT_STATUS[action]}`);
    if (request.requested_by === actor.id) throw new DomainError('FORBIDDEN', 'a second official must decide: you asked for this removal');

    const now = new Date();
    const status = NEXT_STATUS[action];
    await updateRemovalRequest(
      tx,
      requestId,
      action === 'undo'
        ? { status, undone_by: actor.id, undone_at: now, undo_note: note }
        : { status, decided_by: actor.id, decided_at: now },
    );
    if (action !== 'reject') {
      const personStatus = action === 'approve' ? 'tombstoned' : 'active';
      const reason = action === 'approve' ? `removal approved (${request.reason}): ${note}` : `removal undone: ${note}`;
      const updated = await appendPersonVersion(tx, person.id, person.version, { status: personStatus }, { reason, changedBy: actor.id, changedByName: actor.name });
      if (!updated) throw new DomainError('CONFLICT', 'the record changed meanwhile; try again');
    }
    await writeAudit(tx, {
      actor,
      purpose: 'oversight',
      action: action === 'approve' ? 'registry.removal_approved' : action === 'reject' ? 'registry.removal_rejected' : 'registry.removal_undone',
      subject: { type: 'person', id: person.id },
      summary: { request: requestId, note },
      requestId: httpRequestId,
    });
    return { id: requestId, status, actions: [...REMOVAL_ACTIONS_BY_STATUS[status]] as RemovalAction[] };
  });
}

/** The review queue: removal requests in the official's regions, newest first; reading the names is audited. */
export async function listRemovals(ctx: AppContext, actor: RegistryActor, status: RemovalStatus | undefined, requestId?: string) {
  const rows = (await listRemovalRequests(ctx.db, status, 200)).filter((r) => coversRegion(actor.regionScopes, r.region_code));
  await writeAuditBatch(
    ctx.db,
    rows.map((r) => ({ actor, purpose: 'oversight' as const, action: 'registry.person_read' as const, subject: { type: 'person', id: r.person_id }, summary: { via: 'removal_queue' }, requestId })),
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: `${r.given_names} ${r.family_names}`,
    regionCode: r.region_code,
    reason: r.reason,
    note: r.note,
    status: r.status,
    requestedAt: r.requested_at.toISOString(),
    actions: [...REMOVAL_ACTIONS_BY_STATUS[r.status]],
  }));
}
