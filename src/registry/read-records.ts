import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { notFound } from '../shared/domain-error.ts';
import type { RegistryActor } from './enrol-household.ts';
import { findHousehold, findPerson, householdHistory, householdMembers, personHistory } from './store.ts';
import { householdView, personView } from './views.ts';

// "Not found" and "outside your regions" are one answer, so that an official cannot
// learn that a record exists where they may not look.

/** A person's current record, for an official whose regions cover it; audited. */
export async function readPerson(ctx: AppContext, reader: RegistryActor, id: string, requestId?: string) {
  const person = await findPerson(ctx.db, id);
  if (!person || !coversRegion(reader.regionScopes, person.region_code)) throw notFound('person');
  await writeAudit(ctx.db, { actor: reader, purpose: 'enrolment', action: 'registry.person_read', subject: { type: 'person', id }, requestId });
  return personView(person);
}

export async function readHousehold(ctx: AppContext, reader: RegistryActor, id: string, requestId?: string) {
  const household = await findHousehold(ctx.db, id);
  if (!household || !coversRegion(reader.regionScopes, household.region_code)) throw notFound('household');
  const members = await householdMembers(ctx.db, id);
  await ctx.db.transaction().execute(async (tx) => {
    await writeAudit(tx, { actor: reader, purpose: 'enrolment', action: 'registry.household_read', subject: { type: 'household', id }, requestId });
    for (const m of members) {
      await writeAudit(tx, { actor: reader, purpose: 'enrolment', action: 'registry.person_read', subject: { type: 'person', id: m.id }, summary: { via: 'household' }, requestId });
    }
  });
  return householdView(household, members);
}

/** Every version of a person's record, oldest first, with who changed it and why. */
export async function readPersonHistory(ctx: AppContext, reader: RegistryActor, id: string, requestId?: string) {
  const person = await findPerson(ctx.db, id);
  if (!person || !coversRegion(reader.regionScopes, person.region_code)) throw notFound('person');
  const versions = await personHistory(ctx.db, id);
  await writeAudit(ctx.db, { actor: reader, purpose: 'enrolment', action: 'registry.history_read', subject: { type: 'person', id }, requestId });
  return versions.map((v) => ({ version: v.version, data: v.data, reason: v.reason, changedBy: v.changed_by_name, changedAt: v.changed_at.toISOString() }));
}

export async function readHouseholdHistory(ctx: AppContext, reader: RegistryActor, id: string, requestId?: string) {
  const household = await findHousehold(ctx.db, id);
  if (!household || !coversRegion(reader.regionScopes, household.region_code)) throw notFound('household');
  const versions = await householdHistory(ctx.db, id);
  await writeAudit(ctx.db, { actor: reader, purpose: 'enrolment', action: 'registry.history_read', subject: { type: 'household', id }, requestId });
  return versions.map((v) => ({ version: v.version, data: v.data, reason: v.reason, changedBy: v.changed_by_name, changedAt: v.changed_at.toISOString() }));
}
