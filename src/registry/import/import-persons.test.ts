import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { testApp, testContext, type TestApp, type TestContext } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { signedIn } from '../../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../../regions/load-regions.ts';
import { SAMPLE_CSV, SAMPLE_HEADER as HEADER } from '../../../test/support/registry-fixtures.ts';
import { importPersons, type ImportProgress, type ImportResult } from './import-persons.ts';

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

/** Households that exercise what crosses a batch boundary: duplicates, introducers, rejections. Lines are 1-based, the header is line 1. */
const BATCH_CSV = [
  'household_ref,person_ref,region_code,street,relationship,given_names,family_names,sex,birth_date,document_type,document_number,evidence_kind,introducer_ref',
  'B-1,P-1,AN-01-01,Calle Real 1,head,Rosa María,Pérez Gil,F,1950-03-04,national_id,V-1111111,,',
  'B-1,P-2,AN-01-01,,child,Luis Alberto,Mora Pérez,M,1980-07-08,,,sworn_declaration,',
  'B-2,P-3,AN-01-01,Calle Bolívar 9,head,Rosa Maria,Peres Gil,F,1950-04-03,,,sworn_declaration,',
  'B-3,P-4,AN-01-01,Sector Brisas,head,Ana Julia,Rivas Soto,F,1975-01-02,,,introducer,P-2',
  'B-4,P-5,AN-01-01,Calle Sucre 4,head,Juan,Díaz Rojas,M,1990-01-01,,,sworn_declaration,',
  'B-4,P-6,AN-01-01,,head,Pedro,Díaz Rojas,M,1992-02-02,,,sworn_declaration,',
  'B-5,P-7,AN-01-01,Calle Miranda 2,head,Carla,Méndez Vivas,F,1985-05-05,,,introducer,P-5',
  'B-6,P-8,AN-01-01,Calle Urdaneta 7,head,Marta,Luna Sol,F,1970-10-10,,,introducer,P-7',
  'B-7,P-9,AN-01-01,Calle Páez 3,head,Luis,Blanco',
  'B-8,P-10,AN-01-01,Calle Paz 5,head,Luis Alberto,Mora Perez,M,1980-08-07,,,sworn_declaration,',
].join('\n');

