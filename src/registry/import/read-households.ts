import type { Readable } from 'node:stream';
import { DomainError } from '../../shared/domain-error.ts';
import { HouseholdInput } from '../schemas.ts';
import { ATTRIBUTE_PREFIX, PERSON_CSV_COLUMNS, REQUIRED_COLUMNS } from './csv-columns.ts';
import { readCsvRecords } from './csv-records.ts';

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
 * file of millions of rows streams. A household with a bad row (a wrong number of
 * fields, a value that does not validate) is yielded as not ok, with the line and the
 * reason, and the reading goes on. Yields the households of each chunk of the file
 * together. Throws CsvHeaderError for a wrong header and CsvSyntaxError when the file
 * stops being CSV (an unterminated quote): nothing after that point can be read.
 */
export async function* readHouseholds(source: Readable): AsyncGenerator<HouseholdRecord[]> {
  let header: string[] | undefined;
  let attributeColumns: AttributeColumns = [];
  let current: { ref: string; rows: CsvRow[]; lines: number[]; problem?: { line: number; reason: string } } | undefined;
  const finished = new Set<string>();
  for await (const records of readCsvRecords(source)) {
    const out: HouseholdRecord[] = [];
    for (const { fields, line, binary } of records) {
      if (!header) {
        header = fields;
        checkHeader(header);
        attributeColumns = header.filter((c) => c.startsWith(ATTRIBUTE_PREFIX)).map((c) => [c, c.slice(ATTRIBUTE_PREFIX.length)] as const);
        continue;
      }
      const record: CsvRow = {};
      for (let i = 0; i < header.length; i++) record[header[i]!] = fields[i] ?? '';
      const ref = record.household_ref!;
      if (current && current.ref !== ref) {
        out.push(toHousehold(current, attributeColumns));
        finished.add(current.ref);
        current = undefined;
      }
      if (!current) {
        if (finished.has(ref)) {
          out.push({ ok: false, ref, lines: [line], reason: `the rows of household ${ref} must be consecutive`, rows: [record] });
          continue;
        }
        current = { ref, rows: [], lines: [] };
      }
      current.rows.push(record);
      current.lines.push(line);
      if (fields.length !== header.length && !current.problem) {
        current.problem = { line, reason: `this row has ${fields.length} fields; the header has ${header.length}` };
      }
      if (binary && !current.problem) current.problem = { line, reason: 'this row holds a NUL character (is the file text?)' };
    }
    if (out.length) yield out;
  }
  if (!header) throw new CsvHeaderError('the file is empty: it needs a header row and one row per person');
  if (current) yield [toHousehold(current, attributeColumns)];
}

function checkHeader(header: string[]) {
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(c in PERSON_CSV_COLUMNS) && !c.startsWith(ATTRIBUTE_PREFIX));
  const repeated = header.filter((c, i) => header.indexOf(c) !== i);
  if (missing.length || unknown.length || repeated.length) {
    throw new CsvHeaderError(
      [
        missing.length ? `missing columns: ${missing.join(', ')}` : '',
        unknown.length ? `unknown columns: ${unknown.join(', ')}` : '',
        repeated.length ? `repeated columns: ${[...new Set(repeated)].join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
}

/** The `attr.` columns of the file: column name and attribute key. */
type AttributeColumns = readonly (readonly [column: string, key: string])[];

function toHousehold(h: { ref: string; rows: CsvRow[]; lines: number[]; problem?: { line: number; reason: string } }, attributeColumns: AttributeColumns): HouseholdRecord {
  const fail = (reason: string) => ({ ok: false as const, ref: h.ref, lines: h.lines, reason, rows: h.rows });
  if (h.problem) return { ...fail(h.problem.reason), lines: [h.problem.line, ...h.lines.filter((l) => l !== h.problem!.line)] };
  if (!h.ref) return fail('household_ref is empty');
  const first = h.rows[0]!;
  const regions = new Set(h.rows.map((r) => r.region_code));
  if (regions.size !== 1) return fail(`the rows of household ${h.ref} name different regions`);
  const members = h.rows.map((r) => memberOf(r, attributeColumns));
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

function memberOf(r: CsvRow, attributeColumns: AttributeColumns) {
  const birth = r.birth_date ?? '';
  const evidence = r.document_type || r.document_number
    ? [{ kind: 'document', type: r.document_type, number: r.document_number }]
    : r.evidence_kind === 'introducer'
      ? [{ kind: 'introducer', introducerId: r.introducer_ref ? UNRESOLVED_INTRODUCER : r.introducer_id, note: r.evidence_note || undefined }]
      : r.evidence_kind
        ? [{ kind: r.evidence_kind, note: r.evidence_note || undefined }]
        : [];
  const attributes: Record<string, string> = {};
  for (const [column, key] of attributeColumns) if (r[column]) attributes[key] = r[column];
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
