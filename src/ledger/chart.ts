import { DISTRIBUTION_POINT_PATTERN, PROGRAM_CODE_MAX, PROGRAM_CODE_PATTERN } from '../programs/program-definition.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { AccountType, PostingKind, Side } from './tables.ts';

/**
 * The chart of accounts and what each kind of posting may do with it. An account is a
 * code in one currency; the code says whose money it is and why, in segments joined by
 * ":" so that a prefix ("point:PDA-AN-01") names a whole group. The migration checks
 * the same grammar, so a new kind of account is a reviewed migration. Pure.
 */

export type AccountKind = 'point-cash' | 'point-mobile' | 'point-discrepancy' | 'program-collected' | 'treasury';

export interface AccountKindRule {
  type: AccountType;
  code: string;
  meaning: string;
}

export const ACCOUNT_KINDS = {
  'point-cash': {
    type: 'asset',
    code: 'point:<point>:cash',
    meaning: 'cash taken at the point and still in its till, until deposited to the treasury',
  },
  'point-mobile': {
    type: 'asset',
    code: 'point:<point>:mobile',
    meaning: 'mobile payments reported at the point (a clearing account), until the treasury finds them in its bank statement',
  },
  'point-discrepancy': {
    type: 'expense',
    code: 'point:<point>:discrepancy',
    meaning: 'money found missing (debit) or over (credit) at the point: the till counted at a deposit, a mobile payment the bank never received',
  },
  'program-collected': {
    type: 'income',
    code: 'program:<program>:cycle:<period>:collected',
    meaning: 'subsidised prices collected for one cycle of a program',
  },
  treasury: {
    type: 'asset',
    code: 'treasury:<name>',
    meaning: "the treasury's collection account, where deposits and confirmed mobile payments arrive",
  },
} as const satisfies Record<AccountKind, AccountKindRule>;

/** The treasury account postings use unless told otherwise. */
export const MAIN_TREASURY = 'main';

const PERIOD_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2]|W(?:0[1-9]|[1-4][0-9]|5[0-3]))$/;
const TREASURY_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** One segment of an account prefix: what any segment of any code may look like. */
const SEGMENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** The codes of the chart, built from their parts (not checked: `parseAccount` checks). */
export const accountCode = {
  pointCash: (point: string) => `point:${point}:cash`,
  pointMobile: (point: string) => `point:${point}:mobile`,
  pointDiscrepancy: (point: string) => `point:${point}:discrepancy`,
  programCollected: (program: string, period: string) => `program:${program}:cycle:${period}:collected`,
  treasury: (name: string = MAIN_TREASURY) => `treasury:${name}`,
};

export interface ParsedAccount {
  code: string;
  kind: AccountKind;
  type: AccountType;
  point?: string;
  program?: string;
  period?: string;
}

export const isProgramCode = (code: string) => PROGRAM_CODE_PATTERN.test(code) && code.length >= 2 && code.length <= PROGRAM_CODE_MAX;
export const isPointCode = (code: string) => DISTRIBUTION_POINT_PATTERN.test(code);
export const isPeriod = (period: string) => PERIOD_PATTERN.test(period);

/** What an account code means. Throws VALIDATION_FAILED, naming the field, for a code outside the chart. */
export function parseAccount(code: unknown, field: string): ParsedAccount {
  const parts = typeof code === 'string' ? code.split(':') : [];
  const [head, a, b, c, d] = parts;
  const of = (kind: AccountKind, parsed: Omit<ParsedAccount, 'code' | 'kind' | 'type'> = {}): ParsedAccount => ({ code: code as string, kind, type: ACCOUNT_KINDS[kind].type, ...parsed });
  if (head === 'point' && parts.length === 3 && isPointCode(a!)) {
    if (b === 'cash') return of('point-cash', { point: a! });
    if (b === 'mobile') return of('point-mobile', { point: a! });
    if (b === 'discrepancy') return of('point-discrepancy', { point: a! });
  }
  if (head === 'program' && parts.length === 5 && isProgramCode(a!) && b === 'cycle' && isPeriod(c!) && d === 'collected') {
    return of('program-collected', { program: a!, period: c! });
  }
  if (head === 'treasury' && parts.length === 2 && TREASURY_PATTERN.test(a!)) return of('treasury');
  throw new DomainError(
    'VALIDATION_FAILED',
    `${field} must be an account of the chart: ${Object.values(ACCOUNT_KINDS).map((k) => k.code).join(', ')}`,
    { field },
  );
}

/** An account prefix: one or more whole segments ("point", "point:PDA-AN-01", a full code). */
export function parseAccountPrefix(prefix: unknown, field: string): string {
  if (typeof prefix !== 'string' || prefix.length > 200 || !prefix.split(':').every((s) => SEGMENT_PATTERN.test(s))) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be whole segments of an account code, such as "point:PDA-AN-01"`, { field });
  }
  return prefix;
}

/** The references a kind of posting must carry. */
export type RequiredReference = 'point' | 'program' | 'cycleId' | 'paymentReference' | 'memo';

export interface PostingRule {
  /** The kinds of account its lines may debit and credit. */
  debit: readonly AccountKind[];
  credit: readonly AccountKind[];
  requires: readonly RequiredReference[];
  meaning: string;
}

/**
 * What each kind of posting records and which accounts it may touch. A reversal is
 * not here: it is made only by `reverse`, with the opposite lines of its original.
 * Every point account a posting touches must be its `point`'s, and every program
 * account its `program`'s, so that slicing the journal by point or program is exact.
 */
export const POSTING_RULES = {
  collection: {
    debit: ['point-cash', 'point-mobile'],
    credit: ['program-collected'],
    requires: ['point', 'program', 'cycleId'],
    meaning: 'a beneficiary paid the subsidised price at a point, in cash or by mobile payment (then with its reference)',
  },
  deposit: {
    debit: ['treasury'],
    credit: ['point-cash'],
    requires: ['point'],
    meaning: "the point's cash reached the treasury (the amount counted, whatever the till's balance says)",
  },
  settlement: {
    debit: ['treasury'],
    credit: ['point-mobile'],
    requires: ['point', 'paymentReference'],
    meaning: "the treasury found mobile payments reported at the point in its bank statement",
  },
  shortage: {
    debit: ['point-discrepancy'],
    credit: ['point-cash', 'point-mobile'],
    requires: ['point', 'memo'],
    meaning: 'money the point recorded is missing: written off to its discrepancy account, with the reason',
  },
  overage: {
    debit: ['point-cash', 'point-mobile'],
    credit: ['point-discrepancy'],
    requires: ['point', 'memo'],
    meaning: 'the point has more money than it recorded: taken up from its discrepancy account, with the reason',
  },
} as const satisfies Record<Exclude<PostingKind, 'reversal'>, PostingRule>;

export type PostableKind = keyof typeof POSTING_RULES;
export const POSTABLE_KINDS = Object.keys(POSTING_RULES) as PostableKind[];

export const allowedOn = (kind: PostableKind, side: Side): readonly AccountKind[] => POSTING_RULES[kind][side];
