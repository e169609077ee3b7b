import type { Discrepancy } from './find-discrepancies.ts';
import type { Reconciliation } from './read-reconciliation.ts';

/**
 * A reconciliation as CSV (RFC 4180: comma, CRLF, fields quoted when they hold a comma,
 * quote or line break, quotes doubled; UTF-8 with a byte-order mark so that spreadsheets
 * read accents right). One table with fixed columns, so that it sorts and filters in a
 * spreadsheet: a header block (section `header`), then one line per figure, per payment
 * method, per till currency, and one line per discrepancy. Money and quantities are the
 * exact decimal text. Pure.
 */
export const CSV_COLUMNS = ['section', 'item', 'method', 'count', 'quantity', 'amount', 'currency', 'id', 'detail'] as const;

type Line = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (line: Line) => CSV_COLUMNS.map((c) => csvField(line[c])).join(',');

export function reconciliationCsv(r: Reconciliation): string {
  const currency = r.cycle.currency;
  const lines: Line[] = [
    { section: 'header', item: 'point', id: r.point.code, detail: r.point.name },
    { section: 'header', item: 'region', id: r.point.regionCode },
    { section: 'header', item: 'program', id: r.cycle.program, detail: r.cycle.programName.en },
    { section: 'header', item: 'cycle', id: r.cycle.id, detail: `${r.cycle.period} (${r.cycle.status}, ${r.cycle.validFrom} to ${r.cycle.validUntil})` },
    { section: 'header', item: 'price_per_unit', amount: r.cycle.pricePerUnit, currency, detail: `per ${r.cycle.measure}` },
    { section: 'header', item: 'generated_at', detail: r.generatedAt },
    { section: 'header', item: 'balanced', detail: r.balanced ? 'yes' : 'no' },
    { section: 'header', item: 'discrepancies', count: r.discrepancies.length },
    { section: 'entitlements', item: 'assigned', count: r.entitlements.count, quantity: r.entitlements.quantity },
    { section: 'entitlements', item: 'redeemed', count: r.redeemed.entitlements, quantity: r.redeemed.quantity, detail: `${r.redeemed.pickups} pickups` },
    { section: 'entitlements', item: 'outstanding', count: r.outstanding.count, quantity: r.outstanding.quantity },
    { section: 'expected', item: 'redemptions', method: 'cash', count: r.expected.cash.count, amount: r.expected.cash.amount, currency },
    { section: 'expected', item: 'redemptions', method: 'mobile', count: r.expected.mobile.count, amount: r.expected.mobile.amount, currency },
    { section: 'expected', item: 'redemptions', method: 'none', count: r.expected.none.count, amount: '0.00', currency },
    { section: 'ledger', item: 'balance', method: 'cash', amount: r.ledger.cash, currency },
    { section: 'ledger', item: 'balance', method: 'mobile', amount: r.ledger.mobile, currency },
    { section: 'ledger', item: 'collected', amount: r.ledger.collected, currency, count: r.ledger.postings, detail: `${r.ledger.postings} postings, ${r.ledger.reversals} reversals` },
    { section: 'conflicts', item: 'all', count: r.conflicts.count, quantity: r.conflicts.quantity, amount: r.conflicts.amount, currency },
    { section: 'conflicts', item: 'open', count: r.conflicts.open },
    { section: 'conflicts', item: 'resolved', count: r.conflicts.resolved },
    ...r.till.flatMap((t) => [
      { section: 'till', item: 'collected', method: 'cash', amount: t.collected, currency: t.currency },
      { section: 'till', item: 'deposited', method: 'cash', amount: t.deposited, currency: t.currency },
      { section: 'till', item: 'shortages', method: 'cash', amount: t.shortages, currency: t.currency },
      { section: 'till', item: 'overages', method: 'cash', amount: t.overages, currency: t.currency },
      { section: 'till', item: 'in_till', method: 'cash', amount: t.inTill, currency: t.currency },
    ]),
    ...r.discrepancies.map((d) => discrepancyLine(d, currency)),
  ];
  return `\uFEFF${[CSV_COLUMNS.join(','), ...lines.map(csvLine)].join('\r\n')}\r\n`;
}

/** One discrepancy as a line: its kind in `item`, the record it names in `id`, the figures in their columns, a sentence in `detail`. */
export function discrepancyLine(d: Discrepancy, currency: string): Line {
  const base = { section: 'discrepancy', item: d.kind };
  switch (d.kind) {
    case 'redemption_without_posting':
      return { ...base, method: d.method, amount: d.amount, currency, id: d.redemptionId, detail: 'redemption with a price and no collection posting in the ledger' };
    case 'conflict_without_posting':
      return { ...base, method: d.method, amount: d.amount, currency, id: d.conflictId, detail: 'conflict with a price and no collection posting in the ledger' };
    case 'posting_without_redemption':
      return { ...base, method: d.method, amount: d.amount, currency, id: d.postingId, detail: `collection posting that no redemption or conflict claims (its redemption reference: ${d.redemptionId ?? 'none'})` };
    case 'amount_differs':
      return { ...base, amount: d.recorded, currency, id: d.redemptionId, detail: `recorded ${d.expected}, posted ${d.recorded} (posting ${d.postingId})` };
    case 'method_differs':
      return { ...base, method: d.recorded, id: d.redemptionId, detail: `recorded ${d.expected}, posted as ${d.recorded ?? 'no point account'} (posting ${d.postingId})` };
    case 'posting_reversed':
      return { ...base, amount: d.amount, currency, id: d.redemptionId, detail: `its price was reversed (posting ${d.postingId}, reversal ${d.reversalId}) while the pickup stands` };
    case 'refund_not_reversed':
      return { ...base, amount: d.amount, currency, id: d.conflictId, detail: `refunded, but its posting ${d.postingId ?? '(none)'} was not reversed` };
    case 'ledger_total_differs':
      return { ...base, method: d.account, amount: d.difference, currency, detail: `expected ${d.expected}, ledger ${d.ledger}` };
    case 'other_currency':
      return { ...base, amount: d.balance, currency: d.currency, id: d.account, detail: `in ${d.currency}, not the cycle's ${currency}` };
    case 'open_conflict':
      return { ...base, quantity: d.quantity, amount: d.amount, currency, id: d.conflictId, detail: `open conflict: ${d.reason}` };
    case 'redeemed_elsewhere_assigned':
      return { ...base, id: d.redemptionId, detail: `the entitlement is assigned to ${d.assignedPoint ?? 'no point'}` };
    case 'over_redeemed':
      return { ...base, count: d.entitlements, detail: 'entitlements collected beyond their quantity' };
    case 'entitlements_unassigned':
      return { ...base, count: d.entitlements, quantity: d.quantity, id: d.regionCode, detail: "entitlements in the point's region that no point serves" };
  }
}
