import { createHash } from 'node:crypto';

/**
 * Number of parallel hash chains: how many transactions can hold a chain at once (an
 * audited write holds one from taking its head to its commit). Raising it changes
 * only where new entries go; verification walks every chain that has entries, so
 * lowering it would not hide any. Keep it at most the connection pool's size (20) less
 * one, so that a writer can always get a connection while every chain is held.
 */
export const AUDIT_CHAINS = 16;
export const GENESIS_HASH = Buffer.alloc(32);

/** The fields an entry's hash covers, in the form they are stored. */
export interface ChainedContent {
  chain: number;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  role: string;
  purpose: string;
  action: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  requestId: string | null;
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number');
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash = SHA-256(prev_hash || canonical JSON of the content, version 1). */
export function entryHash(prevHash: Buffer, content: ChainedContent): Buffer {
  const body = canonicalJson({ v: 1, ...content, at: content.at.getTime() });
  return createHash('sha256').update(prevHash).update(body).digest();
}
