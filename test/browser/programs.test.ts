import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-officials.ts';
import { DEMO_PROGRAMS } from '../../src/programs/demo-programs.ts';
import { CHROMIUM_ARGS, SCREENSHOTS, WEB_INDEX, chromiumPath, pageApi, signIn, skipWithoutChromium, text } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/**
 * Large tests of the public program pages (issue 5): an anonymous visitor finds the
 * programs from the login page, reads the rule in force word for word with its price
 * and budget, and opens a program's page to see every rule version, newest first. The
 * real server in demo mode (each database engine: `start --demo` seeds the five demo
 * programs with their rules, active) and the built web app in Chromium; each test
 * leaves a screenshot in $AMPARO_TEST_OUTPUT/browser/<engine>-programs-*.png.
 *
 * The tests share one server per engine and run in order: the first plants a second,
 * scheduled, rule version of the food box that the next ones see.
 */
const FOOD_BOX = DEMO_PROGRAMS.find((p) => p.definition.code === 'food-box')!;
const SCHEDULED = {
  eligibility: 'household.sum.monthly_income / double(household.size) < 650000.0',
  quantity: FOOD_BOX.quantity,
  pricePerUnit: '1234567.5',
  // An in-kind rule states what a unit costs the budget (src/programs/publish-rule.ts).
  costPerUnit: FOOD_BOX.costPerUnit,
  budgetPerCycle: '99999999999999.99',
  reason: 'Gaceta Oficial 6.200: nuevo umbral de ingreso por miembro',
};

const skip = skipWithoutChromium;

/** A day `days` after today (UTC), YYYY-MM-DD. */
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

