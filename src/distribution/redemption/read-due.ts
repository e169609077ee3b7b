import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { scaled, unscaled } from '../../cycles/decimal.ts';
import { todayUtc } from '../../programs/program-definition.ts';
import { holderOfCard, holderOfToken, subjectFor, type CardState, type Holder } from './holder.ts';
import { entitlementsAtPoint, pickupsOf, servedCycles } from './store.ts';
import type { TerminalCaller } from './terminal-caller.ts';
import { pickupView, programOf, type Due } from './views.ts';

export interface DueAnswer {
  /** Absent when the person was identified without a card. */
  card?: CardState;
  due: Due[];
}

/**
 * What is due at the caller's point to the holder of a card (or of an identification
 * token): for each program that lists the point, its open cycle valid today, the
 * entitlement of the holder's household (household programs) or of the holder (person
 * programs) at this point, with what is left and every pickup. A card that is revoked,
 * expired or whose holder left the registry says so and has nothing due. Four reads;
 * audited as `distribution.due_read` with the card number as subject (never the person).
 */
export async function readDue(ctx: AppContext, caller: TerminalCaller, by: { card: string } | { token: string }, requestId?: string): Promise<DueAnswer> {
  let card: CardState | undefined;
  let holder: Holder;
  if ('card' in by) ({ card, holder } = await holderOfCard(ctx, by.card));
  else holder = await holderOfToken(ctx, by.token, caller.pointCode);
  const due = !card || card.status === 'valid' ? await dueTo(ctx, caller.pointCode, holder) : [];
  await writeAudit(ctx.db, {
    actor: { id: caller.agent.id, name: caller.agent.name, role: caller.agent.role },
    purpose: 'distribution',
    action: 'distribution.due_read',
    subject: card ? { type: 'card', id: card.number } : undefined,
    summary: {
      point: caller.pointCode,
      terminal: caller.terminalId,
      identifiedBy: holder.identifiedBy,
      ...(card ? { cardStatus: card.status } : {}),
      entitlements: due.map((d) => `${d.cycleId}:${d.subject}`),
    },
    requestId,
  });
  return { ...(card ? { card } : {}), due };
}

export async function dueTo(ctx: AppContext, pointCode: string, holder: Holder): Promise<Due[]> {
  const cycles = await servedCycles(ctx.db, pointCode, todayUtc());
  const pairs = cycles.map((c) => ({ cycleId: c.cycle_id, subject: subjectFor(ctx, c, holder) }));
  const entitlements = await entitlementsAtPoint(ctx.db, pointCode, pairs);
  const pickups = await pickupsOf(ctx.db, entitlements.map((e) => ({ cycleId: e.cycle_id, subject: e.subject })));
  return entitlements.map((e) => {
    const c = cycles.find((x) => x.cycle_id === e.cycle_id)!;
    return {
      cycleId: e.cycle_id,
      subject: e.subject,
      program: programOf(c),
      period: c.period,
      validUntil: c.valid_until,
      quantity: e.quantity,
      remaining: unscaled(scaled(e.quantity, 3) - scaled(e.taken, 3), 3),
      pricePerUnit: c.price_per_unit,
      currency: c.currency,
      partialPickups: c.partial_pickups,
      pickups: pickups.filter((p) => p.cycle_id === e.cycle_id && p.subject === e.subject).map(pickupView),
    };
  });
}
