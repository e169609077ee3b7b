import { createHash } from 'node:crypto';
import { CURRENCY_PATTERN } from '../programs/program-definition.ts';
import { DomainError } from '../shared/domain-error.ts';
import { fromCents, parseAmount, toCents } from './amounts.ts';
import { ACCOUNT_KINDS, isPointCode, isProgramCode, parseAccount, POSTING_RULES, type PostableKind, type RequiredReference } from './chart.ts';
import type { AccountType, PostingKind, Side } from './tables.ts';
import type { PostingLine, PostingReferences } from './views.ts';

/**
 * A posting request checked and put in canonical form before anything is written:
 * the chart, the rules of its kind, exact two-place amounts, and the balance in each
 * currency. Pure; every refusal is a DomainError naming the field.
 */

/** The most lines one posting may have (the migration's bound). */
export const MAX_LINES = 1000;
export const MEMO_MAX = 500;
/** How far ahead of the server's clock a terminal's clock may run. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A payment network's reference: letters, digits and a few separators, never "+", "@" or spaces. */
export const PAYMENT_REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export interface PostingLineInput {
  account: string;
  currency: string;
  side: Side;
  /** Decimal text with at most two places ("12.50"); never a number. */
  amount: string;
}

export interface PostingRequest {
  /** The same key again gives the same posting; with different content, CONFLICT. */
  idempotencyKey: string;
  kind: PostableKind;
  lines: readonly PostingLineInput[];
  references?: Partial<PostingReferences>;
  memo?: string;
  /** When the money changed hands (a terminal's clock, offline); defaults to now. */
  effectiveAt?: Date;
}

export interface CheckedLine extends PostingLine {
  type: AccountType;
}

export interface CheckedPosting {
  idempotencyKey: string;
  kind: PostingKind;
  reverses: string | null;
  lines: CheckedLine[];
  references: PostingReferences;
  memo: string;
  effectiveAt: Date | null;
  /** SHA-256 of the canonical request: what tells a retry from a different request with the same key. */
  requestHash: Buffer;
}

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);

const invalid = (field: string, message: string) => new DomainError('VALIDATION_FAILED', `${field} ${message}`, { field });

export function checkIdempotencyKey(key: unknown): string {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw invalid('idempotencyKey', 'must be 1 to 200 visible ASCII characters, such as "redemption:<id>:price"');
  return key;
}

export function checkMemo(memo: unknown, required: boolean, field = 'memo'): string {
  if (memo !== undefined && typeof memo !== 'string') throw invalid(field, 'must be text');
  const text = (memo ?? '').trim();
  if (text.length > MEMO_MAX) throw invalid(field, `must be at most ${MEMO_MAX} characters`);
  if (required && text.length < 3) throw invalid(field, 'must say why, in at least 3 characters');
  return text;
}

export function checkEffectiveAt(value: unknown, now: Date): Date | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalid('effectiveAt', 'must be a valid time');
  if (value.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new DomainError('RULE_VIOLATION', `effectiveAt ${value.toISOString()} is in the future: money is recorded when it changed hands, not before`, { field: 'effectiveAt' });
  }
  return value;
}

const uuidOrNull = (value: unknown, field: string): string | null => {
  if (value === undefined || value === null) return null;
  if (!isUuid(value)) throw invalid(field, 'must be a UUID');
  return value.toLowerCase();
};

const matchOrNull = (value: unknown, field: string, valid: (text: string) => boolean, what: string): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !valid(value)) throw invalid(field, `must be ${what}`);
  return value;
};

export function checkReferences(input: Partial<PostingReferences> | undefined): PostingReferences {
  const r = input ?? {};
  if (typeof r !== 'object') throw invalid('references', 'must be an object');
  return {
    cycleId: uuidOrNull(r.cycleId, 'references.cycleId'),
    program: matchOrNull(r.program, 'references.program', isProgramCode, 'a program code, such as food-box'),
    point: matchOrNull(r.point, 'references.point', isPointCode, 'a distribution point code, such as PDA-AN-01'),
    redemptionId: uuidOrNull(r.redemptionId, 'references.redemptionId'),
    deviceId: uuidOrNull(r.deviceId, 'references.deviceId'),
    officialId: uuidOrNull(r.officialId, 'references.officialId'),
    paymentReference: matchOrNull(
      r.paymentReference,
      'references.paymentReference',
      (text) => PAYMENT_REFERENCE_PATTERN.test(text),
      "the payment network's reference (letters, digits, . _ / -, at most 64), never the payer's phone or document number",
    ),
  };
}

