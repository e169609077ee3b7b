import type { ColumnType } from 'kysely';

type DefaultedTime = ColumnType<Date, Date | undefined, Date>;

/**
 * The ledger (migration 20261201100000-create-ledger.sql). Amounts are `numeric`, read
 * and written as decimal strings with two places; nothing here is ever updated.
 */
export interface LedgerTables {
  ledger_account: LedgerAccountTable;
  ledger_posting: LedgerPostingTable;
  ledger_line: LedgerLineTable;
}

/** asset and expense accounts grow with debits; income and liability accounts with credits. */
export type AccountType = 'asset' | 'liability' | 'income' | 'expense';

export type Side = 'debit' | 'credit';

/** What a posting records; the rules of each are in `chart.ts` (`POSTING_RULES`). */
export type PostingKind = 'collection' | 'deposit' | 'settlement' | 'shortage' | 'overage' | 'reversal';

export interface LedgerAccountTable {
  code: string;
  currency: string;
  type: AccountType;
  opened_at: DefaultedTime;
}

export interface LedgerPostingTable {
  id: string;
  seq: ColumnType<number, never, never>;
  idempotency_key: string;
  request_hash: Buffer;
  kind: PostingKind;
  line_count: number;
  effective_at: Date;
  recorded_at: DefaultedTime;
  reverses: string | null;
  cycle_id: string | null;
  program_code: string | null;
  point_code: string | null;
  redemption_id: string | null;
  device_id: string | null;
  official_id: string | null;
  payment_reference: string | null;
  memo: ColumnType<string, string | undefined, never>;
}

export interface LedgerLineTable {
  posting_id: string;
  line_no: number;
  line_count: number;
  account: string;
  currency: string;
  side: Side;
  amount: string;
}
