import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent, testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { DEMO_PROGRAMS } from './demo-programs.ts';

for (const engine of testEngines()) {
  describe(`demo programs (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(engine);
    });
    after(() => t.close());

    it('seeds the five programs of the issue with their rules, active and public, once', async () => {
      const first = await seedDemo(t.ctx, { households: 12, duplicates: 0, seed: 'programs-demo' });
      assert.deepEqual(first.programs, ['food-box', 'chronic-medicine', 'pension', 'fuel-quota', 'mothers-bonus']);
      const again = await seedDemo(t.ctx, {});
      assert.deepEqual(again.programs, [], 'a second seed creates nothing');

      const page = (await new Agent(t.app).get('/api/public/programs')).json();
      assert.deepEqual(page.programs.map((p: { code: string }) => p.code).sort(), DEMO_PROGRAMS.map((d) => d.definition.code).sort());
      for (const p of page.programs) {
        assert.equal(p.status, 'active');
        assert.equal(p.currency, 'XAM');
        assert.equal(p.currentRule.version, 1, p.code);
      }
      const versions = await t.ctx.db.selectFrom('program_rule_version').select(['version']).execute();
      assert.equal(versions.length, 5, 'one rule version each, however often the seed runs');
    });

    it('decides over the synthetic population as an independent computation does', async () => {
      const manager = await signedIn(t, 'program_manager');
      const households = await t.ctx.db.selectFrom('household').select(['id']).where('status', '=', 'active').execute();
      assert.ok(households.length >= 12);
      let eligible = 0;
      for (const { id } of households) {
        const members = await t.ctx.db.selectFrom('person').selectAll().where('household_id', '=', id).where('status', '=', 'active').execute();
        const incomes = members.map((m) => (m.attributes as { monthly_income?: string }).monthly_income).filter((v): v is string => v !== undefined);
        // The food-box rule by hand: income per member under 500,000, one box per five members.
        const expected = incomes.length > 0 && incomes.reduce((s, v) => s + Number(v), 0) / members.length < 500000;
        const r = await manager.post('/api/programs/food-box/explain', { householdId: id });
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.json().eligible, expected, `household ${id}`);
        assert.equal(r.json().quantity, expected ? Math.ceil(members.length / 5) : 0);
        if (expected) eligible++;
      }
      assert.ok(eligible > 0, 'the demo population has eligible households');
    });
  });
}
