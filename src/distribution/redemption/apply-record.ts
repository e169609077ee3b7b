import type { AppContext } from '../../app-context.ts';
import { guardedEntryInsert } from '../../audit/store.ts';
import { appendAfterStaleHead, prepareAudit, type AuditRecord } from '../../audit/write-audit.ts';
import { post } from '../../ledger/post.ts';
import { smsRow } from '../../notify/enqueue-sms.ts';
import { notificationInsert } from '../../notify/store.ts';
import { scaled } from '../../cycles/decimal.ts';
import { todayUtc } from '../../programs/program-definition.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { ConflictReason } from '../conflicts/tables.ts';
import type { RedemptionRecord } from '../protocol/terminal-protocol.ts';
import { cardAndHolder, holderOfToken, normaliseCard, subjectFor, type Holder } from './holder.ts';
import { pricePosting } from './price-posting.ts';
import { checkPayment, parseQuantity, priceOf, quantityText, takeFrom } from './redemption-rules.ts';
import { cardHolderOf, findReceipt, insertRedemptionWithRecords, nextReceiptNo, redemptionContext, type RedemptionContext } from './store.ts';
import type { TerminalCaller } from './terminal-caller.ts';
import { receiptOfRow, receiptSms, type Receipt } from './views.ts';
import { recordHash } from './verify-record.ts';

/** A record whose signature the caller has verified, with what the server knows about it. */
export interface VerifiedRecord {
  record: RedemptionRecord;
  /** The terminal's Ed25519 signature (64 bytes). */
  signature: Buffer;
  /** Online: the session's agent; offline: the agent named in the record (assigned, or once assigned, to the point). */
  agent: { id: string; name: string };
  offline: boolean;
}

/** The last pickup of an entitlement: when, where, on which terminal. */
export interface LastPickup {
  redeemedAt: string;
  pointCode: string;
  terminalLabel: string | null;
}

export type ApplyOutcome =
  | { kind: 'recorded'; receipt: Receipt }
  | { kind: 'replayed'; receipt: Receipt }
  /** The id is a redemption already, made from other content. */
  | { kind: 'reused_id'; redemptionId: string }
  /** The entitlement cannot give this pickup: why, and (for what was collected) the last pickup. A revoked terminal's records never come here. */
  | { kind: 'unavailable'; reason: Exclude<ConflictReason, 'terminal_revoked'>; last?: LastPickup; left?: string };

/** Thrown inside the transaction when another request took the id or the pickup number first: rolls it back. */
class LostRace extends Error {}

/**
 * Applies one signed pickup record, online or from an offline sync. Validation
 * problems (quantity, payment, card) throw DomainError; an entitlement that cannot give
 * the pickup is an `unavailable` outcome for the caller to answer (online: 409/404/422;
 * sync: a conflict). Reads the card holder and the entitlement's context side by side,
 * then writes, in one transaction: the price's ledger posting (none when free), the
 * redemption (ON CONFLICT DO NOTHING on its id and its pickup number: of concurrent
 * attempts exactly one inserts), the audit entry and the receipt's SMS. A lost race
 * rolls back and reads again once; the same record sent again is answered with its
 * receipt (`replayed`).
 */
