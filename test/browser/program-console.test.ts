import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-officials.ts';
import { CHROMIUM_ARGS, SCREENSHOTS, WEB_INDEX, chromiumPath, signIn, skipWithoutChromium, text } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/**
 * Large tests of the program manager's console (issue 5, "Done when"): the demo program
 * manager defines a food-box program in the browser, has a rule over a prohibited
 * attribute and one over an out-of-purpose attribute refused with the offending term
 * shown, publishes a valid rule, activates the program, previews a cycle and runs it,
 * follows it to the end, finds the totals equal to the preview, and runs it again to be
 * told that nothing was created. Then, at a phone's size and in Spanish: a change made
 * meanwhile is a conflict to reload, one decision is explained, the registry changes
 * since the cycle are listed, and an over-budget cycle cannot be overridden by the
 * official who ran it. The real server in demo mode (each database engine: 1,000
 * synthetic households) and the built web app in Chromium; screenshots in
 * $AMPARO_TEST_OUTPUT/browser/<engine>-program-console-*.png.
 *
 * The tests share one server per engine and run in order: the second uses the program
 * and the cycle the first made.
 */
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const CODE = 'canasta-norte';
const ELIGIBILITY = 'household.sum.monthly_income / double(household.size) < 500000.0';
const QUANTITY = '(household.size + 4) / 5';
const PROHIBITED = 'household.members_with.religion > 0';
const OUT_OF_PURPOSE = 'household.size >= 1 && household.members_with.chronic_condition_diabetes > 0';

const skip = skipWithoutChromium;

/** The month after today's (UTC), as the console proposes it for a monthly program. */
function nextMonth(): string {
  const now = new Date();
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The texts of the totals (entitlements, quantity, cost, price) in a totals list. */
async function totalsOf(totals: Locator): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ['total-entitlements', 'total-quantity', 'total-cost', 'total-price']) {
    out[id] = ((await totals.getByTestId(id).textContent()) ?? '').trim();
  }
  return out;
}

/** The rows of a table per distribution point: point, entitlements, quantity. */
async function pointRows(table: Locator): Promise<string[][]> {
  const rows = table.getByTestId('point-row');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push([
      (await row.getAttribute('data-point')) ?? '',
      ((await row.getByTestId('point-entitlements').textContent()) ?? '').trim(),
      ((await row.getByTestId('point-quantity').textContent()) ?? '').trim(),
    ]);
  }
  return out;
}

