import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_CSV } from '../support/registry-fixtures.ts';
import { runCli } from '../support/cli.ts';

/** The registry's commands as an operator runs them, on the embedded database. */
describe('amparo seed, import persons, dedup candidates', () => {
  let dir: string;
  const cli = (...args: string[]) => runCli(['--data-dir', join(dir, 'data'), ...args], { AMPARO_MODE: 'demo' });
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'amparo-registry-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds a synthetic population with planted duplicates, and adds nothing when re-run', async () => {
    const first = await cli('seed', '--households', '120', '--duplicates', '6');
    assert.equal(first.code, 0, first.stderr);
    const added = Number(/population: (\d+) households/.exec(first.stdout)?.[1]);
    assert.ok(added >= 120, first.stdout);
    assert.match(first.stdout, /[1-9]\d* possible duplicates in the review queue/);
    const again = await cli('seed', '--households', '120', '--duplicates', '6');
    assert.match(again.stdout, /population: 0 households, 0 persons added \(\d+ already there\)/);
    const bad = await cli('seed', '--households', '5', '--duplicates', '9');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /duplicates at most households/);
  });

  it('prints candidate pairs with scores as JSON lines', async () => {
    const r = await cli('dedup', 'candidates', '--json');
    assert.equal(r.code, 0, r.stderr);
    const pairs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(pairs.length >= 1);
    for (const p of pairs) {
      assert.ok(p.a < p.b && p.score >= 0 && p.score <= 1 && ['same', 'review'].includes(p.decision));
      assert.ok(p.reasons.length > 0 && p.reasons[0].es);
    }
  });

  it('imports a file, writes rejected rows with line and reason to the error file, and exits 2', async () => {
    const file = join(dir, 'personas.csv');
    writeFileSync(file, SAMPLE_CSV.replace(/SE-01-01/, 'XX-99-99'));
    const r = await cli('import', 'persons', file);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /6 rows: 2 households and 3 persons imported, 0 households already imported, 3 rows rejected \(see .*personas\.errors\.csv\)/);
    const errors = readFileSync(join(dir, 'personas.errors.csv'), 'utf8').trim().split('\n');
    assert.match(errors[0]!, /^line,reason,household_ref,/);
    assert.equal(errors.length, 4);
    assert.match(errors.find((l) => l.startsWith('6,'))!, /XX-99-99 is not a parish/);
    const again = await cli('import', 'persons', file);
    assert.match(again.stdout, /0 households and 0 persons imported, 2 households already imported/);
  });

  it('stops before writing anything when the header is wrong', async () => {
    const file = join(dir, 'malo.csv');
    writeFileSync(file, 'nombre,apellido\nAna,Gil\n');
    const r = await cli('import', 'persons', file);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /missing columns: household_ref, region_code, relationship, given_names, family_names; unknown columns: nombre, apellido/);
    assert.ok(!existsSync(join(dir, 'malo.errors.csv')), 'no error file: nothing was read');
  });
});
