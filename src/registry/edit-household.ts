import type { AppContext } from '../app-context.ts';
import { writeAuditBatch, type AuditRecord } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import type { RegistryActor } from './enrol-household.ts';
import type { HouseholdEdit, Relationship } from './schemas.ts';
import { appendHouseholdVersion, appendPersonVersion, findHousehold, householdMembers, regionIsParish, type NewHousehold, type NewPerson, type PersonRow } from './store.ts';
import { householdRecord } from './views.ts';

export type HouseholdChanges = HouseholdEdit['changes'];

/**
 * Corrects a household: its address, distribution point, parish, and the
 * relationships of its members. One transaction makes a new household version and a
 * new version of every member whose record changes (all members follow the household
 * to a new parish, whatever their status), each with who, when and why. Refused,
 * changing nothing: a household outside the official's regions (as if it did not
 * exist), a new parish outside them or not a parish, a removed household, a stale
 * `expectedVersion`, relationships that leave other than exactly one head or make a
 * removed or merged member the head, and a correction that changes nothing.
 * Returns the household as it now is, without its members.
 */
export async function editHousehold(
  ctx: AppContext,
  actor: RegistryActor,
  id: string,
  edit: { expectedVersion: number; reason: string; changes: HouseholdChanges },
  options: { requestId?: string } = {},
) {
  const c = edit.changes;
  if (c.regionCode !== undefined) {
    if (!coversRegion(actor.regionScopes, c.regionCode)) throw new DomainError('FORBIDDEN', `region ${c.regionCode} is outside your scope`);
    if (!(await regionIsParish(ctx.db, c.regionCode))) throw new DomainError('VALIDATION_FAILED', `${c.regionCode} is not a parish of the country's divisions`);
  }
  return ctx.db.transaction().execute(async (tx) => {
    const household = await findHousehold(tx, id);
    if (!household || !coversRegion(actor.regionScopes, household.region_code)) throw notFound('household');
    if (household.status !== 'active') throw new DomainError('RULE_VIOLATION', 'a removed household cannot be corrected; undo its removal first');
    if (household.version !== edit.expectedVersion) throw stale(household.version);
    const members = await householdMembers(tx, id);

    const set: Partial<NewHousehold> = {};
    if (c.address && !sameJson(c.address, household.address)) set.address = JSON.stringify(c.address);
    if (c.distributionPoint !== undefined && (c.distributionPoint || null) !== household.distribution_point) set.distribution_point = c.distributionPoint || null;
    if (c.regionCode !== undefined && c.regionCode !== household.region_code) set.region_code = c.regionCode;
    const relationships = c.relationships ? newRelationships(members, c.relationships) : new Map<string, Relationship>();

    const fields = [
      ...(set.address !== undefined ? ['address'] : []),
      ...(set.distribution_point !== undefined ? ['distributionPoint'] : []),
      ...(set.region_code !== undefined ? ['regionCode'] : []),
      ...(relationships.size ? ['relationships'] : []),
    ];
    if (fields.length === 0) throw new DomainError('VALIDATION_FAILED', 'nothing to change: the household already is as given');

    const who = { reason: edit.reason, changedBy: actor.id, changedByName: actor.name };
    const audit = { actor, purpose: 'enrolment' as const, requestId: options.requestId };
    const entries: AuditRecord[] = [];
    // Members first: the household's new version records its membership as it then is.
    for (const m of members) {
      const change: Partial<NewPerson> = {};
      if (set.region_code) change.region_code = set.region_code;
      const relationship = relationships.get(m.id);
      if (relationship) change.relationship = relationship;
      if (Object.keys(change).length === 0) continue;
      const updated = await appendPersonVersion(tx, m.id, m.version, change, who);
      if (!updated) throw new DomainError('CONFLICT', 'a member changed meanwhile; reload the household and correct it again');
      entries.push({
        ...audit,
        action: 'registry.person_edited',
        subject: { type: 'person', id: m.id },
        summary: { fields: Object.keys(change).map((k) => (k === 'region_code' ? 'regionCode' : k)), version: updated.version, reason: edit.reason, via: 'household', householdId: id },
      });
    }
    const updated = await appendHouseholdVersion(tx, id, edit.expectedVersion, set, who);
    if (!updated) throw stale(household.version + 1);
    entries.unshift({
      ...audit,
      action: 'registry.household_edited',
      subject: { type: 'household', id },
      summary: { fields, version: updated.version, reason: edit.reason, members: entries.length },
    });
    await writeAuditBatch(tx, entries);
    return householdRecord(updated);
  });
}

/**
 * The relationships that change, checked against the rule of one head: given the new
 * relationship of some members, every member but those keeps theirs, and exactly one
 * member, an active one, must then be the head.
 */
function newRelationships(members: readonly PersonRow[], wanted: readonly { personId: string; relationship: Relationship }[]) {
  const byId = new Map(members.map((m) => [m.id, m]));
  const changes = new Map<string, Relationship>();
  const seen = new Set<string>();
  for (const w of wanted) {
    const member = byId.get(w.personId);
    if (!member) throw new DomainError('VALIDATION_FAILED', `${w.personId} is not a member of this household`, { field: 'changes.relationships' });
    if (seen.has(w.personId)) throw new DomainError('VALIDATION_FAILED', `${w.personId} is named twice`, { field: 'changes.relationships' });
    seen.add(w.personId);
    if (w.relationship !== member.relationship) changes.set(w.personId, w.relationship);
  }
  if (changes.size === 0) return changes;
  const heads = members.filter((m) => (changes.get(m.id) ?? m.relationship) === 'head');
  if (heads.length !== 1) {
    throw new DomainError('RULE_VIOLATION', `a household has exactly one head; these relationships would leave ${heads.length}: to change the head, give the old head another relationship in the same correction`);
  }
  if (heads[0]!.status !== 'active') throw new DomainError('RULE_VIOLATION', `the head must be an active member; this one is ${heads[0]!.status}`);
  return changes;
}

const stale = (now: number) => new DomainError('CONFLICT', `the household changed since you read it (now version ${now}); reload and correct it again`);

const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Objects with their keys sorted and absent values dropped: a stored address and a typed one compare by content. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined && x !== null && x !== '')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}
