import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { DomainError } from '../shared/domain-error.ts';
import { upsertRegions } from './store.ts';

export const DEMO_REGIONS_CSV = new URL('./demo-regions.csv', import.meta.url);

const Row = z.object({
  code: z.string().regex(/^[A-Z0-9]{2}(-[A-Z0-9]{2,3}){0,2}$/, 'codes look like AN, AN-01, AN-01-02'),
  name: z.string().trim().min(1).max(120),
  level: z.enum(['state', 'municipality', 'parish']),
  parent_code: z.string().transform((s) => s || null),
});

const DEPTH = { state: 0, municipality: 1, parish: 2 } as const;

/**
 * Loads the administrative divisions from the installation's CSV
 * (columns code,name,level,parent_code). All rows are checked before any is
 * written: a code must extend its parent's code by one level, so that region
 * scopes can be checked by prefix. Re-loading the same file changes nothing.
 */
export async function loadRegions(db: Db, file: string | URL) {
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as unknown[];
  const rows = records.map((record, i) => {
    const parsed = Row.safeParse(record);
    if (!parsed.success) throw new DomainError('VALIDATION_FAILED', `line ${i + 2}: ${parsed.error.issues[0]?.message}`);
    const r = parsed.data;
    const depth = r.code.split('-').length - 1;
    if (depth !== DEPTH[r.level]) throw new DomainError('VALIDATION_FAILED', `line ${i + 2}: ${r.code} is not a ${r.level} code`);
    const expectedParent = depth === 0 ? null : r.code.slice(0, r.code.lastIndexOf('-'));
    if (r.parent_code !== expectedParent) {
      throw new DomainError('VALIDATION_FAILED', `line ${i + 2}: the parent of ${r.code} must be ${expectedParent ?? 'empty'}`);
    }
    return r;
  });
  rows.sort((a, b) => DEPTH[a.level] - DEPTH[b.level]);
  await upsertRegions(db, rows);
  return rows.length;
}
