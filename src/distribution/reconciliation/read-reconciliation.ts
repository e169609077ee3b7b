import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { scaled, unscaled } from '../../cycles/decimal.ts';
import { balances } from '../../ledger/balances.ts';
import { accountCode } from '../../ledger/chart.ts';
import type { ProgramActor } from '../../programs/program-definition.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { findDiscrepancies, type ConflictFigures, type Discrepancy, type LedgerFigures, type MoneyByMethod } from './find-discrepancies.ts';
import { cycleInScope, cycleVisible, pointInScope, readerPurpose } from './reconciliation-access.ts';
import {
  conflictsAt,
  cyclesAtPoint,
  entitlementFigures,
  findCycleById,
  findPoint,
  postingsAt,
  redemptionsAt,
  searchPoints,
  tillMovements,
  unassignedInRegion,
  type CycleRow,
  type PointRow,
} from './store.ts';
import { tillOf, type Till } from './till.ts';

export interface ReconciliationCycle {
  id: string;
  program: string;
  programName: { es: string; en: string };
  period: string;
  status: string;
  validFrom: string;
  validUntil: string;
  measure: string;
  currency: string;
  pricePerUnit: string;
}

export interface ReconciliationPoint {
  code: string;
  name: string;
  kind: string;
  regionCode: string;
  status: string;
}

export interface Reconciliation {
  point: ReconciliationPoint;
  cycle: ReconciliationCycle;
  generatedAt: string;
  entitlements: { count: number; quantity: string };
  redeemed: { entitlements: number; pickups: number; quantity: string };
  outstanding: { count: number; quantity: string };
  /** What the redemptions say was taken, by method. */
  expected: { cash: MoneyByMethod; mobile: MoneyByMethod; none: { count: number } };
  /** What the ledger says for the point and cycle, net of reversals, in the cycle's currency. */
  ledger: LedgerFigures & { postings: number; reversals: number };
  conflicts: ConflictFigures;
  /** The point's cash account across every cycle: what came in, what was deposited, what is left. */
  till: Till[];
  discrepancies: Discrepancy[];
  /** True only when there is no discrepancy at all. */
  balanced: boolean;
}

export const pointView = (p: PointRow): ReconciliationPoint => ({ code: p.code, name: p.name, kind: p.kind, regionCode: p.region_code, status: p.status });

