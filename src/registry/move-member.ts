import type { AppContext } from '../app-context.ts';
import { writeAuditBatch, type AuditRecord } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import type { RegistryActor } from './enrol-household.ts';
import type { Relationship } from './schemas.ts';
import { appendHouseholdVersion, appendPersonVersion, findHousehold, findPerson, type HouseholdRow, type NewPerson, type PersonRow } from './store.ts';

export interface MoveInput {
  /** The version of the household the person leaves, as the official read it. */
  expectedVersion: number;
  personId: string;
  toHouseholdId: string;
  relationship: Exclude<Relationship, 'head'>;
  reason: string;
}

/**
 * Moves a member to another household (they moved house, or were enrolled in the
 * wrong one): a new version of the person (household, relationship, and parish when
 * the new household lives elsewhere) and of both households, in one transaction.
 * Refused, changing nothing: either household outside the official's regions (as if
 * it did not exist), a stale `expectedVersion`, the head (name another head first), a
 * removed or merged person, a removed household.
 */
export async function moveMember(ctx: AppContext, actor: RegistryActor, fromHouseholdId: string, move: MoveInput, options: { requestId?: string } = {}) {
  return ctx.db.transaction().execute(async (tx) => {
    const from = await findHousehold(tx, fromHouseholdId);
    if (!from || !coversRegion(actor.regionScopes, from.region_code)) throw notFound('household');
    if (from.version !== move.expectedVersion) {
      throw new DomainError('CONFLICT', `the household changed since you read it (now version ${from.version}); reload and try again`);
    }
    const person = await findPerson(tx, move.personId);
    if (!person || person.household_id !== from.id) throw notFound('member of this household');
    if (move.toHouseholdId === from.id) throw new DomainError('VALIDATION_FAILED', 'the person already belongs to this household', { field: 'toHouseholdId' });
    const to = await findHousehold(tx, move.toHouseholdId);
    if (!to || !coversRegion(actor.regionScopes, to.region_code)) throw notFound('household to move to');
    const moved = await transferMember(tx, actor, person, from, to, move.relationship, move.reason, options.requestId);
    return { personId: person.id, personVersion: moved.person.version, from: { householdId: from.id, version: moved.from.version }, to: { householdId: to.id, version: moved.to.version } };
  });
}

/**
 * The move itself, for `moveMember` and for a member added as "the same person" as a
 * registered one: checks the rules that hold for both, writes the three versions and
 * the audit entries. `from` and `to` were read in this transaction and are in the
 * official's regions. Runs inside the caller's transaction.
 */
export async function transferMember(
  tx: Db,
  actor: RegistryActor,
  person: PersonRow,
  from: HouseholdRow,
  to: HouseholdRow,
  relationship: Relationship,
  reason: string,
  requestId?: string,
) {
  if (person.status !== 'active') throw new DomainError('RULE_VIOLATION', `a ${person.status} record cannot move; undo its removal or merge first`);
  if (person.relationship === 'head') {
    throw new DomainError('RULE_VIOLATION', 'the head of a household cannot leave it: first make another member the head (a correction of the relationships)');
  }
  if (relationship === 'head') throw new DomainError('RULE_VIOLATION', 'a household keeps its one head: join with another relationship, then change the head');
  if (from.status !== 'active' || to.status !== 'active') throw new DomainError('RULE_VIOLATION', 'a removed household cannot gain or lose members; undo its removal first');

  const who = { reason, changedBy: actor.id, changedByName: actor.name };
  const conflict = () => new DomainError('CONFLICT', 'a record changed meanwhile; reload and try again');
  const change: Partial<NewPerson> = { household_id: to.id, relationship };
  if (to.region_code !== person.region_code) change.region_code = to.region_code;
  const movedPerson = await appendPersonVersion(tx, person.id, person.version, change, who);
  if (!movedPerson) throw conflict();
  // Both households, always in id order: two opposite moves at once wait, never deadlock.
  const versions = new Map<string, HouseholdRow>();
  for (const h of [from, to].sort((a, b) => a.id.localeCompare(b.id))) {
    const updated = await appendHouseholdVersion(tx, h.id, h.version, {}, who);
    if (!updated) throw conflict();
    versions.set(h.id, updated);
  }
  const audit = { actor, purpose: 'enrolment' as const, requestId };
  const entries: AuditRecord[] = [
    { ...audit, action: 'registry.member_moved', subject: { type: 'person', id: person.id }, summary: { from: from.id, to: to.id, relationship, version: movedPerson.version, reason } },
    { ...audit, action: 'registry.household_edited', subject: { type: 'household', id: from.id }, summary: { fields: ['members'], version: versions.get(from.id)!.version, reason, left: person.id } },
    { ...audit, action: 'registry.household_edited', subject: { type: 'household', id: to.id }, summary: { fields: ['members'], version: versions.get(to.id)!.version, reason, joined: person.id } },
  ];
  await writeAuditBatch(tx, entries);
  return { person: movedPerson, from: versions.get(from.id)!, to: versions.get(to.id)! };
}
