import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';
import { enrolHousehold } from './enrol-household.ts';
import { HouseholdInput } from './schemas.ts';

type Agent = Awaited<ReturnType<typeof signedIn>>;
interface Page {
  results: { personId: string; score: number | null; givenNames: string; familyNames: string }[];
  next: string | null;
  capped: boolean;
}

const GIVEN = ['Griselda', 'Griselda María', 'Griselda Josefina', 'Grisélda', 'Griselda Coromoto', 'Griselda Beatriz', 'Griselda Inés'];
const FAMILY = ['Manzanares Toro', 'Manzanarez Lugo', 'Manzanares', 'Manzanares Peña', 'Mansanares Rivas', 'Manzanares Gil', 'Manzanares Mora'];

const member = (i: number) => ({
  relationship: i === 0 ? 'head' : 'other',
  givenNames: GIVEN[i]!,
  familyNames: FAMILY[i]!,
  sex: 'F',
  birthDate: { value: `${1950 + i}-0${1 + (i % 9)}-1${i}` },
  evidence: [{ kind: 'sworn_declaration', note: 'sin documentos' }],
});

/** Imports (duplicates queued, not asked): many people whose names sound the same, as a registry has. */
async function plant(t: TestApp, regionCode: string, count: number) {
  const actor = { id: null, name: 'import', role: 'system', regionScopes: ['*'] };
  const input = HouseholdInput.parse({ regionCode, address: { street: 'Calle Los Manzanares' }, members: Array.from({ length: count }, (_, i) => member(i)) });
  return (await enrolHousehold(t.ctx, actor, input, { duplicates: 'queue', source: 'import' })).personIds;
}

for (const engine of testEngines()) {
  describe(`search pages (${engine})`, () => {
    let t: TestApp;
    let registrar: Agent;
    let planted: string[];
    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
      registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      planted = await plant(t, 'AN-01-02', 7);
    });
    after(() => t.close());

    const search = async (query: string, as = registrar) => {
      const r = await as.get(`/api/registry/search?${query}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as Page;
    };
    const allPages = async (query: string, limit: number) => {
      const pages: Page[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await search(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        pages.push(page);
        cursor = page.next;
        assert.ok(pages.length <= 10, 'paging ends');
      } while (cursor);
      return pages;
    };

    it('pages through every match in one stable order, best first, with a cursor', async () => {
      const query = `name=${encodeURIComponent('griselda manzanares')}`;
      const whole = await search(`${query}&limit=100`);
      assert.equal(whole.next, null);
      assert.equal(whole.capped, false);
      assert.deepEqual(new Set(whole.results.map((r) => r.personId)), new Set(planted));
      const scores = whole.results.map((r) => r.score!);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best match first');

      const pages = await allPages(query, 3);
      assert.deepEqual(pages.map((p) => p.results.length), [3, 3, 1]);
      assert.equal(pages.at(-1)!.next, null);
      assert.deepEqual(pages.flatMap((p) => p.results.map((r) => r.personId)), whole.results.map((r) => r.personId), 'the pages are the whole ranking cut in three');
      assert.deepEqual(await allPages(query, 3), pages, 'the same search pages the same way');
    });

    it('neither repeats nor skips a record when one is enrolled between pages', async () => {
      const query = `name=${encodeURIComponent('griselda manzanares')}&limit=4`;
      const first = await search(query);
      const [late] = await plant(t, 'AN-01-03', 1);
      const second = await search(`${query}&cursor=${encodeURIComponent(first.next!)}`);
      const seen = [...first.results, ...second.results].map((r) => r.personId);
      assert.equal(new Set(seen).size, seen.length, 'no record twice');
      for (const id of planted) assert.ok(seen.includes(id), 'every record that was there is on a page');
      assert.ok(late);
    });

    it('audits the persons of the pages asked for, and only those', async () => {
      const reader = await signedIn(t, 'registrar', { regions: ['AN'] });
      const page = await search(`name=${encodeURIComponent('griselda manzanares')}&limit=2`, reader);
      const reads = await t.ctx.db.selectFrom('audit_entry').select('subject_id').where('actor_name', '=', reader.username).where('action', '=', 'registry.person_read').execute();
      assert.deepEqual(reads.map((r) => r.subject_id).sort(), page.results.map((r) => r.personId).sort());
    });

    it('refuses a cursor it did not give, and a page larger than the maximum', async () => {
      assert.equal((await registrar.get('/api/registry/search?name=griselda&limit=101')).statusCode, 400);
      assert.equal((await registrar.get('/api/registry/search?name=griselda&limit=0')).statusCode, 400);
      const bad = await registrar.get('/api/registry/search?name=griselda&cursor=bm90LWEtY3Vyc29y');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
      const byName = await search('name=griselda&limit=1');
      assert.ok(byName.next);
      // A name search's cursor holds a score; a search without a name ranks by record only.
      assert.equal((await registrar.get(`/api/registry/search?document=V-1234567&cursor=${encodeURIComponent(byName.next!)}`)).statusCode, 400);
    });

    it('pages only within the official’s regions', async () => {
      const elsewhere = await signedIn(t, 'registrar', { regions: ['SE'] });
      assert.deepEqual(await search(`name=${encodeURIComponent('griselda manzanares')}&limit=2`, elsewhere), { results: [], next: null, capped: false });
      const parish = await signedIn(t, 'registrar', { regions: ['AN-01-03'] });
      const pages = await search(`name=${encodeURIComponent('griselda manzanares')}&limit=2`, parish);
      assert.equal(pages.results.length, 1, 'only the record enrolled in that parish');
      assert.equal(pages.next, null);
    });
  });
}
