import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { post } from '../../ledger/post.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { ConflictReason } from '../conflicts/tables.ts';
import type { RedemptionRecord } from '../protocol/terminal-protocol.ts';
import { applyRecord, type VerifiedRecord } from '../redemption/apply-record.ts';
import { pricePosting } from '../redemption/price-posting.ts';
import { parseQuantity, paymentAmount } from '../redemption/redemption-rules.ts';
import { findReceipt, wasAssigned } from '../redemption/store.ts';
import type { TerminalCaller } from '../redemption/terminal-caller.ts';
import { receiptOfRow, type Receipt } from '../redemption/views.ts';
import { recordHash, verifiedSignature } from '../redemption/verify-record.ts';
import { cycleOfProgram, findConflictById, insertConflict, insertTerminalSync, redemptionIdsOf } from './store.ts';

export const SYNC_MAX_RECORDS = 500;

export interface SyncResult {
  id: string;
  status: 'recorded' | 'duplicate' | 'conflict' | 'refused';
  receipt?: Receipt;
  conflict?: { id: string; reason: ConflictReason; conflictsWith: string[] };
  error?: { code: string; message: string };
}

/**
 * A terminal's offline records, each applied in a transaction of its own, in the order
 * sent: a redemption ('recorded', or 'duplicate' when it was recorded before, with its
 * receipt); a record the entitlement cannot take — collected already on another device,
 * more than is left, the cycle closed meanwhile — kept whole as a conflict, with its
 * price posted (the money was taken), for a supervisor ('conflict'; the same record
 * again finds the same conflict); or 'refused', stored nowhere, with why: a signature
 * that does not verify under this terminal's key, another terminal's record, an agent
 * never assigned to the point, a malformed quantity or payment, an id already used for
 * other content. Idempotent: the same batch again gives the same results. One
 * terminal_sync row and one audit entry per batch.
 *
 * A revoked terminal (`caller.revokedAt`) still sends what it kept, but its key never
 * again makes a redemption count: a record made before the revocation is kept whole as
 * a conflict ('terminal_revoked', price posted), one dated after it is refused
 * (TERMINAL_REVOKED), and the answer says `terminalRevoked` so that the device can
 * delete what it holds once nothing waits.
 */
export async function syncRecords(
  ctx: AppContext,
  caller: TerminalCaller,
  records: { record: RedemptionRecord; signature: string }[],
  options: { body?: Buffer; requestId?: string } = {},
): Promise<{ syncId: string; terminalRevoked: boolean; results: SyncResult[] }> {
  if (records.length > SYNC_MAX_RECORDS) throw new DomainError('VALIDATION_FAILED', `at most ${SYNC_MAX_RECORDS} records per batch`);
  const agents = new Map<string, { id: string; name: string } | null>([[caller.agent.id, caller.agent]]);
  const results: SyncResult[] = [];
  for (const signed of records) results.push(await syncOne(ctx, caller, signed, agents, options.requestId));

  const count = (status: SyncResult['status']) => results.filter((r) => r.status === status).length;
  const syncId = randomUUID();
  const bodyHash = createHash('sha256').update(options.body ?? JSON.stringify(records)).digest();
  await ctx.db.transaction().execute(async (tx) => {
    await insertTerminalSync(tx, { id: syncId, terminal_id: caller.terminalId, agent_id: caller.agent.id, records: records.length, recorded: count('recorded'), duplicates: count('duplicate'), conflicts: count('conflict'), body_hash: bodyHash });
    await writeAudit(tx, {
      actor: { id: caller.agent.id, name: caller.agent.name, role: caller.agent.role },
      purpose: 'distribution',
      action: 'distribution.synced',
      subject: { type: 'terminal_sync', id: syncId },
      summary: {
        point: caller.pointCode,
        terminal: caller.terminalId,
        records: records.length,
        recorded: count('recorded'),
        duplicates: count('duplicate'),
        conflicts: count('conflict'),
        refused: count('refused'),
        ...(caller.revokedAt ? { terminalRevokedAt: caller.revokedAt.toISOString() } : {}),
      },
      requestId: options.requestId,
    });
  });
  return { syncId, terminalRevoked: caller.revokedAt !== undefined, results };
}

