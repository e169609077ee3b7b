import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../../regions/load-regions.ts';

const HEADER = 'household_ref,region_code,street,number,relationship,given_names,family_names,sex,birth_date,birth_date_declared,document_type,document_number,evidence_kind';
export const SAMPLE_CSV = [
  HEADER,
  'H-1,AN-01-01,Calle Real,12,head,Carmen Julia,Sánchez de la Rosa,F,1971-02-09,,national_id,V-9876543,',
  'H-1,AN-01-01,,,child,Yorman,Díaz Sánchez,M,2009,true,,,household_head',
  'H-2,AN-01-02,Callejón El Sol,3,head,Pedro Pablo,Marcano Gil,M,1988-13-01,,,,sworn_declaration',
  'H-3,AN-01-02,Sector Brisas,,spouse,Ana,Gil,F,1990-05-05,,,,sworn_declaration',
  'H-4,SE-01-01,Calle Sucre,1,head,Luis,Mata Rojas,M,1960-01-01,,,,sworn_declaration',
  'H-5,AN-02-01,Urbanización Los Pinos,7,head,Carmen Yulia,Sanchez de la Rosa,F,1971-09-02,,,,sworn_declaration',
].join('\n');

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
