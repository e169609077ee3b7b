import type { Db } from '../db/database.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import { checkLineFilter, type BalanceFilter } from './balances.ts';
import { isUuid } from './posting-request.ts';
import { findPostingById, findPostingByKey, journalPage, linesOf } from './store.ts';
import type { PostingKind } from './tables.ts';
import { postingOf, type Posting } from './views.ts';
import { withLines } from './post.ts';

export const JOURNAL_PAGE_MAX = 500;
const POSTING_KINDS: readonly PostingKind[] = ['collection', 'deposit', 'settlement', 'shortage', 'overage', 'reversal'];

export interface JournalOptions extends BalanceFilter {
  kind?: PostingKind;
  /** The journal number (`seq`) of the last posting of the previous page. */
  after?: number;
  /** 1 to 500; 100 when omitted. */
  limit?: number;
}

export interface JournalPage {
  postings: Posting[];
  /** What `after` is for the next page; null when this page is the last. */
  next: number | null;
}

/**
 * A page of the journal in the order postings were recorded, each with its lines,
 * filtered like `balances` (the account prefix keeps the postings with a line under
 * it). Postings being written while the pages are read may take a journal number
 * below one already read: a reader that must see everything reads again from an
 * earlier number, and postings are immutable, so reading one twice is harmless.
 */
export async function readJournal(db: Db, options: JournalOptions = {}): Promise<JournalPage> {
  const filter = checkLineFilter(options);
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > JOURNAL_PAGE_MAX) {
    throw new DomainError('VALIDATION_FAILED', `limit must be a whole number from 1 to ${JOURNAL_PAGE_MAX}`, { field: 'limit' });
  }
  if (options.after !== undefined && (!Number.isSafeInteger(options.after) || options.after < 0)) {
    throw new DomainError('VALIDATION_FAILED', 'after must be a journal number', { field: 'after' });
  }
  if (options.kind !== undefined && !POSTING_KINDS.includes(options.kind)) {
    throw new DomainError('VALIDATION_FAILED', `kind must be one of ${POSTING_KINDS.join(', ')}`, { field: 'kind' });
  }
  const rows = await journalPage(db, { ...filter, kind: options.kind, after: options.after, limit });
  const lines = await linesOf(db, rows.map((r) => r.id));
  const byPosting = new Map<string, typeof lines>();
  for (const line of lines) {
    const list = byPosting.get(line.posting_id);
    if (list) list.push(line);
    else byPosting.set(line.posting_id, [line]);
  }
  return {
    postings: rows.map((r) => postingOf(r, byPosting.get(r.id) ?? [])),
    next: rows.length === limit ? rows.at(-1)!.seq : null,
  };
}

export async function findPosting(db: Db, id: string): Promise<Posting | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await findPostingById(db, id.toLowerCase());
  return row && withLines(db, row);
}

/** The posting, with its lines; NOT_FOUND when there is none. */
export async function getPosting(db: Db, id: string): Promise<Posting> {
  const posting = await findPosting(db, id);
  if (!posting) throw notFound(`posting ${id}`);
  return posting;
}

/** The posting made with an idempotency key, if any: how an offline terminal's sync learns what became of a payment. */
export async function findPostingByIdempotencyKey(db: Db, idempotencyKey: string): Promise<Posting | undefined> {
  const row = await findPostingByKey(db, idempotencyKey);
  return row && withLines(db, row);
}