/** Debits equal credits in each currency, counted in whole cents. Throws RULE_VIOLATION naming the first that does not. */
export function assertBalanced(lines: readonly PostingLine[]): void {
  const totals = new Map<string, { debits: bigint; credits: bigint }>();
  for (const line of lines) {
    const t = totals.get(line.currency) ?? { debits: 0n, credits: 0n };
    if (line.side === 'debit') t.debits += toCents(line.amount);
    else t.credits += toCents(line.amount);
    totals.set(line.currency, t);
  }
  for (const [currency, t] of [...totals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (t.debits !== t.credits) {
      const debits = fromCents(t.debits);
      const credits = fromCents(t.credits);
      throw new DomainError('RULE_VIOLATION', `the posting does not balance in ${currency}: debits ${debits}, credits ${credits}; every posting's debits must equal its credits in each currency`, {
        currency,
        debits,
        credits,
      });
    }
  }
}

function checkLine(input: unknown, i: number): CheckedLine {
  const field = `lines[${i}]`;
  if (typeof input !== 'object' || input === null) throw invalid(field, 'must be an object with account, currency, side and amount');
  const l = input as Record<string, unknown>;
  const account = parseAccount(l.account, `${field}.account`);
  if (typeof l.currency !== 'string' || !CURRENCY_PATTERN.test(l.currency)) throw invalid(`${field}.currency`, 'must be a three-letter currency code, such as VES');
  if (l.side !== 'debit' && l.side !== 'credit') throw invalid(`${field}.side`, 'must be debit or credit');
  return { account: account.code, currency: l.currency, side: l.side, amount: parseAmount(l.amount, `${field}.amount`), type: account.type };
}

export function checkLines(input: unknown): CheckedLine[] {
  if (!Array.isArray(input) || input.length < 2 || input.length > MAX_LINES) {
    throw invalid('lines', `must be a list of 2 to ${MAX_LINES} lines: a posting debits one account and credits another`);
  }
  return input.map(checkLine);
}

/** Checks a request for `post`. */
export function checkPostingRequest(request: PostingRequest, now: Date): CheckedPosting {
  if (typeof request !== 'object' || request === null) throw invalid('posting', 'must be an object');
  const kind = request.kind as string;
  if (!Object.hasOwn(POSTING_RULES, kind)) {
    throw invalid('kind', `must be one of ${Object.keys(POSTING_RULES).join(', ')}${kind === 'reversal' ? ' (a reversal is made with reverse())' : ''}`);
  }
  const rule = POSTING_RULES[kind as PostableKind];
  const idempotencyKey = checkIdempotencyKey(request.idempotencyKey);
  const lines = checkLines(request.lines);
  const references = checkReferences(request.references);
  const memo = checkMemo(request.memo, (rule.requires as readonly RequiredReference[]).includes('memo'));
  const effectiveAt = checkEffectiveAt(request.effectiveAt, now);

  for (const required of rule.requires) {
    if (required !== 'memo' && references[required] === null) {
      throw new DomainError('RULE_VIOLATION', `a ${kind} posting needs references.${required}`, { field: `references.${required}` });
    }
  }
  lines.forEach((line, i) => {
    const account = parseAccount(line.account, `lines[${i}].account`);
    const allowed: readonly string[] = rule[line.side];
    if (!allowed.includes(account.kind)) {
      throw new DomainError(
        'RULE_VIOLATION',
        `a ${kind} posting may ${line.side} only ${allowed.map((k) => ACCOUNT_KINDS[k as keyof typeof ACCOUNT_KINDS].code).join(' or ')}; lines[${i}] ${line.side}s ${line.account}`,
        { field: `lines[${i}].account` },
      );
    }
    if (account.point !== undefined && account.point !== references.point) {
      throw new DomainError('RULE_VIOLATION', `lines[${i}] uses an account of point ${account.point}, but the posting is for point ${references.point}`, { field: `lines[${i}].account` });
    }
    if (account.program !== undefined && account.program !== references.program) {
      throw new DomainError('RULE_VIOLATION', `lines[${i}] uses an account of program ${account.program}, but the posting is for program ${references.program ?? '(none)'}`, {
        field: `lines[${i}].account`,
      });
    }
    if (kind === 'collection' && account.kind === 'point-mobile' && references.paymentReference === null) {
      throw new DomainError('RULE_VIOLATION', "a mobile payment is recorded with the payment network's reference (references.paymentReference)", { field: 'references.paymentReference' });
    }
  });
  assertBalanced(lines);
  const checked = { idempotencyKey, kind: kind as PostableKind, reverses: null, lines, references, memo, effectiveAt };
  return { ...checked, requestHash: requestHash(checked) };
}

/**
 * The hash of what a request asks for, independent of the order of its lines: a retry
 * of the same request has the same hash whatever the caller's serialisation.
 */
export function requestHash(p: Omit<CheckedPosting, 'requestHash'>): Buffer {
  const lines = p.lines.map((l) => [l.account, l.currency, l.side, l.amount].join('\u0000')).sort();
  const r = p.references;
  const canonical = JSON.stringify([
    p.kind,
    p.reverses,
    lines,
    [r.cycleId, r.program, r.point, r.redemptionId, r.deviceId, r.officialId, r.paymentReference],
    p.memo,
    p.effectiveAt?.toISOString() ?? null,
  ]);
  return createHash('sha256').update(canonical).digest();
}
