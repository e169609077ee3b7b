import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { writeAudit, writeAuditBatch, type AuditRecord } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import type { Db } from '../db/database.ts';
import type { RegistryActor } from './enrol-household.ts';
import {
  appendHouseholdVersion,
  appendPersonVersion,
  findHousehold,
  findHouseholdRemovalRequest,
  findPerson,
  findRemovalRequest,
  householdMembers,
  insertHouseholdRemovalRequest,
  insertRemovalRequest,
  listHouseholdRemovalRequests,
  listRemovalRequests,
  openHouseholdRemovalFor,
  openRemovalFor,
  updateHouseholdRemovalRequest,
  updateRemovalRequest,
} from './store.ts';
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

export type RemovalReason = 'duplicate' | 'death' | 'other';

/** A registrar asks for a person to be removed (a duplicate, a death). Nothing changes until a second official approves. */
export async function requestRemoval(
  ctx: AppContext,
  actor: RegistryActor,
  personId: string,
  input: { reason: RemovalReason; note: string },
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
    // One queue, one set of decisions: an id that is no person's request may be a household's.
    if (!request) return decideHouseholdRemoval(tx, actor, requestId, action, note, httpRequestId);
    const person = await findPerson(tx, request.person_id);
    if (!person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('removal request');
    const allowed: readonly RemovalAction[] = REMOVAL_ACTIONS_BY_STATUS[request.status];
    if (!allowed.includes(action)) throw new DomainError('RULE_VIOLATION', `a ${request.status} removal cannot be ${NEXT_STATUS[action]}`);
    if (request.requested_by === actor.id) throw new DomainError('FORBIDDEN', 'a second official must decide: you asked for this removal');
    if (action === 'undo') await refuseInRemovedHousehold(tx, person.household_id);

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

/**
 * A registrar asks for a household to be removed: only one whose members are all
 * removed or merged (each of those was a two-official act of its own). Nothing
 * changes until a second official approves.
 */
export async function requestHouseholdRemoval(
  ctx: AppContext,
  actor: RegistryActor,
  householdId: string,
  input: { reason: RemovalReason; note: string },
  requestId?: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const household = await findHousehold(tx, householdId);
    if (!household || !coversRegion(actor.regionScopes, household.region_code)) throw notFound('household');
    if (household.status !== 'active') throw new DomainError('RULE_VIOLATION', `the household is already ${household.status}`);
    await refuseWithActiveMembers(tx, householdId);
    if (await openHouseholdRemovalFor(tx, householdId)) throw new DomainError('CONFLICT', 'a removal of this household is already pending');
    const id = randomUUID();
    await insertHouseholdRemovalRequest(tx, { id, household_id: householdId, reason: input.reason, note: input.note, requested_by: actor.id! });
    await writeAudit(tx, {
      actor,
      purpose: 'enrolment',
      action: 'registry.household_removal_requested',
      subject: { type: 'household', id: householdId },
      summary: { request: id, reason: input.reason },
      requestId,
    });
    return { id, status: 'pending' as const };
  });
}

/** `decideRemoval` for a household's request: the same lifecycle, and the members are checked again at approval. */
async function decideHouseholdRemoval(tx: Db, actor: RegistryActor, requestId: string, action: RemovalAction, note: string, httpRequestId?: string) {
  const request = await findHouseholdRemovalRequest(tx, requestId);
  const household = request && (await findHousehold(tx, request.household_id));
  if (!request || !household || !coversRegion(actor.regionScopes, household.region_code)) throw notFound('removal request');
  const allowed: readonly RemovalAction[] = REMOVAL_ACTIONS_BY_STATUS[request.status];
  if (!allowed.includes(action)) throw new DomainError('RULE_VIOLATION', `a ${request.status} removal cannot be ${NEXT_STATUS[action]}`);
  if (request.requested_by === actor.id) throw new DomainError('FORBIDDEN', 'a second official must decide: you asked for this removal');
  // A member may have come back (a removal or merge undone) since the request.
  if (action === 'approve') await refuseWithActiveMembers(tx, household.id);

  const now = new Date();
  const status = NEXT_STATUS[action];
  await updateHouseholdRemovalRequest(
    tx,
    requestId,
    action === 'undo' ? { status, undone_by: actor.id, undone_at: now, undo_note: note } : { status, decided_by: actor.id, decided_at: now },
  );
  if (action !== 'reject') {
    const reason = action === 'approve' ? `removal approved (${request.reason}): ${note}` : `removal undone: ${note}`;
    const updated = await appendHouseholdVersion(tx, household.id, household.version, { status: action === 'approve' ? 'tombstoned' : 'active' }, { reason, changedBy: actor.id, changedByName: actor.name });
    if (!updated) throw new DomainError('CONFLICT', 'the household changed meanwhile; try again');
  }
  await writeAudit(tx, {
    actor,
    purpose: 'oversight',
    action: action === 'approve' ? 'registry.household_removal_approved' : action === 'reject' ? 'registry.household_removal_rejected' : 'registry.household_removal_undone',
    subject: { type: 'household', id: household.id },
    summary: { request: requestId, note },
    requestId: httpRequestId,
  });
  return { id: requestId, status, actions: [...REMOVAL_ACTIONS_BY_STATUS[status]] as RemovalAction[] };
}

