import type { CollidingRow, ConflictRow } from './store.ts';

export const conflictView = (r: ConflictRow) => ({
  id: r.id,
  reason: r.reason,
  program: r.program_code,
  period: r.period,
  cycleId: r.cycle_id,
  subject: r.subject,
  quantity: r.quantity,
  pointCode: r.point_code,
  terminalId: r.terminal_id,
  terminalLabel: r.terminal_label,
  agentName: r.agent_name,
  redeemedAt: r.redeemed_at.toISOString(),
  recordedAt: r.recorded_at.toISOString(),
  amount: r.amount,
  currency: r.currency,
  paymentMethod: r.payment_method,
  paymentReference: r.payment_reference,
  postingId: r.posting_id,
  conflictsWith: r.conflicts_with,
  status: r.decision ? ('resolved' as const) : ('open' as const),
  resolution: r.decision
    ? { decision: r.decision, note: r.note!, reversalId: r.reversal_id, decidedAt: r.decided_at!.toISOString(), decidedBy: r.decided_by_name! }
    : null,
});

export type ConflictView = ReturnType<typeof conflictView>;

export const collidingView = (r: CollidingRow) => ({
  redemptionId: r.id,
  receiptNo: Number(r.receipt_no),
  quantity: r.quantity,
  redeemedAt: r.redeemed_at.toISOString(),
  pointCode: r.point_code,
  terminalLabel: r.terminal_label,
  agentName: r.agent_name,
  offline: r.offline,
});
