import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { writeAuditBatch, type AuditActor, type AuditRecord } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import type { Db } from '../db/database.ts';
import { DomainError } from '../shared/domain-error.ts';
import { blockingRowsOf, dedupPersonOf, findCandidates, indexKeysOf, summaryOf, type Candidate } from './find-duplicates.ts';
import { validatePersonAttributes } from './person-attributes.ts';
import { newPersonRow } from './person-row.ts';
import type { HouseholdInput, PersonInput } from './schemas.ts';
import { findHouseholdByRef, findPerson, insertBlockingKeys, insertDedupPair, insertHouseholdWithMembers, regionIsParish, type NewPerson } from './store.ts';

export interface RegistryActor extends AuditActor {
  regionScopes: readonly string[];
}

/** The official of a request, as the registry and card services see them: who, in what role, over which regions. */
export const registryActorOf = (official: { id: string; username: string; role: string; regionScopes: readonly string[] }): RegistryActor => ({
  id: official.id,
  name: official.username,
  role: official.role,
  regionScopes: official.regionScopes,
});

export interface EnrolOptions {
  /** An import's or the seed's identifier: enrolling the same one twice returns the first. */
  externalRef?: string | undefined;
  requestId?: string | undefined;
  /**
   * `ask`: possible duplicates stop the enrolment until the registrar decides (the
   * console). `queue`: the records are created and the pairs go to the review queue
   * (imports, the seed). Default `ask`.
   */
  duplicates?: 'ask' | 'queue';
  source?: 'enrolment' | 'import' | 'batch';
}

export interface EnrolResult {
  householdId: string;
  personIds: string[];
  linked: { member: number; personId: string }[];
  created: boolean;
  /** Pairs put in the review queue (mode `queue`). */
  queuedPairs: number;
}

/**
 * Enrols a household and its members in one transaction: the current rows, their
 * first versions, and one audit entry per record. Before anything is written, each
 * member is compared with the registry; in `ask` mode a possible duplicate that the
 * registrar has not answered stops the enrolment with DUPLICATE_SUSPECTED (the
 * candidates shown are audited as reads). Refuses, changing nothing: a region outside
 * the official's scope, a code that is not a parish, a household without exactly one
 * head, an introducer who is not registered, attributes not in the published catalogue.
 */
