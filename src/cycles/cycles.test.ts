import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../test/support/app.ts';
import { testEngines } from '../../test/support/databases.ts';
import { signedIn } from '../../test/support/officials.ts';
import { installDefaultCatalogue } from '../registry/catalogue/default-catalogue.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../regions/load-regions.ts';
import { PseudonymDeriver } from '../pseudonyms/derive.ts';
import { todayUtc } from '../programs/program-definition.ts';
import { DEMO_PROGRAM_RULES } from '../programs/rules/demo-program-rules.ts';
import { addDays } from '../programs/rule-timeline.ts';
import { runCycle } from './run-cycle.ts';

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

const household = (regionCode: string, distributionPoint: string | null, members: unknown[]) => ({ regionCode, distributionPoint, address: { street: 'Calle Bolívar', number: '7' }, members });

const definition = (code: string, sector: string, unit: string, benefitKind: string, measure: string, distributionPoints: string[] = []) => ({
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
  distributionPoints,
});

/** Next month: a period that has not ended, whatever day the tests run. */
const nextMonth = addDays(`${todayUtc().slice(0, 7)}-01`, 40).slice(0, 7);

for (const engine of testEngines()) {
  describe(`cycles and entitlements (${engine})`, () => {
    let t: TestApp;
    let manager: Awaited<ReturnType<typeof signedIn>>;
    let secondManager: Awaited<ReturnType<typeof signedIn>>;
    let registrar: Awaited<ReturnType<typeof signedIn>>;
    const ids: Record<string, string> = {};
    const personIds: Record<string, string[]> = {};
    const deriver = () => new PseudonymDeriver(t.ctx.config.masterKey);
    const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(t.ctx.db)).rows[0]!.n);
    const entitlementCount = (code: string) =>
      count(sql<{ n: string }>`SELECT count(*) AS n FROM entitlement e JOIN cycle c ON c.id = e.cycle_id JOIN program p ON p.id = c.program_id WHERE p.code = ${code}`);
    const audit = (action: string) => t.ctx.db.selectFrom('audit_entry').selectAll().where('action', '=', action).orderBy('id').execute();

    before(async () => {
      t = await testApp(engine);
      await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
      await installDefaultCatalogue(t.ctx);
      registrar = await signedIn(t, 'registrar', { regions: ['*'] });
      const enrol = async (name: string, body: unknown) => {
        const r = await registrar.post('/api/registry/households', body);
        assert.equal(r.statusCode, 201, r.body);
        ids[name] = r.json().householdId;
        personIds[name] = r.json().personIds;
      };
      // 500,000 for three members: under the threshold; one box.
      await enrol('poor', household('AN-01-01', 'PDA-AN-01', [
        member('head', 'Carmen Elena', 'Rondón Pérez', 'F', '1985-03-10', { monthly_income: '300000.00', formal_employment: false }, 'V-11223344'),
        member('spouse', 'Luis Alberto', 'Mora Díaz', 'M', '1983-07-22', { monthly_income: '200000.00', formal_employment: false }, 'V-12233445'),
        member('child', 'Ana Sofía', 'Mora Rondón', 'F', '2023-05-01', {}, 'V-13344556'),
      ]));
      // Six members, nothing earned: two boxes; its point does not serve the program.
      await enrol('large', household('AN-01-02', 'PDA-ZZ-99', [
        member('head', 'Rosa', 'Guerra Silva', 'F', '1975-01-01', { monthly_income: '0.00' }, 'V-21000001'),
        member('child', 'Pedro', 'Guerra Silva', 'M', '2000-01-01', {}, 'V-21000002'),
        member('child', 'Pablo', 'Guerra Silva', 'M', '2001-01-01', {}, 'V-21000003'),
        member('child', 'Petra', 'Guerra Silva', 'F', '2002-01-01', {}, 'V-21000004'),
        member('child', 'Paula', 'Guerra Silva', 'F', '2003-01-01', {}, 'V-21000005'),
        member('child', 'Pilar', 'Guerra Silva', 'F', '2004-01-01', {}, 'V-21000006'),
      ]));
      await enrol('wealthy', household('AN-01-02', 'PDA-AN-01', [member('head', 'Ramón Antonio', 'Salazar Gil', 'M', '1970-01-15', { monthly_income: '2500000.00', formal_employment: true }, 'V-14455667')]));
      await enrol('undeclared', household('AN-01-02', null, [member('head', 'Yolanda', 'Castillo Brito', 'F', '1990-09-09', {}, 'V-15566778')]));
      await enrol('elsewhere', household('CO-02-01', 'PDA-AN-01', [member('head', 'Eduardo', 'Villegas Pinto', 'M', '1960-04-04', { monthly_income: '100000.00', formal_employment: false }, 'V-16677889')]));
      await enrol('elders', household('AN-01-01', 'PDA-AN-01', [
        member('head', 'Josefina', 'Acosta Rivas', 'F', '1955-02-02', { monthly_income: '1300000.00', formal_employment: true }, 'V-17788990'),
        member('spouse', 'Pedro José', 'Hernández Luna', 'M', '1950-06-06', { monthly_income: '0.00', formal_employment: false }, 'V-18899001'),
      ]));

      manager = await signedIn(t, 'program_manager', { regions: ['*'], programs: ['*'] });
      secondManager = await signedIn(t, 'program_manager', { regions: ['*'], programs: ['*'] });
      const define = async (body: ReturnType<typeof definition>, rules: Record<string, string>, activate = true) => {
        assert.equal((await manager.post('/api/programs', body)).statusCode, 201);
        const published = await manager.post(`/api/programs/${body.code}/rules`, { expectedRuleVersion: 0, ...rules, reason: 'regla de prueba' });
        assert.equal(published.statusCode, 201, published.body);
        if (!activate) return;
        const activated = await manager.post(`/api/programs/${body.code}/activate`, { expectedVersion: 1, reason: 'en operación' });
        assert.equal(activated.statusCode, 200, activated.body);
      };
      await define(definition('food-box', 'food', 'household', 'in_kind', 'box', ['PDA-AN-01', 'PDA-AN-02']), {
        eligibility: rule('food_box').eligibility,
        quantity: rule('food_box').quantity,
        pricePerUnit: '25000.00',
        costPerUnit: '400000.00',
        budgetPerCycle: '100000000.00',
      });
      // A pension whose budget covers one pensioner, not two.
      await define(definition('pension', 'pensions', 'person', 'cash', 'VES'), { eligibility: rule('pension').eligibility, quantity: '1300000.505', pricePerUnit: '0.00', budgetPerCycle: '2000000.00' });
      await define(definition('draft-box', 'food', 'household', 'in_kind', 'box'), { eligibility: 'household.size > 0', quantity: '1', pricePerUnit: '1.00', costPerUnit: '2.00', budgetPerCycle: '10.00' }, false);
    });
    after(() => t.close());

    it('previews counts and cost exactly, per distribution point, and writes nothing but the audit entry', async () => {
      const r = await manager.post(`/api/programs/food-box/cycles/${nextMonth}/preview`);
      assert.equal(r.statusCode, 200, r.body);
      const p = r.json();
      // poor (1 box at PDA-AN-01), large (2 boxes, its point does not serve the program),
      // elsewhere (1 box), elders (1,300,000 / 2 = 650,000: not eligible), wealthy no, undeclared unknown.
      assert.deepEqual([p.households, p.subjectsEvaluated, p.eligible, p.entitlements, p.notComputed], [6, 6, 3, 3, 0]);
      assert.deepEqual([p.totalQuantity, p.totalCost, p.totalPrice, p.budget, p.overBudget], ['4.000', '1600000.00', '100000.00', '100000000.00', false]);
      assert.deepEqual(p.byDistributionPoint, [
        { distributionPoint: null, entitlements: 1, quantity: '2.000' },
        { distributionPoint: 'PDA-AN-01', entitlements: 2, quantity: '2.000' },
      ]);
      assert.equal(p.referenceDate, `${nextMonth}-01`);
      assert.equal(await entitlementCount('food-box'), 0);
      assert.equal(await count(sql<{ n: string }>`SELECT count(*) AS n FROM cycle`), 0);
      assert.equal((await audit('cycle.previewed')).length, 1);
    });

    it('runs a cycle: entitlements keyed by the sector pseudonym, with the facts read; a second run creates nothing', async () => {
      const r = await manager.post(`/api/programs/food-box/cycles/${nextMonth}/run`);
      assert.equal(r.statusCode, 202, r.body);
      assert.equal(r.json().alreadyRun, false);
      let cycle;
      for (let i = 0; i < 200; i++) {
        cycle = (await manager.get(`/api/programs/food-box/cycles/${nextMonth}`)).json();
        if (cycle.status !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(cycle.status, 'open');
      assert.deepEqual(cycle.totals, { entitlements: 3, totalQuantity: '4.000', totalCost: '1600000.00', totalPrice: '100000.00', overBudget: false });
      assert.deepEqual(cycle.progress, { householdsTotal: 6, householdsDone: 6, subjectsEvaluated: 6, eligible: 3, notComputed: 0 });
      assert.deepEqual([cycle.validFrom, cycle.ruleVersion, cycle.pricePerUnit, cycle.costPerUnit], [`${nextMonth}-01`, 1, '25000.00', '400000.00']);

      const rows = await t.ctx.db.selectFrom('entitlement').selectAll().orderBy('quantity').execute();
      const expected = new Map([
        [deriver().householdPseudonymOf('food', ids.poor!), ['1.000', 'AN-01-01', 'PDA-AN-01']],
        [deriver().householdPseudonymOf('food', ids.elsewhere!), ['1.000', 'CO-02-01', 'PDA-AN-01']],
        [deriver().householdPseudonymOf('food', ids.large!), ['2.000', 'AN-01-02', null]],
      ]);
      assert.equal(rows.length, 3);
      for (const row of rows) {
        assert.deepEqual([row.quantity, row.region_code, row.distribution_point], expected.get(row.subject), row.subject);
        assert.doesNotMatch(JSON.stringify(row), new RegExp(Object.values(ids).join('|')), 'no registry id in an entitlement');
      }
      const poor = rows.find((r) => r.subject === deriver().householdPseudonymOf('food', ids.poor!))!;
      assert.deepEqual(poor.facts, { 'household.sum.monthly_income': 500000, 'household.size': 3 });

      const again = await manager.post(`/api/programs/food-box/cycles/${nextMonth}/run`);
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().alreadyRun, true);
      assert.equal(await entitlementCount('food-box'), 3);
      const started = await audit('cycle.started');
      const evaluated = await audit('cycle.evaluated');
      assert.equal(started.length, 1);
      assert.equal(evaluated.length, 1);
      assert.deepEqual(started[0]!.detail.reads, ['household.sum.monthly_income', 'household.size']);
      assert.equal(started[0]!.purpose, 'eligibility');
    });

    it('resolves a household pseudonym only through the audited service', async () => {
      const subject = deriver().householdPseudonymOf('food', ids.poor!);
      const r = await manager.post('/api/pseudonyms/resolve', { sector: 'food', pseudonym: subject, reason: 'verificación de una entrega reclamada' });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual([r.json().subject, r.json().householdId, r.json().personId], ['household', ids.poor, personIds.poor![0]]);
      const resolved = (await audit('pseudonym.resolved')).at(-1)!;
      assert.deepEqual([resolved.subject_type, resolved.subject_id], ['household', ids.poor]);
    });

    it('refuses to change or delete an entitlement in the database', async () => {
      await assert.rejects(sql`UPDATE entitlement SET quantity = 99`.execute(t.ctx.db), /never|append-only|refused/i);
      await assert.rejects(sql`DELETE FROM entitlement`.execute(t.ctx.db), /never|append-only|refused/i);
      await assert.rejects(sql`DELETE FROM cycle`.execute(t.ctx.db), /never deleted/i);
    });

    it('can be interrupted and resumed: the result is the same as one run', async () => {
      const period = addDays(`${nextMonth}-01`, 40).slice(0, 7);
      const stop = new AbortController();
      const actor = { id: null, name: 'test', role: 'system', programScopes: ['*'], regionScopes: ['*'] };
      const first = await runCycle(t.ctx, actor, 'food-box', period, { batchSize: 2, signal: stop.signal, onProgress: () => stop.abort() });
      assert.equal(first.interrupted, true);
      assert.equal(first.cycle.status, 'running');
      // It stops after the batches already decided (one write may be in flight): some, not all.
      assert.ok(first.cycle.progress.householdsDone >= 2 && first.cycle.progress.householdsDone < 6, String(first.cycle.progress.householdsDone));
      const second = await runCycle(t.ctx, actor, 'food-box', period, { batchSize: 2 });
      assert.deepEqual([second.resumed, second.interrupted, second.alreadyRun], [true, false, false]);
      assert.equal(first.created + second.created, 3, 'each entitlement written once, in one run or the other');
      assert.deepEqual(second.cycle.totals, { entitlements: 3, totalQuantity: '4.000', totalCost: '1600000.00', totalPrice: '100000.00', overBudget: false });
      assert.deepEqual(second.cycle.progress, { householdsTotal: 6, householdsDone: 6, subjectsEvaluated: 6, eligible: 3, notComputed: 0 });
      assert.equal((await audit('cycle.resumed')).length, 1);
    });

    it('stops an over-budget cycle until a second official overrides it', async () => {
      const run = await runCycle(t.ctx, { id: (await t.ctx.db.selectFrom('official').select('id').where('username', '=', manager.username).executeTakeFirstOrThrow()).id, name: manager.username, role: 'program_manager', programScopes: ['*'], regionScopes: ['*'] }, 'pension', nextMonth);
      // Pedro José (born 1950, no formal employment) and Eduardo (1960, none): two pensions of
      // 1,300,000.505 rounded to the cent (cash) — 2,600,001.02 against a budget of 2,000,000.
      assert.equal(run.cycle.status, 'over_budget');
      assert.deepEqual(run.cycle.totals, { entitlements: 2, totalQuantity: '2600001.020', totalCost: '2600001.02', totalPrice: '0.00', overBudget: true });
      const subjects = (await t.ctx.db.selectFrom('entitlement').innerJoin('cycle', 'cycle.id', 'entitlement.cycle_id').select('subject').where('rule_version', '=', 1).where('period', '=', nextMonth).execute()).map((r) => r.subject);
      assert.ok(subjects.includes(deriver().pseudonymOf('pensions', personIds.elders![1]!)));
      assert.ok(subjects.includes(deriver().pseudonymOf('pensions', personIds.elsewhere![0]!)));

      const self = await manager.post(`/api/programs/pension/cycles/${nextMonth}/override-budget`, { reason: 'aprobado por decreto extraordinario' });
      assert.equal(self.statusCode, 403, self.body);
      assert.match(self.json().error.message, /second official/);
      const short = await secondManager.post(`/api/programs/pension/cycles/${nextMonth}/override-budget`, { reason: 'sí' });
      assert.equal(short.statusCode, 400);
      const ok = await secondManager.post(`/api/programs/pension/cycles/${nextMonth}/override-budget`, { reason: 'aprobado por decreto extraordinario 7/2026' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().status, 'open');
      assert.equal(ok.json().override.by, secondManager.username);
      const again = await secondManager.post(`/api/programs/pension/cycles/${nextMonth}/override-budget`, { reason: 'aprobado por decreto extraordinario 7/2026' });
      assert.equal(again.statusCode, 422);
      const overridden = (await audit('cycle.budget_overridden')).at(-1)!;
      assert.deepEqual([overridden.actor_name, overridden.detail.totalCost, overridden.detail.budget], [secondManager.username, '2600001.02', '2000000.00']);
      // The database itself refuses an override by the official who ran the cycle.
      await assert.rejects(sql`UPDATE cycle SET override_by = started_by WHERE started_by IS NOT NULL`.execute(t.ctx.db), /check/i);
    });

    it('closes a cycle once; a closed cycle does nothing more', async () => {
      const closed = await manager.post(`/api/programs/pension/cycles/${nextMonth}/close`, { reason: 'fin del período de pago' });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(closed.json().status, 'closed');
      assert.deepEqual(closed.json().actions, []);
      assert.equal((await manager.post(`/api/programs/pension/cycles/${nextMonth}/close`, { reason: 'fin del período de pago' })).statusCode, 422);
      const rerun = await manager.post(`/api/programs/pension/cycles/${nextMonth}/run`);
      assert.equal(rerun.statusCode, 200);
      assert.equal(rerun.json().alreadyRun, true);
    });

    it('lists registry changes since the cycle for the next one, leaving what was approved as it was', async () => {
      const wealthyHead = personIds.wealthy![0]!;
      const person = (await registrar.get(`/api/registry/persons/${wealthyHead}`)).json();
      const edit = await registrar.request('PATCH', `/api/registry/persons/${wealthyHead}`, {
        expectedVersion: person.version,
        reason: 'perdió el empleo: declaración jurada',
        changes: { attributes: { monthly_income: '100000.00', formal_employment: false } },
      });
      assert.equal(edit.statusCode, 200, edit.body);
      const r = await manager.get(`/api/programs/food-box/cycles/${nextMonth}/changes`);
      assert.equal(r.statusCode, 200, r.body);
      const items = r.json().items;
      const wealthy = items.find((i: { householdId: string }) => i.householdId === ids.wealthy);
      assert.ok(wealthy, JSON.stringify(items));
      assert.deepEqual([wealthy.approved, wealthy.now.eligible, wealthy.now.quantity, wealthy.decisionChanged], [null, true, '1', true]);
      assert.deepEqual(wealthy.changedFacts, ['household.sum.monthly_income', 'household.size']);
      assert.equal(await entitlementCount('food-box'), 6, 'the approved cycles keep their entitlements (two cycles of three)');
      const read = await audit('cycle.changes_read');
      assert.ok(read.some((e) => e.subject_id === ids.wealthy && e.purpose === 'eligibility'));
    });

    it('lists entitlements by pseudonym within the official’s regions, audited', async () => {
      const regional = await signedIn(t, 'program_manager', { regions: ['CO'], programs: ['food-box'] });
      const r = await regional.get(`/api/programs/food-box/cycles/${nextMonth}/entitlements`);
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json().items.map((i: { regionCode: string }) => i.regionCode), ['CO-02-01']);
      const national = await manager.get(`/api/programs/food-box/cycles/${nextMonth}/entitlements?limit=2`);
      assert.equal(national.json().items.length, 2);
      const rest = await manager.get(`/api/programs/food-box/cycles/${nextMonth}/entitlements?limit=2&after=${national.json().next}`);
      assert.equal(rest.json().items.length, 1);
      assert.equal(rest.json().next, null);
      const unassigned = await manager.get(`/api/programs/food-box/cycles/${nextMonth}/entitlements?distributionPoint=-`);
      assert.deepEqual(unassigned.json().items.map((i: { quantity: string }) => i.quantity), ['2.000']);
      assert.equal((await audit('cycle.entitlements_read')).length, 4);
      assert.equal((await regional.get(`/api/programs/pension/cycles/${nextMonth}`)).statusCode, 404, 'outside the program scopes: not found');
    });

    it('refuses bad periods, programs that are not active, and officials without the role', async () => {
      assert.equal((await manager.post('/api/programs/food-box/cycles/2026-13/preview')).statusCode, 400);
      assert.equal((await manager.post('/api/programs/food-box/cycles/december/run')).statusCode, 400);
      const weekly = await manager.post('/api/programs/food-box/cycles/2026-W50/run');
      assert.equal(weekly.statusCode, 400, weekly.body);
      assert.match(weekly.json().error.message, /calendar month/);
      const ended = await manager.post('/api/programs/food-box/cycles/2020-01/run');
      assert.equal(ended.statusCode, 422);
      assert.match(ended.json().error.message, /ended/);
      const draft = await manager.post(`/api/programs/draft-box/cycles/${nextMonth}/preview`);
      assert.equal(draft.statusCode, 422);
      assert.match(draft.json().error.message, /draft/);
      assert.equal((await manager.post('/api/programs/draft-box/activate', { expectedVersion: 1, reason: 'en operación' })).statusCode, 200);
      assert.equal((await manager.post('/api/programs/draft-box/close', { expectedVersion: 2, reason: 'cerrado' })).statusCode, 200);
      assert.equal((await manager.post(`/api/programs/draft-box/cycles/${nextMonth}/run`)).statusCode, 422);
      assert.equal((await registrar.post(`/api/programs/food-box/cycles/${nextMonth}/preview`)).statusCode, 403);
      assert.equal((await manager.post(`/api/programs/food-box/cycles/${addDays(`${nextMonth}-01`, 100).slice(0, 7)}/close`, { reason: 'no existe todavía' })).statusCode, 404);
      assert.equal(await count(sql<{ n: string }>`SELECT count(*) AS n FROM cycle WHERE period = '2020-01'`), 0);
    });
  });
}
