import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { writeAudit, type AuditActor } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { DomainError } from '../shared/domain-error.ts';
import { validatePersonAttributes } from './person-attributes.ts';
import type { HouseholdInput, PersonInput } from './schemas.ts';
import { findHouseholdByRef, findPerson, insertHouseholdWithMembers, regionIsParish, type NewPerson } from './store.ts';

export interface RegistryActor extends AuditActor {
  regionScopes: readonly string[];
}

export interface EnrolOptions {
  /** An import's or the seed's identifier: enrolling the same one twice returns the first. */
  externalRef?: string | undefined;
  requestId?: string | undefined;
  /** Blocking keys for duplicate search, computed by the dedup engine. */
  dedupKeys?: (person: PersonInput) => string[];
}

/**
 * Enrols a household and its members in one transaction: the current rows, their
 * first versions, and one audit entry per record. Refuses, changing nothing: a
 * region outside the official's scope, a code that is not a parish, a household
 * without exactly one head, an introducer who is not registered, and attributes
 * that are not in the published catalogue.
 */
export async function enrolHousehold(ctx: AppContext, actor: RegistryActor, input: HouseholdInput, options: EnrolOptions = {}) {
  if (!coversRegion(actor.regionScopes, input.regionCode)) {
    throw new DomainError('FORBIDDEN', `region ${input.regionCode} is outside your scope`);
  }
  const heads = input.members.filter((m) => m.relationship === 'head').length;
  if (heads !== 1) throw new DomainError('RULE_VIOLATION', `a household has exactly one head; this one has ${heads}`);

  return ctx.db.transaction().execute(async (tx) => {
    if (options.externalRef) {
      const existing = await findHouseholdByRef(tx, options.externalRef);
      if (existing) return { householdId: existing.id, personIds: [] as string[], created: false };
    }
    if (!(await regionIsParish(tx, input.regionCode))) {
      throw new DomainError('VALIDATION_FAILED', `${input.regionCode} is not a parish of the country's divisions`);
    }
    const householdId = randomUUID();
    const members: NewPerson[] = [];
    for (const [i, m] of input.members.entries()) {
      await checkIntroducers(tx, m);
      members.push({
        id: randomUUID(),
        household_id: householdId,
        relationship: m.relationship,
        region_code: input.regionCode,
        given_names: m.givenNames,
        family_names: m.familyNames,
        sex: m.sex,
        birth_date: m.birthDate ? (m.birthDate.precision === 'year' ? `${m.birthDate.value.slice(0, 4)}-01-01` : m.birthDate.value) : null,
        birth_date_precision: m.birthDate?.precision ?? 'day',
        birth_date_declared: m.birthDate?.declared ?? false,
        place_of_birth: m.placeOfBirth,
        phone: m.phone,
        evidence: JSON.stringify(m.evidence),
        attributes: JSON.stringify(await validatePersonAttributes(tx, m.attributes, `members[${i}]`)),
        version: 1,
        dedup_keys: options.dedupKeys?.(m) ?? [],
        external_ref: options.externalRef ? `${options.externalRef}/${i}` : null,
      });
    }
    await insertHouseholdWithMembers(
      tx,
      {
        id: householdId,
        region_code: input.regionCode,
        address: JSON.stringify(input.address),
        distribution_point: input.distributionPoint,
        version: 1,
        external_ref: options.externalRef ?? null,
      },
      members,
      { reason: input.reason, changedBy: actor.id, changedByName: actor.name },
    );
    const audit = { actor, purpose: 'enrolment' as const, requestId: options.requestId };
    await writeAudit(tx, { ...audit, action: 'registry.household_enrolled', subject: { type: 'household', id: householdId }, summary: { members: members.length, reason: input.reason } });
    for (const m of members) {
      await writeAudit(tx, { ...audit, action: 'registry.person_enrolled', subject: { type: 'person', id: m.id }, summary: { householdId } });
    }
    return { householdId, personIds: members.map((m) => m.id), created: true };
  });
}

async function checkIntroducers(db: Db, m: PersonInput) {
  for (const e of m.evidence) {
    if (e.kind !== 'introducer') continue;
    const introducer = await findPerson(db, e.introducerId);
    if (!introducer || introducer.status !== 'active') {
      throw new DomainError('RULE_VIOLATION', 'the introducer must be a registered, active person');
    }
  }
}
