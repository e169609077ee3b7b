import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { CsvSyntaxError, readCsvRecords, type CsvRecord } from './csv-records.ts';

/** Every record of `text`, delivered in chunks of `size` characters (or bytes, when `bytes`). */
async function records(text: string, size = text.length || 1, bytes = false): Promise<CsvRecord[]> {
  const chunks: (string | Buffer)[] = [];
  const data = bytes ? Buffer.from(text) : text;
  for (let i = 0; i < data.length; i += size) chunks.push(data.slice(i, i + size));
  const out: CsvRecord[] = [];
  for await (const batch of readCsvRecords(Readable.from(chunks, { objectMode: true }))) out.push(...batch);
  return out;
}

const fields = (rs: CsvRecord[]) => rs.map((r) => r.fields);

describe('CSV records', () => {
  it('reads plain, quoted and escaped fields, LF and CRLF, and drops blanks around fields', async () => {
    const text = 'a,b,c\r\n1, two ,"three, with comma"\n"say ""hi""",,  "x" \n';
    assert.deepEqual(fields(await records(text)), [
      ['a', 'b', 'c'],
      ['1', 'two', 'three, with comma'],
      ['say "hi"', '', 'x'],
    ]);
  });

  it('numbers each record by the line it starts on, counting line breaks inside quotes and skipping empty lines', async () => {
    const text = 'h1,h2\n\n"multi\nline",x\r\n\n  \nlast,y';
    const rs = await records(text);
    assert.deepEqual(fields(rs), [['h1', 'h2'], ['multi\nline', 'x'], ['last', 'y']]);
    assert.deepEqual(rs.map((r) => r.line), [1, 3, 7]);
  });

  it('gives the same records whatever the chunk boundaries, including inside a multi-byte character', async () => {
    const text = '\uFEFFref,name,note\nH-1,José Ñúñez,"a ""quoted"" note\r\nover lines"\r\nH-2,Zoë,\nH-3,"",plain\n';
    const whole = await records(text);
    assert.deepEqual(fields(whole)[0], ['ref', 'name', 'note'], 'the byte order mark is dropped');
    for (const size of [1, 2, 3, 5, 7, 64]) {
      assert.deepEqual(await records(text, size), whole, `chunks of ${size} characters`);
      assert.deepEqual(await records(text, size, true), whole, `chunks of ${size} bytes`);
    }
  });

  it('agrees with csv-parse on a file of awkward rows', async () => {
    const rows = [
      ['id', 'text', 'more'],
      ['1', 'comma, inside', 'quote " inside'],
      ['2', 'line\nbreak', ''],
      ['3', '', 'trailing'],
      ['4', 'ü ñ — 漢字', '""'],
    ];
    const text = rows.map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\r\n');
    assert.deepEqual(fields(await records(text, 3)), parse(text, { trim: true, skip_empty_lines: true }));
  });

  it('marks a record that holds a NUL character, and only that one', async () => {
    const rs = await records('a,b\n1,x\u0000y\n2,z\n', 4);
    assert.deepEqual(rs.map((r) => r.binary ?? false), [false, true, false]);
  });

  it('refuses an unterminated quote and text after a closing quote, naming the line', async () => {
    await assert.rejects(records('a,b\n1,"open\n2,x\n'), (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && /not closed/.test(e.message));
    await assert.rejects(records('a,b\n1,"x"y\n'), (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && /after the closing quote/.test(e.message));
    await assert.rejects(records('a,b\n\n1,x"y\n'), (e: unknown) => e instanceof CsvSyntaxError && e.line === 3 && /quote inside/.test(e.message));
  });
});
