import type { ImportReport } from '../../api/contracts.ts';

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The error file: for each rejected row, its line number and the reason, followed by
 * the row exactly as it was in the file, under the file's own header, so that the rows
 * can be fixed in a spreadsheet (the two first columns dropped) and imported again.
 * Lines are the file's physical lines, counted from 1 with the header as line 1.
 */
export function rejectedRowsCsv(original: string, rejected: ImportReport['rejected']): string {
  const lines = original.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = lines[0] ?? '';
  const out = [`line,reason${header ? `,${header}` : ''}`];
  for (const { line, reason } of [...rejected].sort((a, b) => a.line - b.line)) {
    const row = line >= 1 && line <= lines.length ? (lines[line - 1] ?? '') : '';
    out.push(`${line},${csvField(reason)}${row ? `,${row}` : ''}`);
  }
  // A BOM, so that spreadsheet programs read the accents right.
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
