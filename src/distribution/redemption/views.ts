import type { PickupRow, ReceiptRow, ServedCycleRow } from './store.ts';

/** What a terminal is told is due to a card at its point: no names, no person id. */
export interface Due {
  cycleId: string;
  /** The entitlement's sector pseudonym: the terminal puts it in the redemption record. */
  subject: string;
  program: { code: string; name: { es: string; en: string }; sector: string; unit: string; benefitKind: string; measure: string };
  period: string;
  validUntil: string;
  quantity: string;
  remaining: string;
  pricePerUnit: string;
  currency: string;
  partialPickups: boolean;
  pickups: { redemptionId: string; receiptNo: number; quantity: string; redeemedAt: string; pointCode: string; terminalLabel: string | null }[];
}

export const programOf = (c: ServedCycleRow) => ({
  code: c.program_code,
  name: { es: c.name_es, en: c.name_en },
  sector: c.sector,
  unit: c.unit,
  benefitKind: c.benefit_kind,
  measure: c.measure,
});

export const pickupView = (p: PickupRow): Due['pickups'][number] => ({
  redemptionId: p.id,
  receiptNo: Number(p.receipt_no),
  quantity: p.quantity,
  redeemedAt: p.redeemed_at.toISOString(),
  pointCode: p.point_code,
  terminalLabel: p.terminal_label,
});

/** The receipt shown on the terminal, printed, and summarised by SMS. */
export interface Receipt {
  redemptionId: string;
  receiptNo: number;
  program: { code: string; name: { es: string; en: string } };
  period: string;
  quantity: string;
  remaining: string;
  amount: string;
  currency: string;
  paymentMethod: 'cash' | 'mobile' | 'none';
  paymentReference?: string;
  pointCode: string;
  pointName: string;
  terminalLabel: string | null;
  redeemedAt: string;
  recordedAt: string;
  agentName: string;
  offline: boolean;
  smsQueued: boolean;
  /** True when this answers a request sent again: nothing new was recorded. */
  replayed: boolean;
}

export const receiptOfRow = (r: ReceiptRow, replayed: boolean): Receipt => ({
  redemptionId: r.id,
  receiptNo: Number(r.receipt_no),
  program: { code: r.program_code, name: { es: r.name_es, en: r.name_en } },
  period: r.period,
  quantity: r.quantity,
  remaining: r.remaining,
  amount: r.amount,
  currency: r.currency,
  paymentMethod: r.payment_method,
  ...(r.payment_reference ? { paymentReference: r.payment_reference } : {}),
  pointCode: r.point_code,
  pointName: r.point_name,
  terminalLabel: r.terminal_label,
  redeemedAt: r.redeemed_at.toISOString(),
  recordedAt: r.recorded_at.toISOString(),
  agentName: r.agent_name,
  offline: r.offline,
  smsQueued: r.sms_queued,
  replayed,
});

/** "12.500" → "12.5", "1.000" → "1": how a quantity reads in a message. */
export const plainQuantity = (q: string) => (q.includes('.') ? q.replace(/\.?0+$/, '') : q);

/**
 * The receipt's SMS, in Spanish (the residents' language by default): what, how much,
 * what was paid, the receipt number and where. Never the person's name.
 */
export function receiptSms(r: { receiptNo: number; programName: string; item: string; quantity: string; remaining: string; amount: string; currency: string; pointName: string; pointCode: string; redeemedAt: Date; partialPickups: boolean }): string {
  const when = r.redeemedAt.toISOString().slice(0, 16).replace('T', ' ');
  const left = r.partialPickups ? ` Le quedan ${plainQuantity(r.remaining)}.` : '';
  return `amparo: recibo ${r.receiptNo}. ${r.programName}: ${plainQuantity(r.quantity)} × ${r.item}. Pagado: ${r.amount} ${r.currency}. ${r.pointName} (${r.pointCode}), ${when} UTC.${left}`;
}
