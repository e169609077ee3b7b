import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { scaled, unscaled } from '../../cycles/decimal.ts';
import { todayUtc } from '../../programs/program-definition.ts';
import { deriverOf } from '../../pseudonyms/service.ts';
import { base64url } from '../protocol/terminal-protocol.ts';
import { servedCycles } from '../redemption/store.ts';
import type { TerminalCaller } from '../redemption/terminal-caller.ts';
import { programOf } from '../redemption/views.ts';
import { nodeCardCacheKey, packageHashKey } from './package-key.ts';
import { cardsOfPoint, entitlementsOfPoint } from './store.ts';

export interface OfflinePackage {
  generatedAt: string;
  /** base64url of the 32-byte key of `cardCacheKey` (package-key.ts). */
  hashKey: string;
  cycles: {
    cycleId: string;
    program: ReturnType<typeof programOf>;
    period: string;
    validFrom: string;
    validUntil: string;
    pricePerUnit: string;
    currency: string;
    partialPickups: boolean;
  }[];
  entitlements: { cardKeys: string[]; cycleId: string; subject: string; quantity: string; remaining: string }[];
}

/**
 * What a terminal needs to keep serving without network: the open cycles valid today
 * of the programs its point serves, and every entitlement of the point in them, filed
 * under the keyed hashes of the valid cards that may collect it (every member's card
 * for a household program, the person's own for a person program). No names, no card
 * numbers in clear. Three reads, built in memory (a point has a few thousand
 * households). An entitlement whose household moved to another point after the cycle
 * ran has no card here: it is collected online. Audited.
 */
export async function offlinePackage(ctx: AppContext, caller: TerminalCaller, requestId?: string, now = new Date()): Promise<OfflinePackage> {
  const day = todayUtc(now);
  const hashKey = packageHashKey(ctx.config.masterKey, caller.terminalId, day);
  const cycles = await servedCycles(ctx.db, caller.pointCode, day);
  const [entitlements, cards] = await Promise.all([
    entitlementsOfPoint(ctx.db, caller.pointCode, cycles.map((c) => c.cycle_id)),
    cycles.length ? cardsOfPoint(ctx.db, caller.pointCode, now) : Promise.resolve([]),
  ]);
  const bySubject = new Map(entitlements.map((e) => [`${e.cycle_id} ${e.subject}`, { cardKeys: [] as string[], e }]));
  const deriver = deriverOf(ctx);
  for (const card of cards) {
    const key = nodeCardCacheKey(hashKey, card.card_number);
    for (const c of cycles) {
      const subject = c.unit === 'household' ? deriver.householdPseudonymOf(c.sector, card.household_id) : deriver.pseudonymOf(c.sector, card.person_id);
      bySubject.get(`${c.cycle_id} ${subject}`)?.cardKeys.push(key);
    }
  }
  const result: OfflinePackage = {
    generatedAt: now.toISOString(),
    hashKey: base64url(hashKey),
    cycles: cycles.map((c) => ({
      cycleId: c.cycle_id,
      program: programOf(c),
      period: c.period,
      validFrom: c.valid_from,
      validUntil: c.valid_until,
      pricePerUnit: c.price_per_unit,
      currency: c.currency,
      partialPickups: c.partial_pickups,
    })),
    entitlements: [...bySubject.values()].map(({ cardKeys, e }) => ({
      cardKeys,
      cycleId: e.cycle_id,
      subject: e.subject,
      quantity: e.quantity,
      remaining: unscaled(scaled(e.quantity, 3) - scaled(e.taken, 3), 3),
    })),
  };
  await writeAudit(ctx.db, {
    actor: { id: caller.agent.id, name: caller.agent.name, role: caller.agent.role },
    purpose: 'distribution',
    action: 'distribution.package_downloaded',
    subject: { type: 'terminal', id: caller.terminalId },
    summary: { point: caller.pointCode, day, cycles: result.cycles.length, entitlements: result.entitlements.length },
    requestId,
  });
  return result;
}