export async function enrolHousehold(ctx: AppContext, actor: RegistryActor, input: HouseholdInput, options: EnrolOptions = {}): Promise<EnrolResult> {
  if (!coversRegion(actor.regionScopes, input.regionCode)) {
    throw new DomainError('FORBIDDEN', `region ${input.regionCode} is outside your scope`);
  }
  const heads = input.members.filter((m) => m.relationship === 'head').length;
  if (heads !== 1) throw new DomainError('RULE_VIOLATION', `a household has exactly one head; this one has ${heads}`);
  if (options.externalRef) {
    const existing = await findHouseholdByRef(ctx.db, options.externalRef);
    if (existing) return { householdId: existing.id, personIds: [], linked: [], created: false, queuedPairs: 0 };
  }
  if (!(await regionIsParish(ctx.db, input.regionCode))) {
    throw new DomainError('VALIDATION_FAILED', `${input.regionCode} is not a parish of the country's divisions`);
  }

  // Everything that can refuse the enrolment is checked before the duplicate search,
  // so a registrar is not asked about duplicates of a record that cannot be saved.
  const attributes: Record<string, unknown>[] = [];
  for (const [i, m] of input.members.entries()) {
    await checkIntroducers(ctx.db, m);
    attributes.push(await validatePersonAttributes(ctx.db, m.attributes, `members[${i}]`));
  }

  const mode = options.duplicates ?? 'ask';
  const dedup = input.members.map((m) => dedupPersonOf(m, { regionCode: input.regionCode, address: input.address }));
  const candidates = await Promise.all(dedup.map((p) => findCandidates(ctx.db, p)));
  const decisionOf = (member: number, candidateId: string) =>
    input.dedupDecisions.find((d) => d.member === member && d.candidateId === candidateId)?.decision;
  const linked = new Map<number, string>();
  for (const [member, list] of candidates.entries()) {
    const same = list.find((c) => decisionOf(member, c.person.id) === 'same');
    if (same) linked.set(member, same.person.id);
  }
  if (mode === 'ask') {
    const undecided = candidates
      .map((list, member) => ({ member, candidates: linked.has(member) ? [] : list.filter((c) => !decisionOf(member, c.person.id)) }))
      .filter((m) => m.candidates.length > 0);
    if (undecided.length) await stopForDuplicates(ctx, actor, undecided, options.requestId);
  }
  const headIndex = input.members.findIndex((m) => m.relationship === 'head');
  if (linked.has(headIndex)) {
    throw new DomainError('RULE_VIOLATION', 'the head of this household is already registered in another household: correct that household, or enrol the others with another head');
  }

  return ctx.db.transaction().execute(async (tx) => {
    const householdId = randomUUID();
    const members: (NewPerson & { index: number })[] = [];
    for (const [i, m] of input.members.entries()) {
      if (linked.has(i)) continue;
      const id = randomUUID();
      members.push({
        index: i,
        ...newPersonRow(
          m,
          { id, householdId, regionCode: input.regionCode, externalRef: options.externalRef ? `${options.externalRef}/${i}` : null },
          { attributes: attributes[i]!, nameKeys: indexKeysOf({ ...dedup[i]!, id, householdId }) },
        ),
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
      members.map(({ index: _index, ...row }) => row),
      { reason: input.reason, changedBy: actor.id, changedByName: actor.name },
    );
    await insertBlockingKeys(tx, members.flatMap((m) => blockingRowsOf({ ...dedup[m.index]!, id: m.id, householdId })));
    const audit = { actor, purpose: 'enrolment' as const, requestId: options.requestId };
    const entries: AuditRecord[] = [
      { ...audit, action: 'registry.household_enrolled', subject: { type: 'household', id: householdId }, summary: { members: members.length, linked: linked.size, reason: input.reason } },
    ];
    let queuedPairs = 0;
    for (const m of members) {
      entries.push({ ...audit, action: 'registry.person_enrolled', subject: { type: 'person', id: m.id }, summary: { householdId } });
      for (const c of candidates[m.index]!) {
        const decided = decisionOf(m.index, c.person.id);
        const stored = await insertDedupPair(tx, {
          id: randomUUID(),
          a: m.id,
          b: c.person.id,
          score: c.score,
          reasons: c.reasons,
          source: options.source ?? (mode === 'ask' ? 'enrolment' : 'import'),
          status: decided === 'different' ? 'different' : 'pending',
          decidedBy: actor.id,
        });
        if (stored && !decided) queuedPairs++;
        if (decided) {
          entries.push({ ...audit, action: 'registry.duplicate_decided', subject: { type: 'person', id: m.id }, summary: { other: c.person.id, decision: decided, score: c.score } });
        }
      }
    }
    for (const [member, personId] of linked) {
      entries.push({ ...audit, action: 'registry.duplicate_decided', subject: { type: 'person', id: personId }, summary: { decision: 'same', householdId, member } });
    }
    await writeAuditBatch(tx, entries);
    return {
      householdId,
      personIds: members.map((m) => m.id),
      linked: [...linked].map(([member, personId]) => ({ member, personId })),
      created: true,
      queuedPairs,
    };
  });
}

/**
 * Refuses a new record that looks like registered persons with DUPLICATE_SUSPECTED,
 * whose details are a `DuplicateSuspected`; shared by enrolment and adding a member.
 */
export async function stopForDuplicates(ctx: AppContext, actor: RegistryActor, undecided: { member: number; candidates: Candidate[] }[], requestId?: string): Promise<never> {
  // Showing a candidate is reading their record: audited, in a transaction of its own
  // because the enrolment itself is refused.
  await writeAuditBatch(ctx.db, [
    { actor, purpose: 'enrolment', action: 'registry.duplicates_shown', summary: { members: undecided.map((u) => ({ member: u.member, candidates: u.candidates.length })) }, requestId },
    ...undecided.flatMap((u) =>
      u.candidates.map((c): AuditRecord => ({ actor, purpose: 'enrolment', action: 'registry.person_read', subject: { type: 'person', id: c.person.id }, summary: { via: 'duplicate_check', score: c.score }, requestId })),
    ),
  ]);
  const count = undecided.reduce((n, u) => n + u.candidates.length, 0);
  throw new DomainError('DUPLICATE_SUSPECTED', `${count} registered ${count === 1 ? 'person looks' : 'persons look'} like a member of this household; say for each whether it is the same person`, {
    members: undecided.map((u) => ({
      member: u.member,
      candidates: u.candidates.map((c) => ({ ...summaryOf(c.person), score: c.score, decision: c.decision, reasons: c.reasons })),
    })),
  });
}

/** Refuses evidence that names an introducer who is not a registered, active person. */
export async function checkIntroducers(db: Db, m: PersonInput) {
  for (const e of m.evidence) {
    if (e.kind !== 'introducer') continue;
    const introducer = await findPerson(db, e.introducerId);
    if (!introducer || introducer.status !== 'active') {
      throw new DomainError('RULE_VIOLATION', 'the introducer must be a registered, active person');
    }
  }
}
