import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { writeAuditBatch, type AuditRecord } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import { checkIntroducers, stopForDuplicates, type RegistryActor } from './enrol-household.ts';
import { blockingRowsOf, dedupPersonOf, findCandidates, indexKeysOf } from './find-duplicates.ts';
import { transferMember } from './move-member.ts';
import { validatePersonAttributes } from './person-attributes.ts';
import { newPersonRow } from './person-row.ts';
import type { PersonInput } from './schemas.ts';
import { appendHouseholdVersion, findHousehold, findPerson, insertBlockingKeys, insertDedupPair, insertMember } from './store.ts';
import type { Address } from './tables.ts';

export interface MemberAdditionInput {
  expectedVersion: number;
  reason: string;
  member: PersonInput;
  dedupDecisions: { candidateId: string; decision: 'same' | 'different' }[];
}

/**
 * Adds a member to an enrolled household, through the same duplicate check as an
 * enrolment: a registered person who looks alike stops it with DUPLICATE_SUSPECTED
 * (member 0) until the registrar answers. "Different" for every candidate makes a new
 * record; "same" for one moves that registered person into this household instead
 * (the rules of a move apply: not the head of another household, in the official's
 * regions). Either way the household gets a new version. Refused, changing nothing:
 * a household outside the official's regions (as if it did not exist), a removed
 * household, a stale `expectedVersion`, a second head, an introducer who is not
 * registered, attributes not in the catalogue.
 */
export async function addMember(ctx: AppContext, actor: RegistryActor, householdId: string, input: MemberAdditionInput, options: { requestId?: string } = {}) {
  const household = await findHousehold(ctx.db, householdId);
  if (!household || !coversRegion(actor.regionScopes, household.region_code)) throw notFound('household');
  if (household.status !== 'active') throw new DomainError('RULE_VIOLATION', 'a removed household cannot gain members; undo its removal first');
  if (household.version !== input.expectedVersion) throw stale(household.version);
  const m = input.member;
  if (m.relationship === 'head') throw new DomainError('RULE_VIOLATION', 'a household has exactly one head: add the member with another relationship, then change the head');
  await checkIntroducers(ctx.db, m);
  const attributes = await validatePersonAttributes(ctx.db, m.attributes, 'member');

  const dedup = dedupPersonOf(m, { householdId, regionCode: household.region_code, address: household.address as Address });
  const candidates = await findCandidates(ctx.db, dedup);
  const decisionOf = (candidateId: string) => input.dedupDecisions.find((d) => d.candidateId === candidateId)?.decision;
  const same = candidates.filter((c) => decisionOf(c.person.id) === 'same');
  if (same.length > 1) throw new DomainError('VALIDATION_FAILED', 'a new member can be the same person as one registered record only', { field: 'dedupDecisions' });
  if (same.length === 0) {
    const undecided = candidates.filter((c) => !decisionOf(c.person.id));
    if (undecided.length) await stopForDuplicates(ctx, actor, [{ member: 0, candidates: undecided }], options.requestId);
  }

  return ctx.db.transaction().execute(async (tx) => {
    const audit = { actor, purpose: 'enrolment' as const, requestId: options.requestId };
    const current = await findHousehold(tx, householdId);
    if (!current || current.version !== input.expectedVersion) throw stale(current?.version ?? household.version);

    if (same.length === 1) {
      const existing = await findPerson(tx, same[0]!.person.id);
      const from = existing && (await findHousehold(tx, existing.household_id));
      if (!existing || !from) throw notFound('person');
      if (from.id === householdId) throw new DomainError('RULE_VIOLATION', 'that person is already a member of this household');
      if (!coversRegion(actor.regionScopes, from.region_code)) {
        throw new DomainError('RULE_VIOLATION', 'that person is registered in a household outside your regions: an official of that region must move them');
      }
      const moved = await transferMember(tx, actor, existing, from, current, m.relationship, input.reason, options.requestId);
      await writeAuditBatch(tx, [
        { ...audit, action: 'registry.duplicate_decided', subject: { type: 'person', id: existing.id }, summary: { decision: 'same', householdId, via: 'member_added' } },
        { ...audit, action: 'registry.member_added', subject: { type: 'household', id: householdId }, summary: { personId: existing.id, linked: true, version: moved.to.version, reason: input.reason } },
      ]);
      return { personId: existing.id, linked: true, householdVersion: moved.to.version };
    }

    const id = randomUUID();
    const who = { reason: input.reason, changedBy: actor.id, changedByName: actor.name };
    await insertMember(
      tx,
      newPersonRow(m, { id, householdId, regionCode: current.region_code, externalRef: null }, { attributes, nameKeys: indexKeysOf({ ...dedup, id }) }),
      who,
    );
    await insertBlockingKeys(tx, blockingRowsOf({ ...dedup, id }));
    const updated = await appendHouseholdVersion(tx, householdId, current.version, {}, who);
    if (!updated) throw stale(current.version + 1);
    const entries: AuditRecord[] = [
      { ...audit, action: 'registry.member_added', subject: { type: 'household', id: householdId }, summary: { personId: id, linked: false, version: updated.version, reason: input.reason } },
      { ...audit, action: 'registry.person_enrolled', subject: { type: 'person', id }, summary: { householdId } },
    ];
    for (const c of candidates) {
      await insertDedupPair(tx, { id: randomUUID(), a: id, b: c.person.id, score: c.score, reasons: c.reasons, source: 'enrolment', status: 'different', decidedBy: actor.id });
      entries.push({ ...audit, action: 'registry.duplicate_decided', subject: { type: 'person', id }, summary: { other: c.person.id, decision: 'different', score: c.score } });
    }
    await writeAuditBatch(tx, entries);
    return { personId: id, linked: false, householdVersion: updated.version };
  });
}

const stale = (now: number) => new DomainError('CONFLICT', `the household changed since you read it (now version ${now}); reload and try again`);