const refused = (id: string, code: string, message: string): SyncResult => ({ id, status: 'refused', error: { code, message } });

async function syncOne(ctx: AppContext, caller: TerminalCaller, signed: { record: RedemptionRecord; signature: string }, agents: Map<string, { id: string; name: string } | null>, requestId?: string): Promise<SyncResult> {
  const { record } = signed;
  if (record.terminalId !== caller.terminalId) return refused(record.id, 'VALIDATION_FAILED', 'the record is of another terminal: each terminal syncs its own records');
  const signature = verifiedSignature(caller.publicKey, record, signed.signature);
  if (!signature) return refused(record.id, 'TERMINAL_SIGNATURE_INVALID', "the record's signature does not verify under this terminal's key: it was changed after it was signed, or signed by another device");
  if (!agents.has(record.agentId)) {
    const assigned = await wasAssigned(ctx.db, caller.pointCode, record.agentId);
    agents.set(record.agentId, assigned ? { id: record.agentId, name: assigned.name } : null);
  }
  const agent = agents.get(record.agentId);
  if (!agent) return refused(record.id, 'FORBIDDEN', "the record's agent was never assigned to this point");

  const existing = await findConflictById(ctx.db, record.id);
  if (existing) {
    if (!existing.request_hash.equals(recordHash(record))) return refused(record.id, 'CONFLICT', `conflict ${record.id} exists with other content: a new pickup needs a new id`);
    return { id: record.id, status: 'conflict', conflict: { id: existing.id, reason: existing.reason, conflictsWith: existing.conflicts_with } };
  }
  const v: VerifiedRecord = { record, signature, agent, offline: true };
  if (caller.revokedAt) return syncRevokedRecord(ctx, caller, v, caller.revokedAt, requestId);
  try {
    const outcome = await applyRecord(ctx, caller, v, requestId);
    switch (outcome.kind) {
      case 'recorded':
        return { id: record.id, status: 'recorded', receipt: outcome.receipt };
      case 'replayed':
        return { id: record.id, status: 'duplicate', receipt: outcome.receipt };
      case 'reused_id':
        return refused(record.id, 'CONFLICT', `redemption ${record.id} exists with other content: a new pickup needs a new id`);
      case 'unavailable':
        return await keepConflict(ctx, caller, v, outcome.reason, requestId);
    }
  } catch (error) {
    if (error instanceof DomainError) return refused(record.id, error.code, error.message);
    throw error;
  }
}

/**
 * A record of a revoked terminal, never a redemption: one the server took before the
 * revocation answers as it did then (its receipt); one made before the revocation is
 * kept as a 'terminal_revoked' conflict; one dated at or after it is refused, stored
 * nowhere — the device's key may be in a thief's hands.
 */
async function syncRevokedRecord(ctx: AppContext, caller: TerminalCaller, v: VerifiedRecord, revokedAt: Date, requestId?: string): Promise<SyncResult> {
  const r = v.record;
  const redeemedAt = new Date(r.redeemedAt);
  if (Number.isNaN(redeemedAt.getTime())) return refused(r.id, 'VALIDATION_FAILED', 'record.redeemedAt must be an ISO 8601 time');
  const taken = await findReceipt(ctx.db, r.id);
  if (taken) {
    if (!taken.request_hash.equals(recordHash(r))) return refused(r.id, 'CONFLICT', `redemption ${r.id} exists with other content: a new pickup needs a new id`);
    return { id: r.id, status: 'duplicate', receipt: receiptOfRow(taken, true) };
  }
  if (redeemedAt.getTime() >= revokedAt.getTime()) {
    return refused(
      r.id,
      'TERMINAL_REVOKED',
      `recorded at ${redeemedAt.toISOString()}, after this terminal was revoked (${revokedAt.toISOString()}): a revoked device's later records are not accepted; tell a supervisor about this hand-over`,
    );
  }
  try {
    parseQuantity(r.quantity); // applyRecord checks it for the other conflicts
    return await keepConflict(ctx, caller, v, 'terminal_revoked', requestId);
  } catch (error) {
    if (error instanceof DomainError) return refused(r.id, error.code, error.message);
    throw error;
  }
}

