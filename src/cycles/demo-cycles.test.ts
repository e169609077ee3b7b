import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { todayUtc } from '../programs/program-definition.ts';
import { addDays } from '../programs/rule-timeline.ts';
import { publishRule } from '../programs/publish-rule.ts';
import { previewCycle } from './preview-cycle.ts';
import { runCycle } from './run-cycle.ts';

const CLI = { id: null, name: 'test', role: 'system', programScopes: ['*'], regionScopes: ['*'] };
const nextMonth = addDays(`${todayUtc().slice(0, 7)}-01`, 40).slice(0, 7);

/**
 * The same decisions written in SQL, independently of the rule language: the rules of
 * demo-program-rules.ts over the active records, ages counted on the cycle's first day
 * (a year-only birth date from 1 July), a value not recorded never making anyone eligible.
 */
const independent: Record<string, (reference: string) => ReturnType<typeof sql<{ n: string; quantity: string }>>> = {
  'food-box': (reference) => sql`
    WITH h AS (
      SELECT p.household_id, count(*) AS size, sum((p.attributes ->> 'monthly_income')::numeric) AS income
      FROM person p JOIN household hh ON hh.id = p.household_id
      WHERE p.status = 'active' AND hh.status = 'active'
      GROUP BY p.household_id)
    SELECT count(*) AS n, coalesce(sum((size + 4) / 5), 0)::text AS quantity FROM h
    WHERE income IS NOT NULL AND income / size < 500000 AND ${reference}::date IS NOT NULL`,
  'chronic-medicine': () => sql`
    SELECT count(*) AS n, count(*)::text AS quantity FROM person p JOIN household h ON h.id = p.household_id
    WHERE p.status = 'active' AND h.status = 'active'
      AND ((p.attributes ->> 'chronic_condition_diabetes')::boolean IS TRUE OR (p.attributes ->> 'chronic_condition_hypertension')::boolean IS TRUE)`,
  pension: (reference) => sql`
    SELECT count(*) AS n, (count(*) * 1300000)::text AS quantity FROM person p JOIN household h ON h.id = p.household_id
    WHERE p.status = 'active' AND h.status = 'active' AND p.birth_date IS NOT NULL
      AND date_part('year', age(${reference}::date, CASE p.birth_date_precision WHEN 'year' THEN make_date(extract(year FROM p.birth_date)::int, 7, 1) ELSE p.birth_date END)) >= 60
      AND (p.attributes ->> 'formal_employment')::boolean IS FALSE`,
  'fuel-quota': () => sql`
    SELECT count(*) AS n, (count(*) * 40)::text AS quantity FROM person p JOIN household h ON h.id = p.household_id
    WHERE p.status = 'active' AND h.status = 'active' AND (p.attributes ->> 'owns_vehicle')::boolean IS TRUE`,
  'mothers-bonus': (reference) => sql`
    SELECT count(*) AS n, (count(*) * 650000)::text AS quantity FROM person p JOIN household h ON h.id = p.household_id
    WHERE p.status = 'active' AND h.status = 'active' AND p.sex = 'F' AND p.relationship IN ('head', 'spouse')
      AND EXISTS (
        -- A child born after the reference date counts as 0 years old: age() is then negative.
        SELECT 1 FROM person c WHERE c.household_id = p.household_id AND c.status = 'active' AND c.relationship = 'child' AND c.birth_date IS NOT NULL
          AND date_part('year', age(${reference}::date, CASE c.birth_date_precision WHEN 'year' THEN make_date(extract(year FROM c.birth_date)::int, 7, 1) ELSE c.birth_date END)) < 5)`,
};