for (const engine of testEngines()) {
  describe(`program manager's console in Chromium (${engine})`, { skip }, () => {
    let server: ServerProcess | undefined;
    let browser: Browser | undefined;
    let period = '';

    before(async () => {
      assert.ok(existsSync(WEB_INDEX), 'web/dist is not built: run `npm run build:web` (`npm test` does it)');
      server = await startServerProcess({ engine, env: { AMPARO_LOGIN_RATE_PER_MINUTE: '100' } });
      browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: CHROMIUM_ARGS });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    /** Runs `body` on a fresh page (own cookies and storage) and always leaves a screenshot. */
    async function withPage(name: string, locale: string, viewport: { width: number; height: number }, body: (page: Page) => Promise<void>) {
      const context = await browser!.newContext({ locale, viewport });
      const page = await context.newPage();
      try {
        await body(page);
      } finally {
        await screenshot(page, name);
        await context.close();
      }
    }

    async function screenshot(page: Page, name: string) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${engine}-program-console-${name}.png`), fullPage: true });
    }

    async function signInAs(page: Page, username: string) {
      await page.goto(`${server!.url}/console/login`);
      await page.getByTestId('login-title').waitFor();
      await signIn(page, username, DEMO_PASSWORD);
      await page.getByTestId('home-title').waitFor();
    }

    /** The JSON API as the official signed in on the page (their cookie, their CSRF token). */
    async function api(page: Page, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; body: any }> {
      const me = await page.request.get(`${server!.url}/api/auth/me`);
      assert.equal(me.status(), 200, 'signed in before using the API');
      const { csrfToken } = (await me.json()) as { csrfToken: string };
      const response = await page.request.fetch(`${server!.url}${path}`, {
        method,
        headers: { 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { data: JSON.stringify(body) }),
      });
      return { status: response.status(), body: await response.json().catch(() => undefined) };
    }

    /** Fills the rule editor's expressions and money, and publishes. */
    async function writeRule(page: Page, rule: { eligibility: string; quantity: string; price: string; cost: string; budget: string; reason: string }) {
      await page.getByTestId('rule-eligibility').fill(rule.eligibility);
      await page.getByTestId('rule-quantity').fill(rule.quantity);
      await page.getByTestId('rule-pricePerUnit').fill(rule.price);
      await page.getByTestId('rule-costPerUnit').fill(rule.cost);
      await page.getByTestId('rule-budgetPerCycle').fill(rule.budget);
      await page.getByTestId('rule-reason').fill(rule.reason);
      await page.getByTestId('rule-submit').click();
    }

    it('defines a food-box program, has rules over prohibited and out-of-purpose attributes refused, publishes one, activates it, previews and runs a cycle', async () => {
      await withPage('food-box', 'en-US', DESKTOP, async (page) => {
        await signInAs(page, 'manager');
        assert.equal(await text(page, 'nav-programs'), 'Programs');
        await page.getByTestId('nav-programs').click();
        await page.waitForURL(/\/console\/programs$/);
        assert.equal(await text(page, 'console-programs-title'), 'Programs');
        // The demo's food box is there, in operation, with its rule in force.
        const demo = page.locator('[data-testid="console-program-row"][data-code="food-box"]');
        await demo.waitFor();
        assert.equal(await demo.getAttribute('data-status'), 'active');
        assert.match((await demo.getByTestId('console-program-row-rule').textContent()) ?? '', /^Version 1, since/);

        // A new program, as a draft. A missing field is said under the field, and nothing is sent.
        await page.getByTestId('new-program').click();
        const form = page.getByTestId('new-program-form');
        await form.waitFor();
        await page.getByTestId('new-program-code').fill(CODE);
        await page.getByTestId('new-program-submit').click();
        assert.equal(await text(page, 'new-program-nameEs-problem'), 'Required.');
        await page.getByTestId('new-program-nameEs').fill('Canasta del norte');
        await page.getByTestId('new-program-nameEn').fill('Northern food box');
        await page.getByTestId('new-program-descriptionEs').fill('Una caja mensual de alimentos para los hogares de bajos ingresos; una caja por cada cinco miembros.');
        await page.getByTestId('new-program-descriptionEn').fill('A monthly box of staple foods for low-income households; one box per five members.');
        assert.equal(await page.getByTestId('new-program-sector').inputValue(), 'food');
        assert.equal(await page.getByTestId('new-program-unit').inputValue(), 'household');
        assert.equal(await page.getByTestId('new-program-benefitKind').inputValue(), 'in_kind');
        await page.getByTestId('new-program-itemEs').fill('caja de alimentos');
        await page.getByTestId('new-program-itemEn').fill('food box');
        await page.getByTestId('new-program-measure').fill('box');
        await page.getByTestId('new-program-currency').fill('xam');
        assert.equal(await page.getByTestId('new-program-currency').inputValue(), 'XAM', 'a currency code is written in capitals');
        await page.getByTestId('new-program-frequency').selectOption('monthly');
        await page.getByTestId('new-program-distributionPoints').fill('PD-NORTE-01, PD-NORTE-02');
        await page.getByTestId('new-program-reason').fill('Resolución 14/2026 del Ministerio de Alimentación');
        await page.getByTestId('new-program-submit').click();

        await page.waitForURL(new RegExp(`/console/programs/${CODE}$`));
        const program = page.getByTestId('console-program');
        await program.waitFor();
        assert.equal(await text(page, 'console-program-title'), 'Northern food box');
        assert.equal(await page.getByTestId('program-notice').getAttribute('data-notice'), 'created');
        assert.equal(await program.getAttribute('data-status'), 'draft');
        assert.equal(await text(page, 'console-program-status'), 'Draft');
        assert.equal(await text(page, 'draft-note'), 'A draft: publish a rule, then activate it to make it public and run cycles.');
        assert.equal(await page.getByTestId('console-rule-versions-empty').count(), 1);
        assert.equal(await page.getByTestId('cycles-not-active').count(), 1, 'a draft runs no cycle');

        // Beside the editor: what a food rule may name, and what it may not, with why.
        const vocabulary = page.getByTestId('vocabulary');
        await vocabulary.locator('[data-testid="vocabulary-fact"][data-path="household.sum.monthly_income"]').waitFor();
        const diabetes = vocabulary.locator('[data-testid="withheld-attribute"][data-attribute="chronic_condition_diabetes"]');
        assert.equal(await diabetes.getAttribute('data-reason'), 'out_of_purpose');
        assert.match((await diabetes.textContent()) ?? '', /Another sector's purpose/);

        // A rule over religion: refused, naming the term under the expression, nothing published.
        await writeRule(page, { eligibility: PROHIBITED, quantity: QUANTITY, price: '25000.00', cost: '400000.00', budget: '3200000000000.00', reason: 'Primera versión de la regla' });
        await page.getByTestId('rule-refused').waitFor();
        let problems = page.getByTestId('rule-eligibility-problems').getByTestId('rule-problem');
        assert.equal(await problems.count(), 1);
        assert.equal(await problems.first().getAttribute('data-code'), 'prohibited_attribute');
        assert.equal(await problems.first().getByTestId('rule-problem-term').textContent(), 'household.members_with.religion');
        assert.equal(await problems.first().getByTestId('rule-problem-kind').textContent(), 'A prohibited attribute: the registry never records it');
        assert.match((await problems.first().getByTestId('rule-problem-message').textContent()) ?? '', /religion or belief/);
        assert.equal(await page.getByTestId('rule-eligibility').getAttribute('aria-invalid'), 'true');
        assert.equal(await page.getByTestId('rule-quantity-problems').count(), 0, 'the quantity rule is fine');
        await screenshot(page, 'refused-prohibited');

        // A health attribute in a food rule: refused as out of purpose, naming the attribute.
        await page.getByTestId('rule-eligibility').fill(OUT_OF_PURPOSE);
        await page.getByTestId('rule-submit').click();
        problems = page.getByTestId('rule-eligibility-problems').getByTestId('rule-problem');
        await page.locator('[data-testid="rule-problem"][data-code="out_of_purpose"]').waitFor();
        assert.equal(await problems.count(), 1);
        assert.equal(await problems.first().getByTestId('rule-problem-term').textContent(), 'household.members_with.chronic_condition_diabetes');
        assert.equal(await problems.first().getByTestId('rule-problem-kind').textContent(), "Not published for this program's sector");
        assert.match((await problems.first().getByTestId('rule-problem-message').textContent()) ?? '', /chronic_condition_diabetes is not published for the food sector/);
        assert.equal(await page.getByTestId('console-rule-versions-empty').count(), 1, 'a refused rule writes nothing');

        // A valid rule, its first name written from the vocabulary into the expression.
        await page.getByTestId('rule-eligibility').fill('');
        await page.getByTestId('rule-eligibility').focus();
        await vocabulary.locator('[data-testid="vocabulary-fact"][data-path="household.sum.monthly_income"] button').click();
        assert.equal(await page.getByTestId('rule-eligibility').inputValue(), 'household.sum.monthly_income');
        await page.getByTestId('rule-eligibility').press('End');
        await page.getByTestId('rule-eligibility').pressSequentially(ELIGIBILITY.slice('household.sum.monthly_income'.length));
        assert.equal(await page.getByTestId('rule-eligibility').inputValue(), ELIGIBILITY);
        assert.equal(await text(page, 'rule-budgetPerCycle-shown'), '3,200,000,000,000.00 XAM');
        await page.getByTestId('rule-submit').click();
        await page.locator('[data-testid="program-notice"][data-notice="published"]').waitFor();
        assert.equal(await text(page, 'program-notice'), 'Rule version 1 published.');
        const version = page.locator('[data-testid="console-rule-version"][data-version="1"]');
        await version.waitFor();
        assert.equal(await version.getAttribute('data-state'), 'in_force');
        assert.equal(await version.getByTestId('rule-eligibility').textContent(), ELIGIBILITY);
        assert.equal((await version.getByTestId('console-rule-cost').textContent())?.trim(), '400,000.00 XAM per box');
        assert.equal(await page.getByTestId('rule-refused').count(), 0);

        // Activate, with the reason.
        await page.getByTestId('program-open-activate').click();
        await page.getByTestId('program-activate-reason').fill('Entra en operación según la Resolución 14/2026');
        await page.getByTestId('program-activate-submit').click();
        await page.locator('[data-testid="console-program"][data-status="active"]').waitFor();
        assert.equal(await text(page, 'console-program-status'), 'In operation');

        // Preview next month: counted, nothing written; every household is without a point serving the program.
        period = nextMonth();
        assert.equal(await page.getByTestId('cycle-period').inputValue(), period, 'the next month is proposed');
        await page.getByTestId('cycle-preview').click();
        const preview = page.getByTestId('cycle-preview-result');
        await preview.waitFor();
        assert.equal(await preview.getAttribute('data-over-budget'), 'false');
        assert.equal(await page.getByTestId('preview-over-budget').count(), 0);
        const households = await text(page, 'preview-households');
        assert.match(households, /^1,0\d\d$/, 'the demo has about a thousand households');
        const previewTotals = await totalsOf(page.getByTestId('preview-totals'));
        assert.match(previewTotals['total-entitlements']!, /^[1-9][\d,]*$/, 'some households are eligible');
        assert.match(previewTotals['total-cost']!, /XAM of a budget of 3,200,000,000,000\.00 XAM$/);
        const previewPoints = await pointRows(page.getByTestId('preview-by-point'));
        assert.deepEqual(previewPoints.map((r) => r[0]), ['-']);
        assert.equal(await page.getByTestId('preview-by-point').getByTestId('no-point').textContent(), 'No distribution point');
        assert.equal(await page.getByTestId('cycles-empty').count(), 1, 'a preview writes no cycle');

        // Run it: the panel follows the progress to the end, and the totals are the preview's.
        await page.getByTestId('cycle-run').click();
        await page.getByTestId('cycle-started').waitFor();
        const panel = page.locator(`[data-testid="cycle-panel"][data-period="${period}"]`);
        await panel.waitFor();
        await page.locator(`[data-testid="cycle-panel"][data-period="${period}"][data-status="open"]`).waitFor({ timeout: 60_000 });
        const progress = panel.getByTestId('cycle-progress');
        const total = households.replace(',', '');
        assert.equal(await progress.getAttribute('data-total'), total, 'every household the preview counted');
        assert.equal(await progress.getAttribute('data-done'), total);
        assert.equal(await panel.getByTestId('cycle-progress-bar').evaluate((bar) => [(bar as HTMLProgressElement).value, (bar as HTMLProgressElement).max].join('/')), `${total}/${total}`);
        assert.equal((await panel.getByTestId('cycle-progress-text').textContent())?.trim(), `${households} of ${households} households (100 %)`);
        assert.equal(await text(page, 'cycle-status'), 'Open');
        assert.deepEqual(await totalsOf(panel.getByTestId('cycle-totals')), previewTotals);
        assert.deepEqual(await pointRows(panel.getByTestId('cycle-by-point')), previewPoints);
        const row = page.locator(`[data-testid="cycle-row"][data-period="${period}"]`);
        assert.equal(await row.getAttribute('data-status'), 'open');
        assert.equal((await row.getByTestId('cycle-row-entitlements').textContent())?.trim(), previewTotals['total-entitlements']);
        await screenshot(page, 'cycle-run');

        // Again: already evaluated, nothing created.
        await page.getByTestId('cycle-run').click();
        assert.equal(await text(page, 'cycle-already-run'), `Cycle ${period} was already evaluated: nothing was created.`);
        assert.equal(await page.getByTestId('cycle-row').count(), 1);
        assert.deepEqual(await totalsOf(panel.getByTestId('cycle-totals')), previewTotals);

        // The list of programs shows the new one, in operation, with its rule.
        await page.getByTestId('back-to-console-programs').click();
        const listed = page.locator(`[data-testid="console-program-row"][data-code="${CODE}"]`);
        await listed.waitFor();
        assert.equal(await listed.getAttribute('data-status'), 'active');
        assert.match((await listed.getByTestId('console-program-row-rule').textContent()) ?? '', new RegExp(`^Version 1, since .*${ELIGIBILITY.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
      });
    });

    it('at a phone size, in Spanish: a conflict to reload, one decision explained, the changes since the cycle, and an over-budget cycle the runner cannot override', async () => {
      assert.ok(period, 'the first test ran the cycle');
      // A household enrolled after the cycle ran, by the registrar: poor, so eligible now.
      let householdId = '';
      await withPage('registrar', 'es-VE', DESKTOP, async (page) => {
        await signInAs(page, 'registrar');
        const body = {
          regionCode: 'AN-01-01',
          address: { street: 'Calle Los Cujíes', number: '7' },
          members: [
            {
              relationship: 'head',
              givenNames: 'Eufrosina',
              familyNames: 'Castellanos Urdaneta',
              sex: 'F',
              birthDate: { value: '1971-03-09' },
              evidence: [{ kind: 'sworn_declaration', note: 'sin cédula' }],
              attributes: { monthly_income: '300000.00' },
            },
            {
              relationship: 'child',
              givenNames: 'Wilmer Josué',
              familyNames: 'Castellanos Urdaneta',
              sex: 'M',
              birthDate: { value: '2012-07-21' },
              evidence: [{ kind: 'sworn_declaration', note: 'sin partida' }],
              attributes: { monthly_income: '0.00' },
            },
          ],
        };
        let planted = await api(page, 'POST', '/api/registry/households', body);
        if (planted.status === 409 && planted.body?.error?.code === 'DUPLICATE_SUSPECTED') {
          const dedupDecisions = (planted.body.error.details.members as { member: number; candidates: { personId: string }[] }[]).flatMap((m) =>
            m.candidates.map((c) => ({ member: m.member, candidateId: c.personId, decision: 'different' })),
          );
          planted = await api(page, 'POST', '/api/registry/households', { ...body, dedupDecisions });
        }
        assert.equal(planted.status, 201, JSON.stringify(planted.body));
        householdId = planted.body.householdId as string;
      });

      await withPage('phone-es', 'es-VE', PHONE, async (page) => {
        await signInAs(page, 'manager');
        await page.getByTestId('nav-programs').click();
        await page.locator(`[data-testid="console-program-row"][data-code="${CODE}"] [data-testid="console-program-link"]`).click();
        const program = page.getByTestId('console-program');
        await program.waitFor();
        assert.equal(await text(page, 'console-program-title'), 'Canasta del norte');
        assert.equal(await text(page, 'console-program-status'), 'En funcionamiento');

        // Someone else changes the definition while this official edits it: a conflict, then a reload.
        await page.getByTestId('program-open-edit').click();
        assert.equal(await page.getByTestId('edit-program-sector').isDisabled(), true, 'a program with a rule keeps its sector');
        const version = Number(await program.getAttribute('data-version'));
        const meanwhile = await api(page, 'PATCH', `/api/programs/${CODE}`, {
          expectedVersion: version,
          reason: 'Corrección del nombre en inglés',
          changes: { name: { es: 'Canasta del norte', en: 'Northern food basket' } },
        });
        assert.equal(meanwhile.status, 200, JSON.stringify(meanwhile.body));
        await page.getByTestId('edit-program-descriptionEs').fill('Una caja mensual de alimentos básicos para los hogares de bajos ingresos del norte.');
        await page.getByTestId('edit-program-reason').fill('Precisión de la descripción');
        await page.getByTestId('edit-program-submit').click();
        assert.equal(
          await text(page, 'edit-program-conflict'),
          'Alguien cambió este programa desde que lo abrió. Recargue para ver su cambio y vuelva a hacer el suyo.Recargar',
        );
        await page.getByTestId('edit-program-reload').click();
        await page.locator(`[data-testid="console-program"][data-version="${version + 1}"]`).waitFor();
        await page.getByTestId('edit-program-descriptionEs').fill('Una caja mensual de alimentos básicos para los hogares de bajos ingresos del norte.');
        await page.getByTestId('edit-program-reason').fill('Precisión de la descripción');
        await page.getByTestId('edit-program-submit').click();
        await page.locator('[data-testid="program-notice"][data-notice="edited"]').waitFor();
        await page.locator(`[data-testid="console-program"][data-version="${version + 2}"]`).waitFor();
        assert.equal(await text(page, 'console-program-description'), 'Una caja mensual de alimentos básicos para los hogares de bajos ingresos del norte.');

        // Why the new household is eligible: each clause, its value and the facts it read.
        await page.getByTestId('explain-id').fill(householdId);
        await page.getByTestId('explain-submit').click();
        const explanation = page.getByTestId('explanation');
        await explanation.waitFor();
        assert.equal(await explanation.getAttribute('data-eligible'), 'true');
        assert.equal(await text(page, 'explanation-verdict'), 'Elegible: le corresponde 1 box.');
        const clause = page.getByTestId('explanation-clauses').getByTestId('explanation-clause');
        assert.equal(await clause.count(), 1);
        assert.equal(await clause.first().getByTestId('clause-text').textContent(), ELIGIBILITY);
        assert.equal((await clause.first().getByTestId('clause-value').textContent())?.trim(), 'verdadero');
        assert.equal(await clause.first().locator('[data-testid="clause-fact"][data-path="household.sum.monthly_income"]').count(), 1);
        assert.equal(await clause.first().locator('[data-testid="clause-fact"][data-path="household.size"]').count(), 1);
        await screenshot(page, 'phone-explained');

        // The cycle lists the household as a change since it ran: nothing approved, one box now.
        await page.locator(`[data-testid="cycle-row"][data-period="${period}"] [data-testid="cycle-row-open"]`).click();
        const panel = page.locator(`[data-testid="cycle-panel"][data-period="${period}"]`);
        await panel.waitFor();
        assert.equal(await panel.getByTestId('cycle-status').textContent(), 'Abierto');
        await panel.getByTestId('changes-load').click();
        const change = panel.locator(`[data-testid="change"][data-household-id="${householdId}"]`);
        await change.waitFor();
        assert.equal(await change.getAttribute('data-decision-changed'), 'true');
        assert.equal((await change.getByTestId('change-approved').textContent())?.trim(), 'nada');
        assert.equal((await change.getByTestId('change-now').textContent())?.trim(), '1 box');
        await screenshot(page, 'phone-changes');

        // A weekly program whose budget one box exceeds: defined, ruled and activated on the phone.
        await page.getByTestId('back-to-console-programs').click();
        await page.getByTestId('new-program').click();
        await page.getByTestId('new-program-code').fill('canasta-semanal');
        await page.getByTestId('new-program-nameEs').fill('Canasta semanal');
        await page.getByTestId('new-program-nameEn').fill('Weekly food box');
        await page.getByTestId('new-program-descriptionEs').fill('Una caja semanal de alimentos para todos los hogares.');
        await page.getByTestId('new-program-descriptionEn').fill('A weekly food box for every household.');
        await page.getByTestId('new-program-itemEs').fill('caja semanal');
        await page.getByTestId('new-program-itemEn').fill('weekly box');
        await page.getByTestId('new-program-measure').fill('box');
        await page.getByTestId('new-program-currency').fill('XAM');
        await page.getByTestId('new-program-frequency').selectOption('weekly');
        await page.getByTestId('new-program-submit').click();
        await page.waitForURL(/\/console\/programs\/canasta-semanal$/);
        await page.getByTestId('console-program').waitFor();
        await writeRule(page, { eligibility: 'household.size >= 1', quantity: '1', price: '1000,00', cost: '400000.00', budget: '1000.00', reason: 'Prueba de presupuesto insuficiente' });
        await page.locator('[data-testid="console-rule-version"][data-version="1"]').waitFor();
        assert.equal(await page.getByTestId('console-rule-version').getByTestId('rule-price').textContent(), '1.000,00 XAM por box', 'a decimal comma is taken as the point');
        await page.getByTestId('program-open-activate').click();
        await page.getByTestId('program-activate-reason').fill('Prueba');
        await page.getByTestId('program-activate-submit').click();
        await page.locator('[data-testid="console-program"][data-status="active"]').waitFor();

        assert.match(await page.getByTestId('cycle-period').inputValue(), /^\d{4}-W\d{2}$/, 'the next ISO week is proposed');
        await page.getByTestId('cycle-preview').click();
        assert.match(await text(page, 'preview-over-budget'), /^Por encima del presupuesto: .* frente a un presupuesto de 1\.000,00 XAM/);
        await page.getByTestId('cycle-run').click();
        const over = page.locator('[data-testid="cycle-panel"][data-status="over_budget"]');
        await over.waitFor({ timeout: 60_000 });
        assert.equal(await over.getByTestId('cycle-status').textContent(), 'Sobre el presupuesto');
        assert.equal(await over.getByTestId('cycle-over-budget').count(), 1);

        // The official who ran it is refused the override, and told why.
        await over.getByTestId('cycle-open-override').click();
        assert.equal(await over.getByTestId('cycle-override-own').count(), 1);
        await over.getByTestId('cycle-override-reason').fill('Corto');
        await over.getByTestId('cycle-override-submit').click();
        assert.equal(await text(page, 'cycle-override-reason-problem'), 'Diga por qué, en al menos 10 caracteres.');
        await over.getByTestId('cycle-override-reason').fill('Emergencia alimentaria declarada en la región');
        await over.getByTestId('cycle-override-submit').click();
        const refused = over.getByTestId('cycle-override-error');
        await refused.waitFor();
        assert.equal(await refused.getAttribute('data-code'), 'FORBIDDEN');
        assert.equal(
          await text(page, 'cycle-override-error-explanation'),
          'manager corrió este ciclo: un segundo gestor de programas, no quien lo corrió, debe autorizar el exceso de presupuesto.',
        );
        assert.match(await text(page, 'cycle-override-error-detail'), /a second official must override its budget/);
        await screenshot(page, 'phone-override-refused');

        // Closed instead, with the reason: final.
        await over.getByRole('button', { name: 'Cancelar' }).click();
        await over.getByTestId('cycle-open-close').click();
        await over.getByTestId('cycle-close-reason').fill('Presupuesto insuficiente para esta semana');
        await over.getByTestId('cycle-close-submit').click();
        const closed = page.locator('[data-testid="cycle-panel"][data-status="closed"]');
        await closed.waitFor();
        assert.match(await text(page, 'cycle-closing'), /^Cerrado por manager, .*: Presupuesto insuficiente para esta semana$/);
        assert.equal(await closed.getByTestId('cycle-open-close').count(), 0);
        assert.equal(await page.locator('[data-testid="cycle-row"][data-status="closed"]').count(), 1);
      });
    });
  });
}
