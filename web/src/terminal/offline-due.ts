/**
 * What is due to a card from the offline package, with what this device already
 * handed out subtracted, so that one device never hands the same entitlement out
 * twice while it waits to sync. Pure.
 */
import { compareQuantity, quantityOf, quantityText } from './decimal.ts';
import type { Due, PackageEntitlement, TerminalPackage } from './terminal-types.ts';

/** The package as kept on the device: when this device asked for it (its own clock). */
export interface StoredPackage extends TerminalPackage {
  fetchedAt: string;
}

/**
 * A pickup this device made (online or offline) that a package may not show yet.
 * `settledAt` is when the server confirmed it (this device's clock): a package asked
 * for after that already counts it.
 */
export interface LocalSpend {
  id: string;
  cycleId: string;
  subject: string;
  quantity: string;
  settledAt?: string;
}

/** Spends that a package asked for at `fetchedAt` may not count yet: the unsettled ones and those settled after it. */
export const spendsNotIn = (spends: readonly LocalSpend[], fetchedAt: string): LocalSpend[] =>
  spends.filter((s) => s.settledAt === undefined || s.settledAt >= fetchedAt);

/** True once the day (YYYY-MM-DD) or instant `validUntil` is over. */
export function isPast(validUntil: string, now: Date): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) return localDate(now) > validUntil;
  return new Date(validUntil).getTime() < now.getTime();
}

/** True once the day or instant `validFrom` has come. */
export function hasBegun(validFrom: string, now: Date): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) return localDate(now) >= validFrom;
  return new Date(validFrom).getTime() <= now.getTime();
}

const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The package without its cycles (and their entitlements) whose validity is over; undefined when none is left. */
export function withoutExpiredCycles<P extends TerminalPackage>(pkg: P, now: Date): P | undefined {
  const cycles = pkg.cycles.filter((c) => !isPast(c.validUntil, now));
  if (cycles.length === 0) return undefined;
  const live = new Set(cycles.map((c) => c.cycleId));
  return { ...pkg, cycles, entitlements: pkg.entitlements.filter((e) => live.has(e.cycleId)) };
}

/** Entitlements by card key, built once per package. */
export function indexByCardKey(entitlements: readonly PackageEntitlement[]): Map<string, PackageEntitlement[]> {
  const index = new Map<string, PackageEntitlement[]>();
  for (const entitlement of entitlements) {
    for (const key of entitlement.cardKeys) {
      const list = index.get(key);
      if (list) list.push(entitlement);
      else index.set(key, [entitlement]);
    }
  }
  return index;
}

/**
 * What the package says is due to the card with this key at this point now, with the
 * device's own pickups subtracted (never below zero). An entitlement left at zero is
 * still listed, so that the agent sees it was collected. Offline there is no record of
 * where earlier pickups happened: `pickups` is empty.
 */
export function cachedDue(pkg: StoredPackage, index: Map<string, PackageEntitlement[]>, cardKey: string, spends: readonly LocalSpend[], now: Date): Due[] {
  const pending = spendsNotIn(spends, pkg.fetchedAt);
  const cycles = new Map(pkg.cycles.map((c) => [c.cycleId, c]));
  const due: Due[] = [];
  for (const entitlement of index.get(cardKey) ?? []) {
    const cycle = cycles.get(entitlement.cycleId);
    if (!cycle || isPast(cycle.validUntil, now) || !hasBegun(cycle.validFrom, now)) continue;
    let remaining = quantityOf(entitlement.remaining) ?? 0n;
    for (const spend of pending) {
      if (spend.cycleId === entitlement.cycleId && spend.subject === entitlement.subject) remaining -= quantityOf(spend.quantity) ?? 0n;
    }
    due.push({
      cycleId: cycle.cycleId,
      subject: entitlement.subject,
      program: cycle.program,
      period: cycle.period,
      validUntil: cycle.validUntil,
      quantity: entitlement.quantity,
      remaining: quantityText(remaining < 0n ? 0n : remaining),
      pricePerUnit: cycle.pricePerUnit,
      currency: cycle.currency,
      partialPickups: cycle.partialPickups,
      pickups: [],
    });
  }
  return due;
}

/** Whether anything is left to hand out. */
export const hasRemaining = (due: Due) => compareQuantity(due.remaining, '0') > 0;