for (const engine of testEngines()) {
  describe(`CSV import in batches (${engine})`, () => {
    let t: TestContext;
    before(async () => {
      t = await testContext(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
    });
    after(() => t.close());

    const actor = { id: null, name: 'import test', role: 'system', regionScopes: ['*'] };
    const run = async (csv: string, batchSize: number) => {
      const progress: ImportProgress[] = [];
      const result = await importPersons(t.ctx, Readable.from([csv]), { actor, batchSize, onProgress: (p) => progress.push(p) });
      return { result, progress };
    };
    // The same people under other refs, so that each run creates its own records.
    const renamed = (prefix: string) => BATCH_CSV.replace(/\b([BP])-(\d+)/g, `${prefix}$1-$2`);
    const outcome = async (r: ImportResult, prefix: string) => {
      const persons = await t.ctx.db.selectFrom('person').select(['id', 'external_ref']).where('external_ref', 'like', `import:p:${prefix}%`).execute();
      const ref = new Map(persons.map((p) => [p.id, p.external_ref!.slice(`import:p:${prefix}`.length)]));
      const pairs = await t.ctx.db.selectFrom('dedup_pair').select(['person_a', 'person_b', 'source']).where('source', '=', 'import').execute();
      return {
        households: r.households,
        persons: [...ref.values()].sort(),
        rejected: r.rejected.map((x) => [x.line, x.reason]),
        pairs: pairs.filter((p) => ref.has(p.person_a) && ref.has(p.person_b)).map((p) => [ref.get(p.person_a), ref.get(p.person_b)].sort().join('~')).sort(),
      };
    };

    it('gives the same records, rejections and duplicate pairs whether the rows are in one batch or in one batch per household', async () => {
      const one = await run(renamed('one'), 1);
      const all = await run(renamed('all'), 100);
      const a = await outcome(one.result, 'one');
      const b = await outcome(all.result, 'all');
      assert.deepEqual(a, b);
      assert.deepEqual(a.persons, ['P-1', 'P-10', 'P-2', 'P-3', 'P-4']);
      assert.equal(a.households, 4);
      assert.deepEqual(a.rejected, [
        [6, 'a household has exactly one head; this one has 2'],
        [7, 'a household has exactly one head; this one has 2'],
        [8, 'the introducer must be a registered, active person'],
        [9, 'the introducer must be a registered, active person'],
        [10, 'this row has 7 fields; the header has 13'],
      ]);
      assert.ok(a.pairs.includes('P-1~P-3'), `Rosa María Pérez Gil and Rosa Maria Peres Gil (day and month swapped) are queued: ${a.pairs.join(', ')}`);
      assert.ok(a.pairs.includes('P-10~P-2'), `Luis Alberto Mora Pérez and Mora Perez are queued: ${a.pairs.join(', ')}`);
      assert.equal(one.result.duplicatePairs, a.pairs.length);
      assert.equal(one.progress.length, 6, 'progress after every batch written (two households were rejected before one was formed)');
      assert.deepEqual(one.progress.at(-1), { rows: 10, households: 4, persons: 5, rejectedRows: 5 });
    });

    it('gives every record it creates a first version and an audit entry naming it, with the purpose', async () => {
      const { result } = await run(renamed('hist'), 3);
      const persons = await t.ctx.db.selectFrom('person').select(['id', 'household_id']).where('external_ref', 'like', 'import:p:hist%').execute();
      const households = [...new Set(persons.map((p) => p.household_id))];
      assert.equal(persons.length, result.persons);
      assert.equal(households.length, result.households);
      const personIds = persons.map((p) => p.id);
      const versions = await t.ctx.db.selectFrom('person_version').select(['person_id', 'version', 'reason']).where('person_id', 'in', personIds).execute();
      assert.deepEqual(versions.map((v) => v.person_id).sort(), [...personIds].sort());
      assert.ok(versions.every((v) => v.version === 1 && v.reason === 'import'));
      const householdVersions = await t.ctx.db.selectFrom('household_version').select(['household_id', 'version']).where('household_id', 'in', households).execute();
      assert.deepEqual(householdVersions.map((v) => v.household_id).sort(), [...households].sort());
      const entries = await t.ctx.db
        .selectFrom('audit_entry')
        .select(['action', 'subject_id', 'purpose'])
        .where('subject_id', 'in', [...personIds, ...households])
        .execute();
      assert.deepEqual(entries.filter((e) => e.action === 'registry.person_enrolled').map((e) => e.subject_id).sort(), [...personIds].sort());
      assert.deepEqual(entries.filter((e) => e.action === 'registry.household_enrolled').map((e) => e.subject_id).sort(), [...households].sort());
      assert.ok(entries.every((e) => e.purpose === 'enrolment'));
      const keys = await t.ctx.db.selectFrom('person_dedup_key').select('person_id').where('person_id', 'in', personIds).execute();
      assert.deepEqual(new Set(keys.map((k) => k.person_id)), new Set(personIds), 'every person is findable by the duplicate search');
    });

    it('rejects a row that holds a NUL character with its line, and refuses a batch size that is not a whole number', async () => {
      const csv = renamed('nul').replace('Calle Bolívar 9', 'Calle Bol\u0000var 9');
      const { result } = await run(csv, 100);
      assert.deepEqual(result.rejected.find((r) => r.line === 4)?.reason, 'this row holds a NUL character (is the file text?)');
      assert.equal(result.households, 3);
      await assert.rejects(run(renamed('nan'), Number('ten')), /batch size/);
    });

    it('keeps the households read before the file stops being CSV, and says how many', async () => {
      // B-2 is left out too: its rows might have gone on past the break.
      const lines = renamed('cut').split('\n');
      const csv = [...lines.slice(0, 4), 'cutB-9,cutP-11,AN-01-01,"Calle sin cerrar,head,Eva,Paz,F,1999-01-01,,,sworn_declaration,', ...lines.slice(4)].join('\n');
      await assert.rejects(run(csv, 100), /not valid CSV \(1 household was imported before this\): line 5: a quoted field is not closed/);
      const persons = await t.ctx.db.selectFrom('person').select('external_ref').where('external_ref', 'like', 'import:p:cut%').execute();
      assert.deepEqual(persons.map((p) => p.external_ref).sort(), ['import:p:cutP-1', 'import:p:cutP-2']);
    });

    it('creates nothing twice when a file is imported again in other batches', async () => {
      const first = await run(renamed('again'), 2);
      const second = await run(renamed('again'), 5);
      assert.equal(second.result.households, 0);
      assert.equal(second.result.persons, 0);
      assert.equal(second.result.alreadyImported, first.result.households);
      assert.equal(second.result.duplicatePairs, 0);
    });
  });
}
