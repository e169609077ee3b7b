import assert from 'node:assert/strict';
import { createHmac, hkdfSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';
import { PseudonymDeriver } from './derive.ts';
import { pseudonymsFor } from './service.ts';

describe('sector pseudonyms (derivation)', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

  it('gives one person unlinkable identifiers in two sectors', () => {
    const deriver = new PseudonymDeriver(Buffer.alloc(32, 9));
    const food = ids.map((id) => deriver.pseudonymOf('food', id));
    const health = ids.map((id) => deriver.pseudonymOf('health', id));
    assert.equal(new Set(food).size, ids.length, 'no two persons share a pseudonym');
    const healthSet = new Set(health);
    assert.ok(food.every((p) => !healthSet.has(p)), 'no pseudonym of one sector appears in another');
    assert.ok(food.every((p, i) => !p.includes(ids[i]!.slice(-12)) && p !== health[i]), 'nothing of the person id shows');
    // Unlinkable: knowing food pseudonyms does not order health ones (positions agree no more than chance).
    const rank = (list: string[]) => list.map((p, i) => [p, i] as const).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, i]) => i);
    const sameRank = rank(food).filter((i, position) => rank(health)[position] === i).length;
    assert.ok(sameRank < 10, `${sameRank} persons hold the same rank in both sectors`);
    assert.deepEqual(food.slice(0, 3), ids.slice(0, 3).map((id) => deriver.pseudonymOf('food', id)), 'stable for the same key');
    assert.notEqual(new PseudonymDeriver(Buffer.alloc(32, 8)).pseudonymOf('food', ids[0]!), food[0], 'another master key gives others');
    assert.match(food[0]!, /^[A-Za-z0-9_-]{22}$/);
  });

  it('is HMAC-SHA256 under the HKDF sector key, as documented; households are domain-separated from persons', () => {
    const master = Buffer.alloc(32, 9);
    const deriver = new PseudonymDeriver(master);
    const key = Buffer.from(hkdfSync('sha256', master, 'amparo', 'sector-pseudonym:fuel', 32));
    const hmac = (message: string) => createHmac('sha256', key).update(message).digest().subarray(0, 17).toString('base64url').slice(0, 22);
    for (const id of ids.slice(0, 50)) {
      assert.equal(deriver.pseudonymOf('fuel', id), hmac(id));
      assert.equal(deriver.householdPseudonymOf('fuel', id), hmac(`household:${id}`));
      assert.notEqual(deriver.householdPseudonymOf('fuel', id), deriver.pseudonymOf('fuel', id));
    }
    assert.equal(deriver.pseudonymOf('fuel', 'ñandú-ü'), hmac('ñandú-ü'), 'UTF-8 messages');
  });
});

for (const engine of testEngines()) {
  describe(`resolving a pseudonym (${engine})`, () => {
    let t: TestApp;
    let personId: string;
    let foodPseudonym: string;
    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
      const registrar = await signedIn(t, 'registrar', { regions: ['AN'] });
      const enrolled = await registrar.post('/api/registry/households', {
        regionCode: 'AN-01-01',
        address: { street: 'Calle Sucre' },
        members: [{ relationship: 'head', givenNames: 'Luisa', familyNames: 'Mata Rojas', sex: 'F', birthDate: { value: '1961-03-04' }, evidence: [{ kind: 'sworn_declaration' }] }],
      });
      personId = enrolled.json().personIds[0];
      foodPseudonym = pseudonymsFor(t.ctx, 'food', [personId]).get(personId)!;
    });
    after(() => t.close());

    const resolve = (agent: Awaited<ReturnType<typeof signedIn>>, body: object) => agent.post('/api/pseudonyms/resolve', body);

    it('needs a role with the purpose, a reason and the region, and is audited', async () => {
      const body = { sector: 'food', pseudonym: foodPseudonym, reason: 'la beneficiaria perdió la tarjeta en el punto' };
      for (const role of ['registrar', 'analyst', 'auditor', 'administrator'] as const) {
        assert.equal((await resolve(await signedIn(t, role), body)).statusCode, 403, `${role} may not resolve`);
      }
      const manager = await signedIn(t, 'program_manager', { regions: ['AN'] });
      assert.equal((await resolve(manager, { ...body, reason: 'porque' })).statusCode, 400, 'a reason is required');
      const resolved = await resolve(manager, body);
      assert.equal(resolved.statusCode, 200, resolved.body);
      assert.equal(resolved.json().personId, personId);
      const elsewhere = await signedIn(t, 'program_manager', { regions: ['SE'] });
      assert.equal((await resolve(elsewhere, body)).statusCode, 404);
      assert.equal((await resolve(manager, { ...body, sector: 'health' })).statusCode, 404, "a food pseudonym means nothing in health");

      const entries = (
        await sql<{ purpose: string; detail: { sector: string; reason: string } }>`SELECT purpose, detail FROM audit_entry WHERE action = 'pseudonym.resolved'`.execute(t.ctx.db)
      ).rows;
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.purpose, 'eligibility');
      assert.equal(entries[0]!.detail.sector, 'food');
      assert.equal(entries[0]!.detail.reason, body.reason);
    });

    it('keeps no table from pseudonyms to persons: only the master key links them', async () => {
      const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'pseudonym'`.execute(t.ctx.db);
      assert.deepEqual(tables.rows, []);
    });
  });
}