for (const engine of testEngines()) {
  describe(`cycles over the demo population (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(engine);
      await seedDemo(t.ctx, { households: 80, duplicates: 0, seed: 'cycles-demo' });
    });
    after(() => t.close());

    for (const code of Object.keys(independent)) {
      it(`${code}: the preview and the run agree with an independent count in SQL, and a re-run creates none`, async () => {
        const reference = `${nextMonth}-01`;
        const expected = (await independent[code]!(reference).execute(t.ctx.db)).rows[0]!;
        const preview = await previewCycle(t.ctx, CLI, code, nextMonth);
        const run = await runCycle(t.ctx, CLI, code, nextMonth, { batchSize: 7 });
        assert.ok(Number(expected.n) > 0, `the demo population has someone for ${code}`);
        assert.equal(preview.entitlements, Number(expected.n));
        assert.equal(Number(preview.totalQuantity), Number(expected.quantity));
        assert.equal(run.created, Number(expected.n));
        assert.equal(run.cycle.totals!.entitlements, Number(expected.n));
        assert.deepEqual(
          [run.cycle.totals!.totalQuantity, run.cycle.totals!.totalCost, run.cycle.totals!.totalPrice],
          [preview.totalQuantity, preview.totalCost, preview.totalPrice],
          'a preview and its run agree to the cent',
        );
        const again = await runCycle(t.ctx, CLI, code, nextMonth);
        assert.deepEqual([again.alreadyRun, again.created], [true, 0]);
        const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM entitlement e JOIN cycle c ON c.id = e.cycle_id JOIN program p ON p.id = c.program_id WHERE p.code = ${code} AND c.period = ${nextMonth}`.execute(t.ctx.db);
        assert.equal(Number(rows.rows[0]!.n), Number(expected.n));
      });
    }

    it("seeding ran the current month's food-box and pension cycles, whose demo rules take effect on the month's first day; a second seed adds nothing", async () => {
      const period = todayUtc().slice(0, 7);
      const { rows } = await sql<{ code: string; status: string; entitlements: number; valid_from: string }>`
        SELECT p.code, c.status, c.entitlements, r.valid_from::text AS valid_from FROM cycle c JOIN program p ON p.id = c.program_id
        JOIN program_rule_version r ON r.program_id = p.id AND r.version = c.rule_version
        WHERE c.period = ${period} ORDER BY p.code`.execute(t.ctx.db);
      assert.deepEqual(rows.map((r) => [r.code, r.status, r.valid_from]), [['food-box', 'open', `${period}-01`], ['pension', 'open', `${period}-01`]]);
      for (const r of rows) assert.ok(r.entitlements > 0, `${r.code} has entitlements this month`);
      // Every household has its municipality's demo point, so every entitlement of this month is at one.
      const atPoints = await sql<{ total: number; at_point: number }>`
        SELECT count(*)::int AS total, count(dp.code)::int AS at_point FROM entitlement e JOIN cycle c ON c.id = e.cycle_id
        LEFT JOIN distribution_point dp ON dp.code = e.distribution_point WHERE c.period = ${period}`.execute(t.ctx.db);
      assert.equal(atPoints.rows[0]!.at_point, atPoints.rows[0]!.total, 'every current entitlement is at a demo point');
      const published = await t.ctx.db.selectFrom('audit_entry').select(['detail']).where('action', '=', 'program.rule_published').execute();
      assert.ok(published.every((e) => (e.detail as { backdatedForDemo?: boolean }).backdatedForDemo === (todayUtc() !== `${period}-01` ? true : undefined)), 'the audit entry says the rule was backdated for the demo');
      // The exception is the first rule's alone: a later version, even by the installation, never takes effect in the past.
      const yesterday = addDays(todayUtc(), -1);
      const food = (await sql<{ eligibility: string; quantity: string }>`SELECT r.eligibility, r.quantity FROM program_rule_version r JOIN program p ON p.id = r.program_id WHERE p.code = 'food-box'`.execute(t.ctx.db)).rows[0]!;
      await assert.rejects(
        publishRule(t.ctx, CLI, 'food-box', { expectedRuleVersion: 1, ...food, pricePerUnit: '1.00', costPerUnit: '1.00', budgetPerCycle: '1.00', validFrom: yesterday, reason: 'backdated again' }, { demoFirstRuleFrom: yesterday }),
        (e: { code?: string }) => e.code === 'RULE_VIOLATION',
      );
      const again = await seedDemo(t.ctx, {});
      assert.deepEqual(again.cycles.map((c) => ('created' in c ? [c.program, c.created] : [c.program, c.skipped])), [['food-box', 0], ['pension', 0]]);
    });
  });
}
