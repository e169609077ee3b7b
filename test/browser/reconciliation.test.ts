import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-officials.ts';
import { CHROMIUM_ARGS, SCREENSHOTS, WEB_INDEX, chromiumPath, signIn, skipWithoutChromium, text } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/**
 * The reconciliation page on the demo (whose current food-box cycle has entitlements at
 * every point): an auditor picks a point and a cycle, sees the figures balanced, and the
 * CSV link; in Spanish.
 */
for (const engine of testEngines()) {
  describe(`reconciliation page in Chromium (${engine})`, { skip: skipWithoutChromium }, () => {
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

    it('an auditor reconciles a demo point in Spanish: the current cycle balances, with its CSV', async () => {
      const context = await browser!.newContext({ locale: 'es-VE', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(`${server!.url}/console/reconciliation`);
        await page.getByTestId('login-title').waitFor();
        await signIn(page, 'auditor', DEMO_PASSWORD);
        assert.equal(await text(page, 'reconciliation-title'), 'Conciliación de un punto de distribución');
        await page.getByTestId('reconciliation-point-text').fill('PDA-AN-01');
        await page.getByTestId('reconciliation-search').click();
        await page.getByTestId('reconciliation-points').getByRole('button').first().click();
        await page.getByTestId('reconciliation-cycle').waitFor();
        assert.equal(await text(page, 'reconciliation-status'), 'Cuadra al céntimo: ninguna discrepancia.');
        const href = await page.getByTestId('reconciliation-csv').getAttribute('href');
        assert.match(href ?? '', /^\/api\/distribution\/points\/PDA-AN-01\/reconciliation\.csv\?cycle=[0-9a-f-]{36}$/);
        const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
        assert.match(csv, /^\uFEFF?section,item,method,count,quantity,amount,currency,id,detail\r\n/);
        assert.match(csv, /\r\nheader,balanced,,,,,,,yes\r\n/);
        assert.match(await text(page, 'reconciliation-entitlements'), /En este punto/);
      } finally {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, `${engine}-reconciliation-es.png`), fullPage: true });
        await context.close();
      }
    });
  });
}
