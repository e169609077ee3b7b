import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import type { RegistryActor } from './enrol-household.ts';
import { blockingRowsOf, dedupPersonOf, indexKeysOf } from './find-duplicates.ts';
import { readableAttributes, REGISTRY_SECTOR, validatePersonAttributes } from './person-attributes.ts';
import { storedBirthDate } from './person-row.ts';
import type { PersonInput } from './schemas.ts';
import { appendHouseholdVersion, appendPersonVersion, findHousehold, findPerson, replaceBlockingKeys, type NewPerson } from './store.ts';
import type { Address, Evidence } from './tables.ts';
import { personView } from './views.ts';

export type PersonChanges = Partial<Omit<PersonInput, 'relationship'>> & { relationship?: PersonInput['relationship'] };

/**
 * Corrects a person's record. The change becomes a new version with who, when and
 * why; nothing is overwritten. Refused when the record changed since the caller read
 * it (`expectedVersion`), when it is tombstoned or merged, or outside the official's
 * regions. Returns the new current record.
 */
export async function editPerson(
  ctx: AppContext,
  actor: RegistryActor,
  id: string,
  edit: { expectedVersion: number; reason: string; changes: PersonChanges },
  options: { requestId?: string } = {},
) {
  return ctx.db.transaction().execute(async (tx) => {
    const person = await findPerson(tx, id);
    if (!person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('person');
    if (person.status !== 'active') throw new DomainError('RULE_VIOLATION', `a ${person.status} record cannot be edited; undo its removal first`);
    const c = edit.changes;
    const changed = Object.keys(c).filter((k) => (c as Record<string, unknown>)[k] !== undefined);
    if (changed.length === 0) throw new DomainError('VALIDATION_FAILED', 'nothing to change');
    const set: Partial<NewPerson> = {};
    const relationshipChanges = c.relationship !== undefined && c.relationship !== person.relationship;
    if (relationshipChanges && (c.relationship === 'head' || person.relationship === 'head')) {
      throw new DomainError('RULE_VIOLATION', 'a household has exactly one head: change the head by correcting the household, where the old and the new head change together');
    }
    if (c.relationship) set.relationship = c.relationship;
    if (c.givenNames) set.given_names = c.givenNames;
    if (c.familyNames) set.family_names = c.familyNames;
    if (c.sex !== undefined) set.sex = c.sex;
    if (c.birthDate !== undefined) Object.assign(set, storedBirthDate(c.birthDate));
    if (c.placeOfBirth !== undefined) set.place_of_birth = c.placeOfBirth;
    if (c.phone !== undefined) set.phone = c.phone;
    if (c.evidence) set.evidence = JSON.stringify(c.evidence);
    // Only the keys given change: an official must not erase values withheld from them.
    if (c.attributes) set.attributes = JSON.stringify({ ...person.attributes, ...(await validatePersonAttributes(tx, c.attributes, 'changes.attributes')) });
    if (c.givenNames || c.familyNames || c.birthDate !== undefined || c.sex !== undefined || c.evidence) {
      const household = await findHousehold(tx, person.household_id);
      const merged = {
        givenNames: c.givenNames ?? person.given_names,
        familyNames: c.familyNames ?? person.family_names,
        sex: c.sex !== undefined ? c.sex : person.sex,
        birthDate: c.birthDate !== undefined ? c.birthDate : person.birth_date ? { value: person.birth_date, precision: person.birth_date_precision, declared: person.birth_date_declared } : null,
        evidence: c.evidence ?? (person.evidence as Evidence[]),
      };
      const probe = { ...dedupPersonOf(merged, { id, householdId: person.household_id, regionCode: person.region_code, address: household?.address as Address }), id };
      set.dedup_keys = indexKeysOf(probe);
      await replaceBlockingKeys(tx, id, blockingRowsOf(probe));
    }
    const updated = await appendPersonVersion(tx, id, edit.expectedVersion, set, { reason: edit.reason, changedBy: actor.id, changedByName: actor.name });
    if (!updated) throw new DomainError('CONFLICT', `the record changed since you read it (now version ${person.version}); reload and edit again`);
    if (relationshipChanges) {
      // The household's history records who belongs to it and how: it gets a version too.
      const household = await findHousehold(tx, person.household_id);
      if (!household || !(await appendHouseholdVersion(tx, household.id, household.version, {}, { reason: edit.reason, changedBy: actor.id, changedByName: actor.name }))) {
        throw new DomainError('CONFLICT', 'the household changed meanwhile; try again');
      }
    }
    await writeAudit(tx, {
      actor,
      purpose: 'enrolment',
      action: 'registry.person_edited',
      subject: { type: 'person', id },
      summary: { fields: changed, version: updated.version, reason: edit.reason },
      requestId: options.requestId,
    });
    return personView(updated, await readableAttributes(tx, updated.attributes, REGISTRY_SECTOR));
  });
}
