import type { AppContext } from '../app-context.ts';
import { writeAudit, writeAuditBatch } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { notFound } from '../shared/domain-error.ts';
import type { RegistryActor } from './enrol-household.ts';
import { findHousehold, findPerson, householdHistory, householdMembers, personHistory } from './store.ts';
import { readableAttributes, readableAttributesOf, REGISTRY_SECTOR } from './person-attributes.ts';
import { householdView, personView } from './views.ts';

// "Not found" and "outside your regions" are one answer, so that an official cannot
// learn that a record exists where they may not look.

/** A person's current record, for an official whose regions cover it; audited. */
export async function readPerson(ctx: AppContext, reader: RegistryActor, id: string, requestId?: string) {
  const person = await findPerson(ctx.db, id);
  if (!person || !coversRegion(reader.regionScopes, person.region_code)) throw notFound('person');
  const attributes = await readableAttributes(ctx.db, person.attributes, REGISTRY_SECTOR);
  await writeAudit(ctx.db, { actor: reader, purpose: 'enrolment', action: 'registry.person_read', subject: { type: 'person', id }, summary: { attributes: Object.keys(attributes.visible) }, requestId });
  return personView(person, attributes);
}

export async function readHousehold(ctx: AppContext, reader: RegistryActor, id: string, requestId?: string) {
  const household = await findHousehold(ctx.db, id);
  if (!household || !coversRegion(reader.regionScopes, household.region_code)) throw notFound('household');
  const members = await householdMembers(ctx.db, id);
  const attributes = await readableAttributesOf(ctx.db, members.map((m) => m.attributes), REGISTRY_SECTOR);
  await writeAuditBatch(ctx.db, [
    { actor: reader, purpose: 'enrolment', action: 'registry.household_read', subject: { type: 'household', id }, requestId },
    ...members.map((m, i) => ({
      actor: reader,
      purpose: 'enrolment' as const,
      action: 'registry.person_read' as const,
      subject: { type: 'person', id: m.id },
      summary: { via: 'household', attributes: Object.keys(attributes[i]!.visible) },
      requestId,
    })),
  ]);
  return householdView(household, members, attributes);
}

/** Every version of a person's record, oldest first, with who changed it and why. */
export async function readPersonHistory(ctx: AppContext, reader: RegistryActor, id: string, requestId?: string) {
  const person = await findPerson(ctx.db, id);
  if (!person || !coversRegion(reader.regionScopes, person.region_code)) throw notFound('person');
  const versions = await personHistory(ctx.db, id);
  await writeAudit(ctx.db, { actor: reader, purpose: 'enrolment', action: 'registry.history_read', subject: { type: 'person', id }, requestId });
  // Old versions hold attribute values too: the same purpose rule applies to them.
  const access = await readableAttributesOf(ctx.db, versions.map((v) => (v.data as { attributes?: Record<string, unknown> }).attributes ?? {}), REGISTRY_SECTOR);
  return versions.map((v, i) => {
    const { attributes: _attributes, ...rest } = v.data as { attributes?: Record<string, unknown> };
    return {
      version: v.version,
      data: { ...rest, attributes: access[i]!.visible, withheldAttributes: access[i]!.withheld },
      reason: v.reason,
      changedBy: v.changed_by_name,
      changedAt: v.changed_at.toISOString(),
    };
  });
}

export async function readHouseholdHistory(ctx: AppContext, reader: RegistryActor, id: string, requestId?: string) {
  const household = await findHousehold(ctx.db, id);
  if (!household || !coversRegion(reader.regionScopes, household.region_code)) throw notFound('household');
  const versions = await householdHistory(ctx.db, id);
  await writeAudit(ctx.db, { actor: reader, purpose: 'enrolment', action: 'registry.history_read', subject: { type: 'household', id }, requestId });
  return versions.map((v) => ({ version: v.version, data: v.data, reason: v.reason, changedBy: v.changed_by_name, changedAt: v.changed_at.toISOString() }));
}