async function refuseWithActiveMembers(db: Db, householdId: string) {
  const active = (await householdMembers(db, householdId)).filter((m) => m.status === 'active').length;
  if (active > 0) {
    throw new DomainError('RULE_VIOLATION', `only a household whose members are all removed or merged can be removed; ${active} ${active === 1 ? 'member is' : 'members are'} active: move or remove them first`);
  }
}

/**
 * A person comes back (a removal or a merge undone) only into a household that is
 * there: an active person in a removed household would be lost to every program.
 */
export async function refuseInRemovedHousehold(db: Db, householdId: string) {
  const household = await findHousehold(db, householdId);
  if (household?.status === 'tombstoned') throw new DomainError('RULE_VIOLATION', "the person's household was removed: undo the household's removal first");
}

/**
 * The review queue: removal requests of persons and households in the official's
 * regions, newest first; reading the names is audited.
 */
export async function listRemovals(ctx: AppContext, actor: RegistryActor, status: RemovalStatus | undefined, requestId?: string) {
  const limit = 200;
  const persons = (await listRemovalRequests(ctx.db, status, limit)).filter((r) => coversRegion(actor.regionScopes, r.region_code));
  const households = (await listHouseholdRemovalRequests(ctx.db, status, limit)).filter((r) => coversRegion(actor.regionScopes, r.region_code));
  const views = [
    ...persons.map((r) => ({
      id: r.id,
      kind: 'person' as const,
      personId: r.person_id as string | null,
      householdId: r.household_id,
      personName: `${r.given_names} ${r.family_names}`,
      regionCode: r.region_code,
      reason: r.reason,
      note: r.note,
      status: r.status,
      requestedAt: r.requested_at,
      actions: [...REMOVAL_ACTIONS_BY_STATUS[r.status]],
    })),
    ...households.map((r) => ({
      id: r.id,
      kind: 'household' as const,
      personId: null,
      householdId: r.household_id,
      personName: r.given_names === null ? '' : `${r.given_names} ${r.family_names}`,
      regionCode: r.region_code,
      reason: r.reason,
      note: r.note,
      status: r.status,
      requestedAt: r.requested_at,
      actions: [...REMOVAL_ACTIONS_BY_STATUS[r.status]],
    })),
  ]
    .sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime() || a.id.localeCompare(b.id))
    .slice(0, limit);
  const heads = new Map(households.map((r) => [r.id, r.head_id]));
  await writeAuditBatch(
    ctx.db,
    views.flatMap((r): AuditRecord[] => {
      const read = { actor, purpose: 'oversight' as const, summary: { via: 'removal_queue' }, requestId };
      if (r.kind === 'person') return [{ ...read, action: 'registry.person_read', subject: { type: 'person', id: r.personId! } }];
      const head = heads.get(r.id);
      return [
        { ...read, action: 'registry.household_read', subject: { type: 'household', id: r.householdId } },
        ...(head ? [{ ...read, action: 'registry.person_read' as const, subject: { type: 'person', id: head } }] : []),
      ];
    }),
  );
  return views.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() }));
}
