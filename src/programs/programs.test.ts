import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Agent, testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { installDefaultCatalogue } from '../registry/catalogue/default-catalogue.ts';
import { todayUtc } from './program-definition.ts';
import { addDays } from './rule-timeline.ts';
import { DEMO_PROGRAM_RULES } from './rules/demo-program-rules.ts';

const FOOD_RULE = DEMO_PROGRAM_RULES.find((r) => r.key === 'food_box')!;

const foodBox = {
  code: 'food-box',
  name: { es: 'Caja de alimentos', en: 'Food box' },
  description: { es: 'Una caja mensual de alimentos para hogares de bajos ingresos.', en: 'A monthly box of staple foods for low-income households.' },
  sector: 'food',
  unit: 'household',
  benefitKind: 'in_kind',
  item: { es: 'caja de alimentos', en: 'food box' },
  measure: 'box',
  currency: 'VES',
  frequency: 'monthly',
  distributionPoints: ['PDA-AN-01', 'PDA-AN-02'],
  reason: 'Resolución ministerial 12/2026',
};

const pension = {
  ...foodBox,
  code: 'pension',
  name: { es: 'Pensión no contributiva', en: 'Non-contributory pension' },
  sector: 'pensions',
  unit: 'person',
  benefitKind: 'cash',
  item: { es: 'pensión mensual', en: 'monthly pension' },
  measure: 'VES',
  distributionPoints: [],
};

