import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { notFound } from '../../shared/domain-error.ts';
import { findReceipt } from './store.ts';
import type { TerminalCaller } from './terminal-caller.ts';
import { receiptOfRow, type Receipt } from './views.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A receipt given at the caller's point (to print it again); another point's is NOT_FOUND. Audited. */
export async function readReceipt(ctx: AppContext, caller: TerminalCaller, id: string, requestId?: string): Promise<Receipt> {
  const row = UUID.test(id) ? await findReceipt(ctx.db, id) : undefined;
  if (!row || row.point_code !== caller.pointCode) throw notFound('receipt');
  await writeAudit(ctx.db, {
    actor: { id: caller.agent.id, name: caller.agent.name, role: caller.agent.role },
    purpose: 'distribution',
    action: 'distribution.receipt_read',
    subject: { type: 'redemption', id: row.id },
    summary: { receiptNo: Number(row.receipt_no), point: caller.pointCode, terminal: caller.terminalId },
    requestId,
  });
  return receiptOfRow(row, false);
}