export const cycleView = (c: CycleRow): ReconciliationCycle => ({
  id: c.id,
  program: c.program_code,
  programName: { es: c.program_name_es, en: c.program_name_en },
  period: c.period,
  status: c.status,
  validFrom: c.valid_from,
  validUntil: c.valid_until,
  measure: c.measure,
  currency: c.currency,
  pricePerUnit: c.price_per_unit,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The reconciliation of one point in one cycle (see README: reconciliation). Every
 * figure is read in one repeatable-read transaction, so that a redemption committing
 * meanwhile is either wholly in it (row and posting) or wholly out. The read is
 * audited (`distribution.reconciliation_read`) after it, outside that snapshot.
 */
export async function readReconciliation(
  ctx: AppContext,
  actor: ProgramActor,
  pointCode: string,
  cycleId: string,
  options: { format?: 'json' | 'csv'; requestId?: string | undefined } = {},
): Promise<Reconciliation> {
  const purpose = readerPurpose(actor);
  if (!UUID.test(cycleId)) throw new DomainError('VALIDATION_FAILED', 'cycle must be a cycle id (uuid)', { field: 'cycle' });
  const result = await ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const point = pointInScope(actor, await findPoint(tx, pointCode), pointCode);
      const cycle = cycleInScope(actor, await findCycleById(tx, cycleId), cycleId);
      const [figures, unassigned, redemptions, conflicts, postings, ledgerRows, till] = [
        await entitlementFigures(tx, cycle.id, point.code),
        await unassignedInRegion(tx, cycle.id, point.region_code),
        await redemptionsAt(tx, cycle.id, point.code),
        await conflictsAt(tx, cycle.id, point.code),
        await postingsAt(tx, cycle.id, point.code),
        await balances(tx, { point: point.code, cycle: cycle.id }),
        await tillMovements(tx, accountCode.pointCash(point.code)),
      ];
      const accounts = {
        cash: accountCode.pointCash(point.code),
        mobile: accountCode.pointMobile(point.code),
        collected: accountCode.programCollected(cycle.program_code, cycle.period),
      };
      const balanceOf = (account: string) => ledgerRows.find((r) => r.account === account && r.currency === cycle.currency)?.balance ?? '0.00';
      const ledger: LedgerFigures = { cash: balanceOf(accounts.cash), mobile: balanceOf(accounts.mobile), collected: balanceOf(accounts.collected) };
      const known = new Set(Object.values(accounts));
      const foreignBalances = ledgerRows
        .filter((r) => r.currency !== cycle.currency || !known.has(r.account))
        .filter((r) => r.balance !== '0.00')
        .map((r) => ({ account: r.account, currency: r.currency, balance: r.balance }));

      const found = findDiscrepancies({
        point: point.code,
        regionCode: point.region_code,
        currency: cycle.currency,
        redemptions: redemptions.map((r) => ({ id: r.id, quantity: r.quantity, amount: r.amount, currency: r.currency, method: r.payment_method, postingId: r.posting_id, assignedPoint: r.assigned_point })),
        conflicts: conflicts.map((c) => ({ id: c.id, reason: c.reason, quantity: c.quantity, amount: c.amount, currency: c.currency, method: c.payment_method, postingId: c.posting_id, decision: c.decision })),
        postings: postings.map((p) => ({ id: p.id, kind: p.kind, redemptionId: p.redemption_id, reverses: p.reverses, amount: p.amount, currency: p.currency, moneyAccount: p.money_account })),
        ledger,
        foreignBalances,
        overRedeemed: figures.over_redeemed,
        unassigned,
      });
      const redeemedSubjects = new Set(redemptions.map((r) => r.subject));
      const redeemedQuantity = redemptions.reduce((sum, r) => sum + scaled(r.quantity, 3), 0n);
      const reconciliation: Reconciliation = {
        point: pointView(point),
        cycle: cycleView(cycle),
        generatedAt: new Date().toISOString(),
        entitlements: { count: figures.entitlements, quantity: figures.quantity },
        redeemed: { entitlements: redeemedSubjects.size, pickups: redemptions.length, quantity: unscaled(redeemedQuantity, 3) },
        outstanding: { count: figures.outstanding, quantity: figures.outstanding_quantity },
        expected: found.expected,
        ledger: { ...ledger, postings: postings.length, reversals: postings.filter((p) => p.kind === 'reversal').length },
        conflicts: found.conflicts,
        till: tillOf(till),
        discrepancies: found.discrepancies,
        balanced: found.discrepancies.length === 0,
      };
      return reconciliation;
    });
  await writeAudit(ctx.db, {
    actor,
    purpose,
    action: 'distribution.reconciliation_read',
    subject: { type: 'distribution_point', id: result.point.code },
    summary: {
      point: result.point.code,
      cycle: result.cycle.id,
      program: result.cycle.program,
      period: result.cycle.period,
      format: options.format ?? 'json',
      balanced: result.balanced,
      discrepancies: result.discrepancies.length,
    },
    requestId: options.requestId,
  });
  return result;
}

export const CYCLES_LIST_MAX = 120;

/** The cycles that concern a point (entitlements there, or pickups), newest first, within the official's programs. Counts nothing personal: not audited. */
export async function listPointCycles(ctx: AppContext, actor: ProgramActor, pointCode: string): Promise<{ point: ReconciliationPoint; cycles: ReconciliationCycle[] }> {
  readerPurpose(actor);
  const point = pointInScope(actor, await findPoint(ctx.db, pointCode), pointCode);
  const cycles = (await cyclesAtPoint(ctx.db, point.code, CYCLES_LIST_MAX)).filter((c) => cycleVisible(actor, c));
  return { point: pointView(point), cycles: cycles.map(cycleView) };
}

export const POINT_SEARCH_MAX = 50;

/** Points in the official's regions whose code or name contains the text (a point's code and name are not personal data). */
export async function findPointsToReconcile(ctx: AppContext, actor: ProgramActor, text: string): Promise<ReconciliationPoint[]> {
  readerPurpose(actor);
  return (await searchPoints(ctx.db, actor.regionScopes, text.trim(), POINT_SEARCH_MAX)).map(pointView);
}
