/**
 * A streaming RFC 4180 reader for the import files: comma-separated, fields optionally
 * in double quotes (a quote inside doubled, commas and line breaks allowed inside),
 * lines ending in LF or CRLF, an optional UTF-8 byte order mark. Whitespace around a
 * field is dropped; empty lines are skipped.
 *
 * It exists because the import reads about a million rows at a time and a general
 * CSV library spent more time per row than validating the row does. It yields the
 * records of each chunk together, so that a file costs one await per chunk, not per row.
 */

export interface CsvRecord {
  fields: string[];
  /** The 1-based line on which the record starts (the header is line 1). */
  line: number;
  /** Set when the record holds a NUL character, which no text column can store. */
  binary?: true;
}

/** The file is not CSV from this point on (an unterminated quote, text after a closing quote): nothing after it can be trusted. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Reads records from UTF-8 chunks; a record may span chunks. Throws CsvSyntaxError. */
export async function* readCsvRecords(source: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8');
  const state = { line: 1, first: true };
  let pending = '';
  for await (const chunk of source) {
    let text = pending + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (state.first && text.length > 0) {
      state.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const records: CsvRecord[] = [];
    const consumed = parseRecords(text, false, state, records);
    if (text.indexOf('\0') >= 0 && text.indexOf('\0') < consumed) markBinary(records);
    pending = text.slice(consumed);
    if (records.length) yield records;
  }
  const rest = pending + decoder.decode();
  if (rest.length) {
    const records: CsvRecord[] = [];
    parseRecords(state.first && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest, true, state, records);
    if (rest.indexOf('\0') >= 0) markBinary(records);
    if (records.length) yield records;
  }
}

/**
 * Parses the complete records of `text` into `out` and returns how many characters
 * they took; the rest (an unfinished record) waits for the next chunk unless `final`.
 */
function parseRecords(text: string, final: boolean, state: { line: number }, out: CsvRecord[]): number {
  const end = text.length;
  let start = 0;
  // Where the next quote is (-1: none left), looked up again only once passed: a file without quotes is scanned once.
  let quote = text.indexOf('"');
  while (start < end) {
    const lineBreak = text.indexOf('\n', start);
    if (lineBreak < 0 && !final) return start;
    const lineEnd = lineBreak < 0 ? end : lineBreak;
    if (quote >= 0 && quote < start) quote = text.indexOf('"', start);
    if (quote < 0 || quote > lineEnd) {
      // The common case: a record on one line without quotes.
      const contentEnd = lineEnd > start && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      if (contentEnd > start) {
        const fields = text.slice(start, contentEnd).split(',').map(trim);
        if (!isEmpty(fields)) out.push({ fields, line: state.line });
      }
      state.line++;
      start = lineEnd + 1;
      continue;
    }
    const parsed = parseQuotedRecord(text, start, final, state.line);
    if (!parsed) return start;
    if (!isEmpty(parsed.fields)) out.push({ fields: parsed.fields, line: state.line });
    state.line += parsed.lines;
    start = parsed.next;
  }
  return end;
}

/** A record with at least one quote, read character by character; undefined when it does not end within `text` (and more may come). */
function parseQuotedRecord(text: string, start: number, final: boolean, line: number) {
  const fields: string[] = [];
  const end = text.length;
  let lines = 1;
  let i = start;
  for (;;) {
    // One field starts at i.
    let j = i;
    while (j < end && isBlank(text.charCodeAt(j))) j++;
    if (j < end && text.charCodeAt(j) === QUOTE) {
      let value = '';
      let from = j + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          if (!final) return undefined;
          throw new CsvSyntaxError('a quoted field is not closed', line);
        }
        value += text.slice(from, q);
        if (q + 1 < end && text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        if (q + 1 >= end && !final) return undefined;
        j = q + 1;
        break;
      }
      for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) lines++;
      while (j < end && isBlank(text.charCodeAt(j))) j++;
      fields.push(value);
      const c = j < end ? text.charCodeAt(j) : LF;
      if (c === COMMA) {
        i = j + 1;
        continue;
      }
      if (c === CR && (j + 1 >= end || text.charCodeAt(j + 1) === LF)) {
        if (j + 1 >= end && !final) return undefined;
        return { fields, lines, next: Math.min(end, j + 2) };
      }
      if (c === LF) return { fields, lines, next: j + 1 };
      throw new CsvSyntaxError('text after the closing quote of a field', line + lines - 1);
    }
    // An unquoted field: up to the next comma or the end of the line.
    let k = i;
    while (k < end) {
      const c = text.charCodeAt(k);
      if (c === COMMA || c === LF) break;
      if (c === QUOTE) throw new CsvSyntaxError('a quote inside a field that does not start with one', line + lines - 1);
      k++;
    }
    if (k >= end && !final) return undefined;
    const raw = text.slice(i, k);
    fields.push(trim(raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw));
    if (k < end && text.charCodeAt(k) === COMMA) {
      i = k + 1;
      continue;
    }
    return { fields, lines, next: k + 1 };
  }
}

function markBinary(records: CsvRecord[]) {
  for (const r of records) if (r.fields.some((f) => f.includes('\0'))) r.binary = true;
}

const isBlank = (c: number) => c === 32 || c === 9;

/** A line of blanks only: skipped like an empty one. */
const isEmpty = (fields: string[]) => fields.length === 1 && fields[0] === '';

function trim(s: string) {
  if (s.length === 0) return s;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  return isBlank(a) || isBlank(b) || b === CR ? s.trim() : s;
}