export async function applyRecord(ctx: AppContext, caller: TerminalCaller, v: VerifiedRecord, requestId?: string): Promise<ApplyOutcome> {
  const r = v.record;
  const quantity = parseQuantity(r.quantity);
  const hash = recordHash(r);
  const redeemedAt = new Date(r.redeemedAt);
  if (Number.isNaN(redeemedAt.getTime())) throw new DomainError('VALIDATION_FAILED', 'record.redeemedAt must be an ISO 8601 time', { field: 'record.redeemedAt' });
  if (r.identificationToken && r.cardNumber !== '') throw new DomainError('VALIDATION_FAILED', 'a record carries a card number or an identification token, not both', { field: 'record.cardNumber' });
  const cardNumber = r.identificationToken ? null : normaliseCard(r.cardNumber);

  for (let attempt = 1; ; attempt++) {
    // One read for the card and the entitlement; a token's person is a second, side by side.
    const [context, tokenHolder] = await Promise.all([
      redemptionContext(ctx.db, { id: r.id, cycleId: r.cycleId, subject: r.subject, pointCode: caller.pointCode, cardNumber }),
      r.identificationToken ? holderOfToken(ctx, r.identificationToken, caller.pointCode) : undefined,
    ]);
    if (context.existing_id) {
      if (!context.existing_hash!.equals(hash)) return { kind: 'reused_id', redemptionId: context.existing_id };
      return { kind: 'replayed', receipt: receiptOfRow((await findReceipt(ctx.db, r.id))!, true) };
    }
    const holder = tokenHolder ?? checkedCard(cardNumber!, context, v.offline);
    const refusal = unavailability(ctx, caller, context, holder, r.subject, v.offline ? todayUtc(redeemedAt) : todayUtc());
    if (refusal) return refusal;
    const c = context as RedemptionContext & { cycle_id: string };
    const taking = takeFrom({ partialPickups: c.partial_pickups, entitled: scaled(c.entitled!, 3), taken: scaled(c.taken, 3) }, quantity);
    if (!taking.ok) {
      if (taking.reason === 'not_whole') {
        throw new DomainError('RULE_VIOLATION', `${c.program_code} is handed over whole: the quantity must be ${c.entitled}`, { expected: c.entitled, given: r.quantity });
      }
      return { kind: 'unavailable', reason: taking.reason, left: quantityText(taking.left), ...lastOf(c) };
    }
    const price = priceOf(quantity, c.price_per_unit);
    const amount = checkPayment(r.payment, price, c.currency);
    try {
      return { kind: 'recorded', receipt: await record(ctx, caller, v, { context: c, holder, quantity, remaining: taking.remaining, amount, hash, redeemedAt, pickup: c.pickups + 1, requestId }) };
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      if (attempt >= 2) {
        const again = await redemptionContext(ctx.db, { id: r.id, cycleId: r.cycleId, subject: r.subject, pointCode: caller.pointCode, cardNumber: null });
        if (again.existing_id) continue;
        return { kind: 'unavailable', reason: 'already_redeemed', ...lastOf(again) };
      }
    }
  }
}

const lastOf = (c: RedemptionContext): { last?: LastPickup } =>
  c.last_redeemed_at ? { last: { redeemedAt: c.last_redeemed_at.toISOString(), pointCode: c.last_point_code!, terminalLabel: c.last_terminal_label } } : {};

function checkedCard(cardNumber: string, context: RedemptionContext, offline: boolean): Holder {
  const { card, holder } = cardAndHolder(cardNumber, cardHolderOf(context));
  // Offline, the terminal checked the card against the revocation list it had cached:
  // the goods were handed over on that check, so the record is taken as it was made.
  if (!offline && card.status !== 'valid') {
    if (card.status === 'revoked') throw new DomainError('CARD_REVOKED', `card ${card.number} was revoked (${card.revocationReason ?? 'no reason recorded'})`, { card: card.number, reason: card.revocationReason });
    throw new DomainError('RULE_VIOLATION', card.status === 'expired' ? `card ${card.number} expired: the holder needs a new card` : `the holder of card ${card.number} is no longer in the registry`, { card: card.number, status: card.status });
  }
  return holder;
}

/** Why the entitlement cannot give a pickup at all, or undefined when it can. `day` is the day of the pickup. */
function unavailability(ctx: AppContext, caller: TerminalCaller, c: RedemptionContext, holder: Holder, subject: string, day: string): ApplyOutcome | undefined {
  // The card must stand for the subject: a record cannot collect another household's box.
  if (!c.cycle_id || !c.entitled || subjectFor(ctx, c, holder) !== subject) return { kind: 'unavailable', reason: 'unknown_entitlement' };
  if (!c.served_here || c.entitlement_point !== caller.pointCode) return { kind: 'unavailable', reason: 'not_at_this_point' };
  if (c.cycle_status !== 'open' || day < c.valid_from || day > c.valid_until) return { kind: 'unavailable', reason: 'cycle_not_open' };
  return undefined;
}

interface Decided {
  context: RedemptionContext & { cycle_id: string };
  holder: Holder;
  quantity: bigint;
  remaining: bigint;
  amount: string;
  hash: Buffer;
  redeemedAt: Date;
  pickup: number;
  requestId: string | undefined;
}