/**
 * Keeps a record that cannot be a redemption, whole, with its signature and the
 * redemptions it collides with, and posts the price it took (idempotency key
 * `conflict:<id>:price`, the conflict's id as the posting's redemption id), with its
 * audit entry, in one transaction.
 */
async function keepConflict(ctx: AppContext, caller: TerminalCaller, v: VerifiedRecord, reason: ConflictReason, requestId?: string): Promise<SyncResult> {
  const r = v.record;
  const p = r.payment;
  if (!/^[A-Z]{3}$/.test(p.currency)) throw new DomainError('VALIDATION_FAILED', 'payment.currency must be an ISO 4217 code');
  const amount = paymentAmount(p);
  if ((amount === '0.00') !== (p.method === 'none')) throw new DomainError('VALIDATION_FAILED', 'payment.method is "none" exactly when nothing was paid');
  if ((p.method === 'mobile') !== (p.reference !== undefined)) throw new DomainError('VALIDATION_FAILED', 'a mobile payment, and only a mobile payment, carries a reference');
  const cycle = await cycleOfProgram(ctx.db, r.cycleId);
  if (!cycle) throw new DomainError('NOT_FOUND', `cycle ${r.cycleId} not found: the record cannot be of this installation`);
  const conflictsWith = (await redemptionIdsOf(ctx.db, r.cycleId, r.subject)).map((x) => x.id);
  const method = p.method;
  await ctx.db.transaction().execute(async (tx) => {
    const postingRequest = pricePosting({
      idempotencyKey: `conflict:${r.id}:price`,
      record: r,
      caller,
      cycle: { id: cycle.id, programCode: cycle.code, period: cycle.period },
      currency: p.currency,
      amount,
      agentId: v.agent.id,
      memo: `offline pickup kept as a conflict (${reason})`,
    });
    const posting = postingRequest ? await post(tx, postingRequest) : null;
    const inserted = await insertConflict(tx, {
      id: r.id,
      cycle_id: r.cycleId,
      subject: r.subject,
      reason,
      quantity: r.quantity,
      point_code: caller.pointCode,
      terminal_id: caller.terminalId,
      agent_id: v.agent.id,
      agent_name: v.agent.name,
      card_number: r.cardNumber || null,
      redeemed_at: new Date(r.redeemedAt),
      currency: p.currency,
      amount,
      payment_method: method,
      payment_reference: p.reference ?? null,
      posting_id: posting?.posting.id ?? null,
      conflicts_with: conflictsWith,
      record: JSON.stringify(r),
      request_hash: recordHash(r),
      device_signature: v.signature,
    });
    // Sent twice at once: the other request kept it; this one answers the same.
    if (!inserted) return;
    await writeAudit(tx, {
      actor: { id: v.agent.id, name: v.agent.name, role: 'distribution_agent' },
      purpose: 'distribution',
      action: 'distribution.conflict_recorded',
      subject: { type: 'redemption_conflict', id: r.id },
      summary: { reason, cycleId: r.cycleId, quantity: r.quantity, amount, currency: p.currency, point: caller.pointCode, terminal: caller.terminalId, conflictsWith },
      requestId,
    });
  });
  return { id: r.id, status: 'conflict', conflict: { id: r.id, reason, conflictsWith } };
}
