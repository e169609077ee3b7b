import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DomainError } from '../../shared/domain-error.ts';
import { HouseholdInput } from '../schemas.ts';
import { ATTRIBUTE_PREFIX, PERSON_CSV_COLUMNS, REQUIRED_COLUMNS } from './csv-columns.ts';

export type CsvRow = Record<string, string>;

/** Stands in for an introducer named by `introducer_ref` until the importer resolves it. */
export const UNRESOLVED_INTRODUCER = '00000000-0000-4000-8000-000000000000';

export type HouseholdRecord =
  | { ok: true; ref: string; lines: number[]; input: HouseholdInput; rows: CsvRow[] }
  | { ok: false; ref: string; lines: number[]; reason: string; rows: CsvRow[] };

/** The file's header is wrong: nothing can be imported from it. */
export class CsvHeaderError extends DomainError {
  constructor(message: string) {
    super('VALIDATION_FAILED', message);
  }
}

/**
 * Reads a persons CSV as a stream of households: consecutive rows with one
 * `household_ref` make one household. Memory holds one household at a time, so a
 * file of millions of rows streams. A household with a bad row is yielded as not ok,
 * with the line and the reason, and the reading goes on.
 */
export async function* readHouseholds(source: Readable): AsyncGenerator<HouseholdRecord> {
  const parser = source.pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: false, info: true }));
  let current: { ref: string; rows: CsvRow[]; lines: number[] } | undefined;
  const finished = new Set<string>();
  let checkedHeader = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: CsvRow; info: { lines: number } }>) {
    if (!checkedHeader) {
      checkedHeader = true;
      const missing = REQUIRED_COLUMNS.filter((c) => !(c in record));
      const unknown = Object.keys(record).filter((c) => !(c in PERSON_CSV_COLUMNS) && !c.startsWith(ATTRIBUTE_PREFIX));
      if (missing.length || unknown.length) {
        throw new CsvHeaderError(
          [missing.length ? `missing columns: ${missing.join(', ')}` : '', unknown.length ? `unknown columns: ${unknown.join(', ')}` : ''].filter(Boolean).join('; '),
        );
      }
    }
    const ref = record.household_ref ?? '';
    if (current && current.ref !== ref) {
      yield toHousehold(current);
      finished.add(current.ref);
      current = undefined;
    }
    if (!current) {
      if (finished.has(ref)) {
        yield { ok: false, ref, lines: [info.lines], reason: `the rows of household ${ref} must be consecutive`, rows: [record] };
        continue;
      }
      current = { ref, rows: [], lines: [] };
    }
    current.rows.push(record);
    current.lines.push(info.lines);
  }
  if (current) yield toHousehold(current);
}

function toHousehold(h: { ref: string; rows: CsvRow[]; lines: number[] }): HouseholdRecord {
  const fail = (reason: string) => ({ ok: false as const, ref: h.ref, lines: h.lines, reason, rows: h.rows });
  if (!h.ref) return fail('household_ref is empty');
  const first = h.rows[0]!;
  const regions = new Set(h.rows.map((r) => r.region_code));
  if (regions.size !== 1) return fail(`the rows of household ${h.ref} name different regions`);
  const members = h.rows.map(memberOf);
  const parsed = HouseholdInput.safeParse({
    regionCode: first.region_code,
    address: { street: first.street, number: first.number || undefined, reference: first.reference || undefined },
    distributionPoint: first.distribution_point || null,
    members,
    reason: 'import',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [where, index, field] = issue.path;
    const line = where === 'members' && typeof index === 'number' ? h.lines[index] : h.lines[0];
    return { ...fail(`${field ? `${String(field)}: ` : ''}${issue.message}`), lines: [line!, ...h.lines.filter((l) => l !== line)] };
  }
  return { ok: true, ref: h.ref, lines: h.lines, input: parsed.data, rows: h.rows };
}

function memberOf(r: CsvRow) {
  const birth = r.birth_date ?? '';
  const evidence = r.document_type || r.document_number
    ? [{ kind: 'document', type: r.document_type, number: r.document_number }]
    : r.evidence_kind === 'introducer'
      ? [{ kind: 'introducer', introducerId: r.introducer_ref ? UNRESOLVED_INTRODUCER : r.introducer_id, note: r.evidence_note || undefined }]
      : r.evidence_kind
        ? [{ kind: r.evidence_kind, note: r.evidence_note || undefined }]
        : [];
  const attributes = Object.fromEntries(
    Object.entries(r)
      .filter(([k, v]) => k.startsWith(ATTRIBUTE_PREFIX) && v !== '')
      .map(([k, v]) => [k.slice(ATTRIBUTE_PREFIX.length), v]),
  );
  return {
    relationship: r.relationship,
    givenNames: r.given_names,
    familyNames: r.family_names,
    sex: r.sex || null,
    birthDate: birth
      ? /^\d{4}$/.test(birth)
        ? { value: `${birth}-01-01`, precision: 'year', declared: r.birth_date_declared === 'true' }
        : { value: birth, precision: 'day', declared: r.birth_date_declared === 'true' }
      : null,
    placeOfBirth: r.place_of_birth || null,
    phone: r.phone || null,
    evidence,
    attributes,
  };
}
