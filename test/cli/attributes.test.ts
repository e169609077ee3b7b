import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../support/databases.ts';
import { createPostgresDatabase, runCli } from '../support/cli.ts';

/**
 * `amparo attributes`: the CLI proposes catalogue entries like the console does, and
 * a prohibited attribute is refused with the reason and a non-zero exit.
 */
for (const engine of testEngines()) {
  describe(`amparo attributes (${engine})`, () => {
    let dataDir: string;
    let env: Record<string, string>;
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'amparo-cli-'));
      env = engine === 'pglite' ? {} : { DATABASE_URL: await createPostgresDatabase() };
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);

    it('refuses a prohibited attribute with the reason on stderr and exit code 1', async () => {
      const voted = await cli('attributes', 'add', '--key', 'voted_2024', '--label', 'Votó en 2024', '--type', 'boolean', '--purpose', 'food');
      assert.equal(voted.code, 1, voted.stdout);
      assert.match(voted.stderr, /amparo: attribute refused: the key "voted" in "voted_2024" is about voting or election participation/);

      const religion = await cli('attributes', 'add', '--key', 'family_status', '--label', 'Situación', '--label-pt', 'Religião', '--type', 'boolean', '--purpose', 'food', '--legal-basis', 'Ley de Protección Social, art. 1');
      assert.equal(religion.code, 1);
      assert.match(religion.stderr, /label \(pt\) "Religião" is about religion or belief/);

      const listed = await cli('attributes', 'list', '--json');
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual(JSON.parse(listed.stdout), { entries: [], pending: [] }, 'a refusal changes nothing');
    });

    it('explains a malformed entry and exits 1', async () => {
      const r = await cli('attributes', 'add', '--key', 'household_size', '--label', 'Tamaño del hogar', '--type', 'integer', '--purpose', 'food');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /amparo: legal basis is required/);
      const badType = await cli('attributes', 'add', '--key', 'household_size', '--label', 'Tamaño', '--type', 'float', '--purpose', 'food', '--legal-basis', 'Ley de Protección Social');
      assert.equal(badType.code, 1);
      assert.match(badType.stderr, /type must be one of boolean, integer, decimal, date, enum/);
    });

    it('proposes an accepted entry (exit 0) and lists it as waiting for an auditor', async () => {
      const r = await cli(
        'attributes', 'add', '--key', 'household_size', '--label', 'Tamaño del hogar', '--label-en', 'Household size',
        '--type', 'integer', '--purpose', 'food,cash', '--legal-basis', 'Ley de Protección Social: caja de alimentos por tamaño del hogar',
      );
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /proposed new entry household_size as proposal [0-9a-f-]{36}/);
      assert.match(r.stdout, /an auditor must approve it/);

      const enumEntry = await cli(
        'attributes', 'add', '--key', 'roof_material', '--label', 'Material del techo', '--type', 'enum', '--values', 'zinc,concrete,thatch',
        '--purpose', 'cash', '--purpose', 'food', '--legal-basis', 'Ley de Vivienda, condiciones de la vivienda',
      );
      assert.equal(enumEntry.code, 0, enumEntry.stderr);
      assert.match(enumEntry.stdout, /the English label repeats the Spanish one/);

      const listed = await cli('attributes', 'list', '--json');
      const { pending } = JSON.parse(listed.stdout) as { pending: { key: string; entry: { purposes: string[]; values: string[] } }[] };
      const byKey = Object.fromEntries(pending.map((p) => [p.key, p]));
      assert.deepEqual(Object.keys(byKey).sort(), ['household_size', 'roof_material']);
      assert.deepEqual(byKey.roof_material?.entry.purposes, ['cash', 'food']);
      assert.deepEqual(byKey.roof_material?.entry.values, ['zinc', 'concrete', 'thatch']);
    });

    it('installs the default catalogue once and lists it', async () => {
      const first = await cli('attributes', 'install-defaults');
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /installed monthly_income, formal_employment, disability/);
      const second = await cli('attributes', 'install-defaults');
      assert.match(second.stdout, /already installed/);
      const listed = await cli('attributes', 'list');
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /^disability +boolean {2}special {2}health,pensions,food {2}v1 {2}active/m);
      assert.match(listed.stdout, /2 proposals waiting for an auditor/);
    });
  });
}