async function record(ctx: AppContext, caller: TerminalCaller, v: VerifiedRecord, d: Decided): Promise<Receipt> {
  const r = v.record;
  const c = d.context;
  const quantity = quantityText(d.quantity);
  const remaining = quantityText(d.remaining);
  const method = r.payment.method;
  return ctx.db.transaction().execute(async (tx) => {
    // The posting first: its id goes into the redemption row. If the row then loses
    // its race, throwing rolls the posting back with it.
    const postingRequest = pricePosting({
      idempotencyKey: `redemption:${r.id}:price`,
      record: r,
      caller,
      cycle: { id: c.cycle_id, programCode: c.program_code, period: c.period },
      currency: c.currency,
      amount: d.amount,
      agentId: v.agent.id,
    });
    const posting = postingRequest ? await post(tx, postingRequest) : null;
    // Then the chain of the audit entry and the receipt number (the entry and the SMS
    // name it) in one round trip, and the row, entry and SMS in one statement.
    const audit = await prepareAudit(tx, nextReceiptNo);
    const receiptNo = Number(audit.also);
    const at = new Date();
    const entry = redeemedEntry(v, d, receiptNo, caller);
    const pointName = c.point_name ?? caller.pointCode;
    const sms = d.holder.phone
      ? smsRow({
          to: d.holder.phone,
          template: 'receipt',
          body: receiptSms({ receiptNo, programName: c.name_es, item: c.item_es, quantity, remaining, amount: d.amount, currency: c.currency, pointName, pointCode: caller.pointCode, redeemedAt: d.redeemedAt, partialPickups: c.partial_pickups }),
          about: { type: 'redemption', id: r.id },
        })
      : undefined;
    const inserted = await insertRedemptionWithRecords(
      tx,
      {
        id: r.id,
        receipt_no: receiptNo,
        cycle_id: c.cycle_id,
        subject: r.subject,
        pickup: d.pickup,
        quantity,
        remaining,
        point_code: caller.pointCode,
        terminal_id: caller.terminalId,
        agent_id: v.agent.id,
        agent_name: v.agent.name,
        card_number: d.holder.cardNumber,
        identified_by: d.holder.identifiedBy,
        redeemed_at: d.redeemedAt,
        offline: v.offline,
        currency: c.currency,
        price_per_unit: c.price_per_unit,
        amount: d.amount,
        payment_method: method,
        payment_reference: r.payment.reference ?? null,
        posting_id: posting?.posting.id ?? null,
        request_hash: d.hash,
        device_signature: v.signature,
      },
      { audit: (onlyIf) => guardedEntryInsert(audit.rows([entry], at), onlyIf), sms: sms && ((onlyIf) => notificationInsert(sms, onlyIf)) },
    );
    if (!inserted.recorded_at) throw new LostRace();
    if (!inserted.audited) await appendAfterStaleHead(tx, audit.chain, [entry], at);
    return {
      redemptionId: r.id,
      receiptNo,
      program: { code: c.program_code, name: { es: c.name_es, en: c.name_en } },
      period: c.period,
      quantity,
      remaining,
      amount: d.amount,
      currency: c.currency,
      paymentMethod: method,
      ...(r.payment.reference ? { paymentReference: r.payment.reference } : {}),
      pointCode: caller.pointCode,
      pointName,
      terminalLabel: caller.terminalLabel,
      redeemedAt: d.redeemedAt.toISOString(),
      recordedAt: inserted.recorded_at.toISOString(),
      agentName: v.agent.name,
      offline: v.offline,
      smsQueued: d.holder.phone !== null,
      replayed: false,
    };
  });
}

/** The audit entry of a redemption. */
function redeemedEntry(v: VerifiedRecord, d: Decided, receiptNo: number, caller: TerminalCaller): AuditRecord {
  const c = d.context;
  return {
    actor: { id: v.agent.id, name: v.agent.name, role: 'distribution_agent' },
    purpose: 'distribution',
    action: 'distribution.redeemed',
    subject: { type: 'redemption', id: v.record.id },
    summary: {
      receiptNo,
      program: c.program_code,
      period: c.period,
      pickup: d.pickup,
      quantity: quantityText(d.quantity),
      remaining: quantityText(d.remaining),
      amount: d.amount,
      currency: c.currency,
      paymentMethod: v.record.payment.method,
      point: caller.pointCode,
      terminal: caller.terminalId,
      offline: v.offline,
      identifiedBy: d.holder.identifiedBy,
    },
    requestId: d.requestId,
  };
}
