import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../../regions/load-regions.ts';
import { SAMPLE_CSV, SAMPLE_HEADER as HEADER } from '../../../test/support/registry-fixtures.ts';

for (const engine of testEngines()) {
  describe(`CSV import (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
    });
    after(() => t.close());

    const upload = (agent: Awaited<ReturnType<typeof signedIn>>, body: string) => agent.request('POST', '/api/registry/imports', body, { 'content-type': 'text/csv' });

    it('keeps good rows, reports each bad row with its line and reason, and queues duplicates', async () => {
      const registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      const r = await upload(registrar, SAMPLE_CSV);
      assert.equal(r.statusCode, 200, r.body);
      const report = r.json();
      assert.equal(report.rows, 6);
      assert.equal(report.households, 2, JSON.stringify(report));
      assert.equal(report.persons, 3);
      const byLine = Object.fromEntries(report.rejected.map((x: { line: number; reason: string }) => [x.line, x.reason]));
      assert.match(byLine[4], /birth|date/i, 'an impossible date');
      assert.match(byLine[5], /exactly one head/);
      assert.match(byLine[6], /outside your scope/);
      assert.equal(report.duplicatePairs, 1, 'Carmen Yulia is Carmen Julia with a typo and swapped day/month');
      const pending = (await registrar.get('/api/registry/dedup/pairs?status=pending')).json().pairs;
      assert.equal(pending.length, 1);
      assert.equal(pending[0].source, 'import');
      const summary = await t.ctx.db.selectFrom('audit_entry').select('detail').where('action', '=', 'registry.imported').executeTakeFirstOrThrow();
      assert.equal((summary.detail as { persons: number }).persons, 3, 'the import is audited as one act too');
    });

    it('creates nothing twice when the same file is imported again', async () => {
      const registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      const count = async () => (await t.ctx.db.selectFrom('person').select('id').execute()).length;
      const before = await count();
      const report = (await upload(registrar, SAMPLE_CSV)).json();
      assert.equal(report.households, 0);
      assert.equal(report.alreadyImported, 2);
      assert.equal(await count(), before);
    });

    it('refuses a file without the required columns, and non-CSV input', async () => {
      const registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      const missing = await upload(registrar, 'household_ref,given_names\nH-9,Ana\n');
      assert.equal(missing.statusCode, 400);
      assert.match(missing.json().error.message, /missing columns: region_code, relationship, family_names/);
      const broken = await upload(registrar, `${HEADER}\nH-9,"AN-01-01,unterminated`);
      assert.equal(broken.statusCode, 400);
      assert.match(broken.json().error.message, /not valid CSV/);
    });
  });
}