for (const engine of testEngines()) {
  describe(`public programs in Chromium (${engine})`, { skip }, () => {
    let server: ServerProcess | undefined;
    let browser: Browser | undefined;

    before(async () => {
      assert.ok(existsSync(WEB_INDEX), 'web/dist is not built: run `npm run build:web` (`npm test` does it)');
      server = await startServerProcess({ engine });
      browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: CHROMIUM_ARGS });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    /** Runs `body` on a fresh page (own cookies and storage: no session) and always leaves a screenshot. */
    async function withPage(name: string, locale: string, body: (page: Page) => Promise<void>) {
      const context = await browser!.newContext({ locale, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      try {
        await body(page);
      } finally {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, `${engine}-programs-${name}.png`), fullPage: true });
        await context.close();
      }
    }

    it('a program manager publishes a second food-box rule that takes effect in a month', async () => {
      await withPage('manager', 'en-US', async (page) => {
        await page.goto(`${server!.url}/console/login`);
        await page.getByTestId('login-title').waitFor();
        await signIn(page, 'manager', DEMO_PASSWORD);
        await page.getByTestId('home-title').waitFor();

        const program = await pageApi(page, server!.url, 'GET', '/api/programs/food-box');
        assert.equal(program.status, 200, JSON.stringify(program.body));
        assert.equal(program.body.status, 'active', 'the demo seeds the food box, active');
        const latest = Math.max(...(program.body.rules as { version: number }[]).map((r) => r.version));
        assert.equal(latest, 1);

        const published = await pageApi(page, server!.url, 'POST', '/api/programs/food-box/rules', {
          expectedRuleVersion: latest,
          validFrom: daysFromToday(30),
          ...SCHEDULED,
        });
        assert.equal(published.status, 201, JSON.stringify(published.body));
        assert.equal(published.body.version, 2);
        assert.equal(published.body.state, 'scheduled');
      });
    });

    it('an anonymous visitor goes from the login page to the programs and reads the rule in force', async () => {
      await withPage('list', 'en-US', async (page) => {
        await page.goto(`${server!.url}/console/login`);
        await page.getByTestId('login-title').waitFor();
        assert.equal(await text(page, 'programs-link'), 'Programs and their rules');
        await page.getByTestId('programs-link').click();
        await page.waitForURL(/\/programs$/);
        assert.equal(await text(page, 'programs-title'), 'Programs and their rules');
        assert.equal(await text(page, 'programs-count'), `Programs in operation: ${DEMO_PROGRAMS.length}`);

        const card = page.locator('[data-testid="program"][data-code="food-box"]');
        await card.waitFor();
        assert.equal(await card.getAttribute('data-status'), 'active');
        assert.equal((await card.getByTestId('program-name').textContent())?.trim(), 'Food box');
        assert.equal((await card.getByTestId('program-sector').textContent())?.trim(), 'Food boxes');
        assert.equal((await card.getByTestId('program-unit').textContent())?.trim(), 'Each household');
        assert.equal((await card.getByTestId('program-benefit').textContent())?.trim(), 'food box, counted in box');
        assert.equal((await card.getByTestId('program-frequency').textContent())?.trim(), 'Monthly');
        // The rule in force today is still version 1: the second one is only scheduled.
        assert.equal(await card.getByTestId('current-rule').getAttribute('data-version'), '1');
        assert.equal(await card.getByTestId('rule-eligibility').textContent(), FOOD_BOX.eligibility);
        assert.equal(await card.getByTestId('rule-quantity').textContent(), FOOD_BOX.quantity);
        // Money as published, with the locale's grouping: "25000.00" and "3200000000000.00".
        assert.equal((await card.getByTestId('rule-price').textContent())?.trim(), '25,000.00 XAM per box');
        assert.equal((await card.getByTestId('rule-budget').textContent())?.trim(), '3,200,000,000,000.00 XAM');

        // The cash pension says its amount comes from the quantity rule.
        const pension = page.locator('[data-testid="program"][data-code="pension"]');
        assert.match((await pension.getByTestId('program-benefit').textContent()) ?? '', /cash amount in XAM, set by the quantity rule/);
        assert.equal((await pension.getByTestId('program-unit').textContent())?.trim(), 'Each person');

        await card.getByTestId('program-link').click();
        await page.waitForURL(/\/programs\/food-box$/);
        // The heading names the program once it has come.
        await page.getByTestId('rule-versions').waitFor();
        assert.equal(await text(page, 'program-title'), 'Food box');
        const versions = page.getByTestId('rule-version');
        assert.equal(await versions.count(), 2);
        // Newest first: the scheduled version 2, then version 1 in force until the day before.
        assert.equal(await versions.nth(0).getAttribute('data-version'), '2');
        assert.equal(await versions.nth(0).getAttribute('data-state'), 'scheduled');
        assert.equal((await versions.nth(0).getByTestId('rule-state').textContent())?.trim(), 'Scheduled');
        assert.equal(await versions.nth(0).getByTestId('rule-eligibility').textContent(), SCHEDULED.eligibility);
        assert.equal((await versions.nth(0).getByTestId('rule-price').textContent())?.trim(), '1,234,567.50 XAM per box');
        assert.equal((await versions.nth(0).getByTestId('rule-budget').textContent())?.trim(), '99,999,999,999,999.99 XAM', 'beyond a double, shown exactly');
        assert.equal((await versions.nth(0).getByTestId('rule-reason').textContent())?.trim(), SCHEDULED.reason);
        assert.equal((await versions.nth(0).getByTestId('rule-valid-until').textContent())?.trim(), 'Until a new version replaces it');
        assert.equal(await versions.nth(1).getAttribute('data-version'), '1');
        assert.equal(await versions.nth(1).getAttribute('data-state'), 'in_force');
        assert.equal((await versions.nth(1).getByTestId('rule-state').textContent())?.trim(), 'In force');
        assert.equal(await versions.nth(1).getByTestId('rule-eligibility').textContent(), FOOD_BOX.eligibility);
        assert.notEqual((await versions.nth(1).getByTestId('rule-valid-until').textContent())?.trim(), 'Until a new version replaces it');

        // No session was needed nor made.
        assert.equal(await text(page, 'public-console-link'), 'Officials: sign in');
      });
    });

    it('in Spanish, from the public catalogue: grouping with points and the states in Spanish; an unknown code is not found', async () => {
      await withPage('detail-es', 'es-VE', async (page) => {
        await page.goto(`${server!.url}/catalogue`);
        await page.getByTestId('catalogue-title').waitFor();
        assert.equal(await text(page, 'programs-link'), 'Programas y sus reglas');
        await page.getByTestId('programs-link').click();
        await page.waitForURL(/\/programs$/);
        await page.locator('[data-testid="program"][data-code="food-box"] [data-testid="program-link"]').click();
        await page.waitForURL(/\/programs\/food-box$/);
        const versions = page.getByTestId('rule-version');
        await versions.first().waitFor();
        assert.equal(await text(page, 'program-title'), 'Caja de alimentos');
        assert.equal((await versions.nth(0).getByTestId('rule-state').textContent())?.trim(), 'Programada');
        assert.equal((await versions.nth(1).getByTestId('rule-state').textContent())?.trim(), 'Vigente');
        assert.equal((await versions.nth(1).getByTestId('rule-price').textContent())?.trim(), '25.000,00 XAM por box');
        assert.equal((await versions.nth(0).getByTestId('rule-budget').textContent())?.trim(), '99.999.999.999.999,99 XAM');

        await page.goto(`${server!.url}/programs/no-such-program`);
        assert.equal(await page.getByTestId('program-error').getAttribute('data-code'), 'NOT_FOUND');
      });
    });
  });
}
