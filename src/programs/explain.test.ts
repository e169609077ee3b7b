import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { installDefaultCatalogue } from '../registry/catalogue/default-catalogue.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';
import { DEMO_PROGRAM_RULES } from './rules/demo-program-rules.ts';

const rule = (key: string) => DEMO_PROGRAM_RULES.find((r) => r.key === key)!;

const member = (relationship: string, givenNames: string, familyNames: string, sex: string, birth: string, attributes: Record<string, unknown>, document: string) => ({
  relationship,
  givenNames,
  familyNames,
  sex,
  birthDate: { value: birth },
  attributes,
  evidence: [{ kind: 'document', type: 'national_id', number: document }],
});

const household = (regionCode: string, members: unknown[]) => ({ regionCode, address: { street: 'Calle Bolívar', number: '7' }, members });

const definition = (code: string, sector: string, unit: string, benefitKind: string, measure: string) => ({
  code,
  name: { es: code, en: code },
  description: { es: 'programa de prueba', en: 'test program' },
  sector,
  unit,
  benefitKind,
  item: { es: 'beneficio', en: 'benefit' },
  measure,
  currency: 'VES',
  frequency: 'monthly',
});

for (const engine of testEngines()) {
  describe(`explaining a decision (${engine})`, () => {
    let t: TestApp;
    let manager: Awaited<ReturnType<typeof signedIn>>;
    const ids: Record<string, string> = {};
    const personIds: Record<string, string[]> = {};

    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
      await installDefaultCatalogue(t.ctx);
      const registrar = await signedIn(t, 'registrar', { regions: ['AN', 'CO'] });
      const enrol = async (name: string, body: unknown) => {
        const r = await registrar.post('/api/registry/households', body);
        assert.equal(r.statusCode, 201, r.body);
        ids[name] = r.json().householdId;
        personIds[name] = r.json().personIds;
      };
      // Income per member 500,000 / 3 ≈ 166,667: under the threshold; one box for three members.
      await enrol('poor', household('AN-01-01', [
        member('head', 'Carmen Elena', 'Rondón Pérez', 'F', '1985-03-10', { monthly_income: '300000.00', formal_employment: false }, 'V-11223344'),
        member('spouse', 'Luis Alberto', 'Mora Díaz', 'M', '1983-07-22', { monthly_income: '200000.00', formal_employment: false, owns_vehicle: false }, 'V-12233445'),
        member('child', 'Ana Sofía', 'Mora Rondón', 'F', '2023-05-01', {}, 'V-13344556'),
      ]));
      await enrol('wealthy', household('AN-01-02', [member('head', 'Ramón Antonio', 'Salazar Gil', 'M', '1970-01-15', { monthly_income: '2500000.00', formal_employment: true }, 'V-14455667')]));
      await enrol('undeclared', household('AN-01-02', [member('head', 'Yolanda', 'Castillo Brito', 'F', '1990-09-09', {}, 'V-15566778')]));
      await enrol('elsewhere', household('CO-02-01', [member('head', 'Eduardo', 'Villegas Pinto', 'M', '1960-04-04', { monthly_income: '100000.00' }, 'V-16677889')]));
      await enrol('elders', household('AN-01-01', [
        member('head', 'Josefina', 'Acosta Rivas', 'F', '1955-02-02', { monthly_income: '1300000.00', formal_employment: true }, 'V-17788990'),
        member('spouse', 'Pedro José', 'Hernández Luna', 'M', '1950-06-06', { monthly_income: '0.00', formal_employment: false }, 'V-18899001'),
      ]));

      manager = await signedIn(t, 'program_manager', { regions: ['AN'], programs: ['*'] });
      for (const [body, rules] of [
        [definition('food-box', 'food', 'household', 'in_kind', 'box'), { eligibility: rule('food_box').eligibility, quantity: rule('food_box').quantity, pricePerUnit: '25000.00', costPerUnit: '400000.00' }],
        [definition('pension', 'pensions', 'person', 'cash', 'VES'), { eligibility: rule('pension').eligibility, quantity: '1300000', pricePerUnit: '0.00' }],
      ] as const) {
        assert.equal((await manager.post('/api/programs', body)).statusCode, 201);
        const published = await manager.post(`/api/programs/${body.code}/rules`, { expectedRuleVersion: 0, ...rules, budgetPerCycle: '1000000000.00', reason: 'regla de prueba' });
        assert.equal(published.statusCode, 201, published.body);
      }
    });
    after(() => t.close());

    const explain = (code: string, body: unknown) => manager.post(`/api/programs/${code}/explain`, body);

    it('explains an eligible household clause by clause, with the facts read', async () => {
      const r = await explain('food-box', { householdId: ids.poor });
      assert.equal(r.statusCode, 200, r.body);
      const e = r.json();
      assert.deepEqual([e.eligible, e.quantity, e.measure, e.ruleVersion], [true, 1, 'box', 1]);
      assert.deepEqual(e.subject, { type: 'household', id: ids.poor });
      assert.equal(e.eligibilityRule, rule('food_box').eligibility);
      assert.equal(e.clauses.length, 1);
      assert.equal(e.clauses[0].text, rule('food_box').eligibility);
      assert.equal(e.clauses[0].value, true);
      assert.deepEqual(e.clauses[0].facts, [
        { path: 'household.sum.monthly_income', value: 500000 },
        { path: 'household.size', value: 3 },
      ]);
      assert.deepEqual([e.quantityClause.text, e.quantityClause.value], ['(household.size + 4) / 5', 1]);
    });

    it('tells a household that is not eligible which clause failed', async () => {
      const wealthy = (await explain('food-box', { householdId: ids.wealthy })).json();
      assert.deepEqual([wealthy.eligible, wealthy.quantity], [false, 0]);
      assert.equal(wealthy.clauses[0].value, false);
      assert.deepEqual(wealthy.clauses[0].facts, [
        { path: 'household.sum.monthly_income', value: 2500000 },
        { path: 'household.size', value: 1 },
      ]);

      const undeclared = (await explain('food-box', { householdId: ids.undeclared })).json();
      assert.equal(undeclared.eligible, false, 'a value not recorded never makes anyone eligible');
      assert.deepEqual(undeclared.clauses[0].notRecorded, ['household.sum.monthly_income']);
      assert.match(undeclared.clauses[0].problem, /not recorded: household\.sum\.monthly_income/);
    });

    it('explains a person program for each person, naming the clause that fails', async () => {
      const [josefina, pedro] = personIds.elders!;
      const working = (await explain('pension', { personId: josefina })).json();
      assert.equal(working.eligible, false);
      assert.equal(working.join, 'and');
      assert.deepEqual(
        working.clauses.map((c: { text: string; value: boolean }) => [c.text, c.value]),
        [
          ['person.age >= 60', true],
          ['!person.formal_employment', false],
        ],
      );
      assert.deepEqual(working.clauses[1].facts, [{ path: 'person.formal_employment', value: true }]);
      const retired = (await explain('pension', { personId: pedro })).json();
      assert.deepEqual([retired.eligible, retired.quantity, retired.measure], [true, 1300000, 'VES']);
      assert.deepEqual(retired.subject, { type: 'person', id: pedro });
      // A decision for another date: at the start of 2009 Pedro was 58.
      const earlier = await explain('pension', { personId: pedro, referenceDate: '2009-01-01' });
      assert.equal(earlier.statusCode, 422, 'no rule was in force then');

      assert.equal((await explain('pension', { householdId: ids.elders })).statusCode, 400, 'a person program decides per person');
      assert.equal((await explain('pension', {})).statusCode, 400);
      // For a household program, a person means their household.
      const viaPerson = (await explain('food-box', { personId: personIds.poor![2] })).json();
      assert.deepEqual(viaPerson.subject, { type: 'household', id: ids.poor });
    });

    it("answers 'not found' outside the official's regions and programs", async () => {
      assert.equal((await explain('food-box', { householdId: ids.elsewhere })).statusCode, 404);
      assert.equal((await explain('food-box', { householdId: '00000000-0000-4000-8000-000000000000' })).statusCode, 404);
      const foodOnly = await signedIn(t, 'program_manager', { regions: ['*'], programs: ['food-box'] });
      assert.equal((await foodOnly.post('/api/programs/pension/explain', { personId: personIds.elders![0] })).statusCode, 404);
      assert.equal((await foodOnly.post('/api/programs/food-box/explain', { householdId: ids.elsewhere })).statusCode, 200);
    });

    it('records the explanation as a read of personal data, naming only the attributes the rule reads', async () => {
      const entries = await t.ctx.db.selectFrom('audit_entry').selectAll().where('actor_name', '=', manager.username).orderBy('id').execute();
      const explained = entries.filter((e) => e.action === 'program.explained');
      assert.ok(explained.every((e) => e.purpose === 'eligibility'));
      const poor = explained.find((e) => e.subject_id === ids.poor)!;
      assert.deepEqual(poor.detail, { program: 'food-box', ruleVersion: 1, referenceDate: poor.detail.referenceDate, reads: ['household.sum.monthly_income', 'household.size'] });

      const reads = entries.filter((e) => e.action === 'registry.person_read' && personIds.poor!.includes(e.subject_id!));
      assert.equal(reads.length, 3 * 2, 'each member, for each of the two explanations of that household');
      for (const read of reads) {
        assert.equal(read.purpose, 'eligibility');
        const detail = read.detail as { via: string; attributes: string[] };
        assert.equal(detail.via, 'program.explained');
        assert.ok(detail.attributes.every((a) => a === 'monthly_income'), `only what the rule reads: ${JSON.stringify(detail)}`);
        assert.ok(!JSON.stringify(read.detail).includes('300000'), 'never the values');
      }

      // A person rule that reads nothing of the others reads only that person.
      const [josefina, pedro] = personIds.elders!;
      const pensionReads = entries.filter((e) => e.action === 'registry.person_read' && (e.detail as { program?: string }).program === 'pension');
      assert.deepEqual(new Set(pensionReads.map((e) => e.subject_id)), new Set([josefina, pedro]));
      assert.ok(pensionReads.every((e) => JSON.stringify((e.detail as { attributes: string[] }).attributes) === '["formal_employment"]'));
    });
  });
}