for (const engine of testEngines()) {
  describe(`programs and their published rules (${engine})`, () => {
    let t: TestApp;
    let manager: Awaited<ReturnType<typeof signedIn>>;
    let national: Awaited<ReturnType<typeof signedIn>>;
    const anonymous = () => new Agent(t.app);
    const ruleCount = async (code: string) =>
      Number(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM program_rule_version r JOIN program p ON p.id = r.program_id WHERE p.code = ${code}`.execute(t.ctx.db)).rows[0]!.n,
      );
    const audit = (action: string) =>
      t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', action).orderBy('id').execute();

    before(async () => {
      t = await testApp(engine);
      await installDefaultCatalogue(t.ctx);
      manager = await signedIn(t, 'program_manager', { regions: ['AN'], programs: ['food-box'] });
      national = await signedIn(t, 'program_manager', { regions: ['*'], programs: ['*'] });
    });
    after(() => t.close());

    it('refused without the required role: registrars, analysts and auditors cannot define programs', async () => {
      for (const role of ['registrar', 'analyst', 'auditor'] as const) {
        const other = await signedIn(t, role);
        const r = await other.post('/api/programs', foodBox);
        assert.equal(r.statusCode, 403, `${role}: ${r.body}`);
        assert.equal(r.json().error.code, 'FORBIDDEN');
      }
      assert.equal((await anonymous().post('/api/programs', foodBox)).statusCode, 401);
      assert.equal(await ruleCount('food-box'), 0);
      assert.equal((await t.ctx.db.selectFrom('program').selectAll().execute()).length, 0, 'nothing was created');
    });

    it('lets a manager define the food-box program as a draft and publish its rule', async () => {
      const created = await manager.post('/api/programs', foodBox);
      assert.equal(created.statusCode, 201, created.body);
      const program = created.json();
      assert.equal(program.status, 'draft');
      assert.equal(program.version, 1);
      assert.deepEqual(program.actions, ['edit', 'publish_rule', 'activate']);
      assert.equal(program.currentRule, null);
      assert.deepEqual(program.distributionPoints, ['PDA-AN-01', 'PDA-AN-02']);
      assert.equal((await manager.post('/api/programs', foodBox)).statusCode, 409, 'a code is taken once');

      // A draft is not public yet.
      assert.deepEqual((await anonymous().get('/api/public/programs')).json().programs, []);
      assert.equal((await anonymous().get('/api/public/programs/food-box')).statusCode, 404);
      // Nor can it be activated without a rule.
      const early = await manager.post('/api/programs/food-box/activate', { expectedVersion: 1, reason: 'demasiado pronto' });
      assert.equal(early.statusCode, 422, early.body);

      const published = await manager.post('/api/programs/food-box/rules', {
        expectedRuleVersion: 0,
        eligibility: FOOD_RULE.eligibility,
        quantity: FOOD_RULE.quantity,
        pricePerUnit: '0.10',
        costPerUnit: '3.50',
        budgetPerCycle: '99999999999999.99',
        reason: 'Gaceta Oficial 6.123: umbral de ingreso por miembro',
      });
      assert.equal(published.statusCode, 201, published.body);
      const rule = published.json();
      assert.equal(rule.version, 1);
      assert.equal(rule.validFrom, todayUtc());
      assert.equal(rule.state, 'in_force');
      assert.equal(rule.pricePerUnit, '0.10');
      assert.equal(rule.budgetPerCycle, '99999999999999.99', 'beyond a double: stored and read back exactly');
      assert.equal(rule.currency, 'VES');
      assert.deepEqual(rule.references.map((r: { path: string }) => r.path).sort(), ['household.size', 'household.sum.monthly_income']);
      const income = rule.references.find((r: { path: string }) => r.path === 'household.sum.monthly_income');
      assert.deepEqual([income.attribute, income.catalogueVersion, income.usedBy], ['monthly_income', 1, ['eligibility']]);
      assert.deepEqual(rule.references.find((r: { path: string }) => r.path === 'household.size').usedBy, ['eligibility', 'quantity']);

      const activated = await manager.post('/api/programs/food-box/activate', { expectedVersion: 1, reason: 'inicio del programa' });
      assert.equal(activated.statusCode, 200, activated.body);
      assert.equal(activated.json().status, 'active');
      assert.equal(activated.json().version, 2);
      assert.deepEqual(activated.json().actions, ['edit', 'publish_rule', 'close']);
      assert.equal(activated.json().currentRule.version, 1);
    });

    it('refuses a rule over a prohibited attribute, an attribute not published for the sector, or card ownership, and writes no version', async () => {
      const cases = [
        { eligibility: 'household.members_with.religion > 0', term: 'household.members_with.religion', code: 'prohibited_attribute', message: /religion/ },
        { eligibility: 'household.members_with.chronic_condition_diabetes > 0', term: 'household.members_with.chronic_condition_diabetes', code: 'out_of_purpose', message: /not published for the food sector/ },
        { eligibility: 'household.size > 0 && household.members_with.has_card == household.size', term: 'household.members_with.has_card', code: 'card_or_enrolment', message: /card/ },
      ];
      const before = await ruleCount('food-box');
      const refusalsBefore = (await audit('program.rule_refused')).length;
      for (const c of cases) {
        const r = await manager.post('/api/programs/food-box/rules', {
          expectedRuleVersion: 1,
          eligibility: c.eligibility,
          quantity: '1',
          pricePerUnit: '0.10',
          costPerUnit: '3.50',
          budgetPerCycle: '1000.00',
          reason: 'prueba de una regla inadmisible',
        });
        assert.equal(r.statusCode, 422, r.body);
        const error = r.json().error;
        assert.equal(error.code, 'RULE_VIOLATION');
        assert.ok(error.message.includes(c.term), `the message names the term: ${error.message}`);
        assert.match(error.message, c.message);
        assert.deepEqual(error.details.problems.map((p: { code: string; term: string; rule: string }) => [p.rule, p.code, p.term]), [['eligibility', c.code, c.term]]);
      }
      // A wrong quantity is named as such.
      const quantity = await manager.post('/api/programs/food-box/rules', { expectedRuleVersion: 1, eligibility: 'household.size > 0', quantity: 'household.size > 2', pricePerUnit: '1.00', costPerUnit: '3.50', budgetPerCycle: '1.00', reason: 'cantidad booleana' });
      assert.equal(quantity.statusCode, 422);
      assert.equal(quantity.json().error.details.problems[0].rule, 'quantity');

      assert.equal(await ruleCount('food-box'), before, 'no version was written');
      const refusals = (await audit('program.rule_refused')).slice(refusalsBefore);
      assert.equal(refusals.length, 4);
      assert.deepEqual(refusals.map((e) => [e.outcome, e.purpose, e.actor_name]), Array(4).fill(['denied', 'eligibility', manager.username]));
      assert.deepEqual((refusals[0]!.detail as { problems: unknown[] }).problems, [{ rule: 'eligibility', code: 'prohibited_attribute', term: 'household.members_with.religion' }]);
    });

    it('publishes every rule version with its dates, price, budget and text, without login', async () => {
      const from = addDays(todayUtc(), 14);
      const second = await manager.post('/api/programs/food-box/rules', {
        expectedRuleVersion: 1,
        eligibility: FOOD_RULE.eligibility.replace('500000.0', '650000.0'),
        quantity: FOOD_RULE.quantity,
        pricePerUnit: '0.20',
        costPerUnit: '3.50',
        budgetPerCycle: '4100000000000.50',
        validFrom: from,
        reason: 'ajuste por inflación',
      });
      assert.equal(second.statusCode, 201, second.body);
      assert.equal(second.json().state, 'scheduled');
      const stale = await manager.post('/api/programs/food-box/rules', { expectedRuleVersion: 1, eligibility: 'household.size > 0', quantity: '1', pricePerUnit: '1.00', costPerUnit: '3.50', budgetPerCycle: '1.00', reason: 'versión vieja' });
      assert.equal(stale.statusCode, 409, 'publishing over a version the manager did not see');

      const list = await anonymous().get('/api/public/programs');
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.json().programs.map((p: { code: string }) => p.code), ['food-box']);
      assert.equal(list.json().programs[0].currentRule.version, 1, 'the rule in force today');

      const detail = await anonymous().get('/api/public/programs/food-box');
      assert.equal(detail.statusCode, 200, detail.body);
      const page = detail.json();
      assert.equal(page.name.es, 'Caja de alimentos');
      assert.equal(page.id, undefined, 'no internal key on the public page');
      assert.deepEqual(
        page.rules.map((r: Record<string, unknown>) => [r.version, r.validFrom, r.validUntil, r.state, r.pricePerUnit, r.budgetPerCycle]),
        [
          [1, todayUtc(), addDays(from, -1), 'in_force', '0.10', '99999999999999.99'],
          [2, from, null, 'scheduled', '0.20', '4100000000000.50'],
        ],
      );
      assert.match(page.rules[1].eligibility, /650000\.0/);
      assert.equal(page.rules[1].reason, 'ajuste por inflación');
      assert.equal(page.rules[0].publishedBy, undefined, 'the public page does not name officials');

      // Money is numeric in the database: sums are exact, as text.
      const sum = await sql<{ s: string }>`SELECT sum(price_per_unit)::text AS s FROM program_rule_version`.execute(t.ctx.db);
      assert.equal(sum.rows[0]!.s, '0.30');
    });

    it('refuses money that is not an exact decimal string, and a price for cash', async () => {
      const base = { expectedRuleVersion: 2, eligibility: 'household.size > 0', quantity: '1', costPerUnit: '3.50', budgetPerCycle: '1.00', reason: 'prueba de importes' };
      for (const pricePerUnit of [12.5, '12.345', '-1.00', '1e3', '01.00', '', '1,50']) {
        const r = await manager.post('/api/programs/food-box/rules', { ...base, pricePerUnit });
        assert.equal(r.statusCode, 400, `${JSON.stringify(pricePerUnit)}: ${r.body}`);
        assert.equal(r.json().error.code, 'VALIDATION_FAILED');
      }
      assert.equal((await manager.post('/api/programs/food-box/rules', { ...base, pricePerUnit: '1.00', budgetPerCycle: '100000000000000.00' })).statusCode, 400, 'over numeric(16,2)');
      const { costPerUnit: _cost, ...withoutCost } = base;
      const noCost = await manager.post('/api/programs/food-box/rules', { ...withoutCost, pricePerUnit: '1.00' });
      assert.equal(noCost.statusCode, 400, 'an in-kind rule says what a unit costs the budget');
      assert.equal(noCost.json().error.details.field, 'costPerUnit');
      assert.equal((await manager.post('/api/programs/food-box/rules', { ...base, pricePerUnit: '1.00', costPerUnit: '1.005' })).statusCode, 400);
      assert.equal(await ruleCount('food-box'), 2);

      const created = await national.post('/api/programs', pension);
      assert.equal(created.statusCode, 201, created.body);
      const paid = await national.post('/api/programs/pension/rules', { expectedRuleVersion: 0, eligibility: 'person.age >= 60 && !person.formal_employment', quantity: '1300000', pricePerUnit: '5.00', budgetPerCycle: '1.00', reason: 'pensión' });
      assert.equal(paid.statusCode, 422);
      assert.match(paid.json().error.message, /cash/);
      const costed = await national.post('/api/programs/pension/rules', { expectedRuleVersion: 0, eligibility: 'person.age >= 60', quantity: '1300000', pricePerUnit: '0', costPerUnit: '1.00', budgetPerCycle: '1.00', reason: 'pensión' });
      assert.equal(costed.statusCode, 400, 'cash: a unit is one unit of the currency');
      assert.match(costed.json().error.message, /cash/);
      const wrongMeasure = await national.post('/api/programs', { ...pension, code: 'bonus', measure: 'bono' });
      assert.equal(wrongMeasure.statusCode, 400);
      assert.match(wrongMeasure.json().error.message, /measure must be VES/);
      const past = await national.post('/api/programs/pension/rules', { expectedRuleVersion: 0, eligibility: 'person.age >= 60', quantity: '1300000', pricePerUnit: '0', budgetPerCycle: '1.00', validFrom: addDays(todayUtc(), -1), reason: 'retroactiva' });
      assert.equal(past.statusCode, 422, 'a rule never takes effect in the past');
      const ok = await national.post('/api/programs/pension/rules', { expectedRuleVersion: 0, eligibility: 'person.age >= 60 && !person.formal_employment', quantity: '1300000', pricePerUnit: '0', budgetPerCycle: '3900000000000', reason: 'pensión' });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.deepEqual([ok.json().pricePerUnit, ok.json().costPerUnit, ok.json().budgetPerCycle], ['0.00', null, '3900000000000.00']);
    });

    it("enforces program scopes: a manager sees and creates only the programs they cover", async () => {
      const outside = await manager.post('/api/programs', { ...pension, code: 'fuel-quota', sector: 'fuel', unit: 'person', benefitKind: 'in_kind', measure: 'litre' });
      assert.equal(outside.statusCode, 403, outside.body);
      assert.match(outside.json().error.message, /outside your program scopes/);
      assert.deepEqual((await manager.get('/api/programs')).json().programs.map((p: { code: string }) => p.code), ['food-box']);
      assert.deepEqual((await national.get('/api/programs')).json().programs.map((p: { code: string }) => p.code), ['food-box', 'pension']);
      // Another program is "not found", whether or not it exists.
      assert.equal((await manager.get('/api/programs/pension')).statusCode, 404);
      assert.equal((await manager.get('/api/programs/no-such-program')).statusCode, 404);
      assert.equal((await manager.request('PATCH', '/api/programs/pension', { expectedVersion: 1, reason: 'fuera de alcance', changes: { name: { es: 'x', en: 'x' } } })).statusCode, 404);
      assert.equal((await manager.post('/api/programs/pension/rules', { expectedRuleVersion: 1, eligibility: 'person.age >= 65', quantity: '1', pricePerUnit: '0', budgetPerCycle: '1', reason: 'fuera de alcance' })).statusCode, 404);
    });

    it('changes a definition as a new version with the reason, and refuses a stale edit', async () => {
      const current = (await manager.get('/api/programs/food-box')).json();
      const edit = await manager.request('PATCH', '/api/programs/food-box', {
        expectedVersion: current.version,
        reason: 'nuevo punto de distribución',
        changes: { distributionPoints: ['PDA-AN-01', 'PDA-AN-02', 'PDA-AN-03'] },
      });
      assert.equal(edit.statusCode, 200, edit.body);
      assert.equal(edit.json().version, current.version + 1);
      const stale = await manager.request('PATCH', '/api/programs/food-box', { expectedVersion: current.version, reason: 'otro cambio', changes: { name: { es: 'Caja CLAP', en: 'CLAP box' } } });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json().error.code, 'CONFLICT');

      const fixed = await manager.request('PATCH', '/api/programs/food-box', { expectedVersion: current.version + 1, reason: 'cambiar la unidad', changes: { measure: 'kg' } });
      assert.equal(fixed.statusCode, 422, 'what published prices are stated in does not change');
      const nothing = await manager.request('PATCH', '/api/programs/food-box', { expectedVersion: current.version + 1, reason: 'sin cambios', changes: { measure: 'box' } });
      assert.equal(nothing.statusCode, 400);

      const detail = (await manager.get('/api/programs/food-box')).json();
      assert.deepEqual(detail.history.map((v: { version: number; reason: string }) => [v.version, v.reason]), [
        [1, 'Resolución ministerial 12/2026'],
        [2, 'inicio del programa'],
        [3, 'nuevo punto de distribución'],
      ]);
      assert.equal(detail.history[0].data.status, 'draft');
      assert.deepEqual(detail.history[0].data.distributionPoints, ['PDA-AN-01', 'PDA-AN-02'], 'the old version is kept as it was');
      assert.equal(detail.rules.length, 2);
      assert.equal(detail.rules[0].publishedBy, manager.username);
    });

    it('offers the vocabulary of the program, without what its sector may not read', async () => {
      const r = await manager.get('/api/programs/food-box/vocabulary');
      assert.equal(r.statusCode, 200, r.body);
      const paths = r.json().facts.map((f: { path: string }) => f.path);
      assert.ok(paths.includes('household.sum.monthly_income'));
      assert.ok(!paths.some((p: string) => p.startsWith('person.')), 'a household program sees no single member');
      assert.ok(!paths.some((p: string) => p.includes('chronic_condition')));
      assert.equal(r.json().withheld.find((w: { attribute: string }) => w.attribute === 'chronic_condition_diabetes').reason, 'out_of_purpose');
    });

    it('closes a program for good; its rules stay published', async () => {
      const current = (await manager.get('/api/programs/food-box')).json();
      const closed = await manager.post('/api/programs/food-box/close', { expectedVersion: current.version, reason: 'fin del programa' });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(closed.json().status, 'closed');
      assert.deepEqual(closed.json().actions, []);
      const after = await manager.post('/api/programs/food-box/rules', { expectedRuleVersion: 2, eligibility: 'household.size > 0', quantity: '1', pricePerUnit: '1.00', costPerUnit: '3.50', budgetPerCycle: '1.00', reason: 'tras el cierre' });
      assert.equal(after.statusCode, 422);
      assert.equal((await manager.post('/api/programs/food-box/activate', { expectedVersion: current.version + 1, reason: 'reabrir' })).statusCode, 422);
      const page = (await anonymous().get('/api/public/programs/food-box')).json();
      assert.equal(page.status, 'closed');
      assert.deepEqual(page.rules.map((r: { state: string; validUntil: string | null }) => [r.state, r.validUntil]), [
        ['in_force', todayUtc()],
        ['never_in_force', null],
      ]);
    });

    it('audits every change with who, purpose and what', async () => {
      const entries = await t.ctx.db
        .selectFrom('audit_entry')
        .selectAll()
        .where('action', 'like', 'program.%')
        .where('outcome', '=', 'success')
        .orderBy('id')
        .execute();
      const food = entries.filter((e) => (e.detail as { code?: string }).code === 'food-box');
      assert.deepEqual(food.map((e) => e.action), ['program.created', 'program.rule_published', 'program.activated', 'program.rule_published', 'program.changed', 'program.closed']);
      assert.ok(food.every((e) => e.purpose === 'eligibility' && e.actor_name === manager.username && e.role === 'program_manager' && e.subject_type === 'program'));
      const published = food[1]!.detail as Record<string, unknown>;
      assert.deepEqual([published.ruleVersion, published.pricePerUnit, published.budgetPerCycle, published.currency], [1, '0.10', '99999999999999.99', 'VES']);
      assert.deepEqual((food[4]!.detail as { fields: string[] }).fields, ['distributionPoints']);
    });

    it('keeps the history append-only in the database itself', async () => {
      await assert.rejects(sql`UPDATE program_rule_version SET price_per_unit = 0`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`DELETE FROM program_rule_version`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`UPDATE program_version SET reason = 'otra'`.execute(t.ctx.db), /append-only/);
      await assert.rejects(sql`DELETE FROM program`.execute(t.ctx.db), /never deleted/);
    });
  });
}
