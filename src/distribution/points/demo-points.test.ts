import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testContext, type TestContext } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { seedDemo } from '../../demo/seed-demo.ts';

for (const engine of testEngines()) {
  describe(`demo distribution points (${engine})`, () => {
    let t: TestContext;
    before(async () => {
      t = await testContext(engine);
      await seedDemo(t.ctx, { households: 30, duplicates: 0, seed: 'points-demo' });
    });
    after(() => t.close());

    it('seeds one food point per municipality, and the demo agent at the points of its region', async () => {
      const municipalities = await t.ctx.db.selectFrom('region').select('code').where('level', '=', 'municipality').orderBy('code').execute();
      const points = await t.ctx.db.selectFrom('distribution_point').selectAll().orderBy('code').execute();
      assert.deepEqual(points.map((p) => [p.code, p.region_code, p.kind]), municipalities.map((m) => [`PDA-${m.code}`, m.code, 'food']));
      const assigned = await t.ctx.db
        .selectFrom('distribution_point_agent as a')
        .innerJoin('official as o', 'o.id', 'a.official_id')
        .select(['o.username', 'a.point_code'])
        .where('a.ended_at', 'is', null)
        .execute();
      assert.deepEqual(assigned, [{ username: 'agent', point_code: 'PDA-AN-01' }]);
    });

    it("assigns every seeded household its municipality's point, and the demo programs serve every point", async () => {
      const households = await t.ctx.db.selectFrom('household').select(['region_code', 'distribution_point']).execute();
      assert.ok(households.length >= 30);
      for (const h of households) assert.equal(h.distribution_point, `PDA-${h.region_code.split('-').slice(0, 2).join('-')}`, h.region_code);
      const codes = (await t.ctx.db.selectFrom('distribution_point').select('code').orderBy('code').execute()).map((p) => p.code);
      for (const program of await t.ctx.db.selectFrom('program').select(['code', 'distribution_points']).execute()) {
        assert.deepEqual([...program.distribution_points].sort(), codes, program.code);
      }
    });

    it('is idempotent', async () => {
      const count = async (table: 'distribution_point' | 'distribution_point_agent' | 'program_version') =>
        Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const before = [await count('distribution_point'), await count('distribution_point_agent'), await count('program_version')];
      await seedDemo(t.ctx, {});
      assert.deepEqual([await count('distribution_point'), await count('distribution_point_agent'), await count('program_version')], before);
    });
  });
}
