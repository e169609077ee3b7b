import type { AppContext } from '../app-context.ts';
import { writeAudit, writeAuditBatch } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import type { RegistryActor } from './enrol-household.ts';
import { summaryOf } from './find-duplicates.ts';
import { refuseInRemovedHousehold } from './removals.ts';
import { appendPersonVersion, findDedupPair, findPersons, listDedupPairs, updateDedupPair, type PersonRow } from './store.ts';
import type { DedupPairStatus } from './tables.ts';

export type PairAction = 'same' | 'different' | 'undo';

/** The review queue's lifecycle, as data: the server refuses other moves, the console shows these buttons. */
export const PAIR_ACTIONS_BY_STATUS = {
  pending: ['same', 'different'],
  same: ['undo'],
  different: ['undo'],
  undone: [],
} as const satisfies Record<DedupPairStatus, readonly PairAction[]>;

const pairView = (pair: Awaited<ReturnType<typeof listDedupPairs>>[number], a: PersonRow, b: PersonRow) => ({
  id: pair.id,
  a: summaryOf(a),
  b: summaryOf(b),
  score: pair.score,
  reasons: pair.reasons as { code: string; weight: number; en: string; es: string }[],
  status: pair.status,
  source: pair.source,
  createdAt: pair.created_at.toISOString(),
  actions: [...PAIR_ACTIONS_BY_STATUS[pair.status]] as PairAction[],
});

/** Pairs where both records lie in the official's regions, highest score first; the names shown are audited reads. */
export async function listPairs(ctx: AppContext, actor: RegistryActor, status: DedupPairStatus | undefined, requestId?: string) {
  const pairs = await listDedupPairs(ctx.db, status, 200);
  const persons = new Map((await findPersons(ctx.db, [...new Set(pairs.flatMap((p) => [p.person_a, p.person_b]))])).map((p) => [p.id, p]));
  const visible = pairs.filter((p) => [p.person_a, p.person_b].every((id) => persons.has(id) && coversRegion(actor.regionScopes, persons.get(id)!.region_code)));
  await writeAuditBatch(
    ctx.db,
    [...new Set(visible.flatMap((p) => [p.person_a, p.person_b]))].map((id) => ({
      actor,
      purpose: 'enrolment' as const,
      action: 'registry.person_read' as const,
      subject: { type: 'person', id },
      summary: { via: 'review_queue' },
      requestId,
    })),
  );
  return visible.map((p) => pairView(p, persons.get(p.person_a)!, persons.get(p.person_b)!));
}

/**
 * A registrar decides a pair. "same" merges: the record created later is marked
 * merged into the earlier one (a new version of it; nothing is lost). "different" is
 * remembered. "undo" reverses either: a merged record becomes active again.
 */
export async function decidePair(ctx: AppContext, actor: RegistryActor, pairId: string, action: PairAction, note: string, requestId?: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const pair = await findDedupPair(tx, pairId);
    const persons = pair ? await findPersons(tx, [pair.person_a, pair.person_b]) : [];
    if (!pair || persons.length !== 2 || !persons.every((p) => coversRegion(actor.regionScopes, p.region_code))) throw notFound('pair');
    const allowed: readonly PairAction[] = PAIR_ACTIONS_BY_STATUS[pair.status];
    if (!allowed.includes(action)) throw new DomainError('RULE_VIOLATION', `a ${pair.status} pair cannot take "${action}"`);
    const [survivor, duplicate] = [...persons].sort((x, y) => x.created_at.getTime() - y.created_at.getTime() || x.id.localeCompare(y.id)) as [PersonRow, PersonRow];
    const who = { changedBy: actor.id, changedByName: actor.name };

    if (action === 'same') {
      if (survivor.status !== 'active' || duplicate.status !== 'active') throw new DomainError('RULE_VIOLATION', 'both records must be active to be merged');
      const merged = await appendPersonVersion(tx, duplicate.id, duplicate.version, { status: 'merged', merged_into: survivor.id }, { ...who, reason: `merged into ${survivor.id}: ${note || 'same person'}` });
      if (!merged) throw new DomainError('CONFLICT', 'the record changed meanwhile; try again');
      await writeAudit(tx, { actor, purpose: 'enrolment', action: 'registry.merged', subject: { type: 'person', id: duplicate.id }, summary: { into: survivor.id, pair: pairId }, requestId });
    }
    if (action === 'undo' && pair.status === 'same') {
      const current = duplicate.merged_into === survivor.id ? duplicate : survivor.merged_into === duplicate.id ? survivor : undefined;
      if (!current || current.status !== 'merged') throw new DomainError('RULE_VIOLATION', 'the merge was already changed by another decision');
      await refuseInRemovedHousehold(tx, current.household_id);
      const restored = await appendPersonVersion(tx, current.id, current.version, { status: 'active', merged_into: null }, { ...who, reason: `merge undone: ${note || 'not the same person'}` });
      if (!restored) throw new DomainError('CONFLICT', 'the record changed meanwhile; try again');
      await writeAudit(tx, { actor, purpose: 'enrolment', action: 'registry.unmerged', subject: { type: 'person', id: current.id }, summary: { pair: pairId }, requestId });
    }
    const status: DedupPairStatus = action === 'undo' ? 'undone' : action;
    await updateDedupPair(tx, pairId, { status, decided_by: actor.id, decided_at: new Date(), note: note || null });
    await writeAudit(tx, { actor, purpose: 'enrolment', action: 'registry.duplicate_decided', subject: { type: 'person', id: duplicate.id }, summary: { pair: pairId, decision: action, other: survivor.id }, requestId });
    const fresh = await findPersons(tx, [pair.person_a, pair.person_b]);
    const byId = new Map(fresh.map((p) => [p.id, p]));
    return pairView({ ...pair, status }, byId.get(pair.person_a)!, byId.get(pair.person_b)!);
  });
}
