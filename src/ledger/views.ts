import type { LineRow, PostingRow } from './store.ts';
import type { PostingKind, Side } from './tables.ts';

/** One line of a posting: an account in a currency, debited or credited with a positive amount ("12.50"). */
export interface PostingLine {
  account: string;
  currency: string;
  side: Side;
  amount: string;
}

/** Where a posting comes from. Every field may be null; `POSTING_RULES` says which a kind needs. */
export interface PostingReferences {
  cycleId: string | null;
  program: string | null;
  point: string | null;
  redemptionId: string | null;
  deviceId: string | null;
  officialId: string | null;
  paymentReference: string | null;
}

/** A journal entry as the ledger hands it out. */
export interface Posting {
  id: string;
  /** The journal number: the order in which postings were recorded. */
  seq: number;
  idempotencyKey: string;
  kind: PostingKind;
  /** When the money changed hands. */
  effectiveAt: Date;
  /** When the ledger recorded it. */
  recordedAt: Date;
  /** For a reversal, the posting it reverses. */
  reverses: string | null;
  references: PostingReferences;
  memo: string;
  lines: PostingLine[];
}

export const lineOf = (l: Pick<LineRow, 'account' | 'currency' | 'side' | 'amount'>): PostingLine => ({ account: l.account, currency: l.currency, side: l.side, amount: l.amount });

export function postingOf(row: PostingRow, lines: readonly Pick<LineRow, 'account' | 'currency' | 'side' | 'amount'>[]): Posting {
  return {
    id: row.id,
    seq: row.seq,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    effectiveAt: row.effective_at,
    recordedAt: row.recorded_at,
    reverses: row.reverses,
    references: {
      cycleId: row.cycle_id,
      program: row.program_code,
      point: row.point_code,
      redemptionId: row.redemption_id,
      deviceId: row.device_id,
      officialId: row.official_id,
      paymentReference: row.payment_reference,
    },
    memo: row.memo,
    lines: lines.map(lineOf),
  };
}
