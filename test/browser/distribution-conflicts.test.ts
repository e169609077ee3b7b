import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-officials.ts';
import { CHROMIUM_ARGS, SCREENSHOTS, WEB_INDEX, chromiumPath, signIn, skipWithoutChromium, text } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { signRecord } from '../support/terminal-client.ts';
import { distributionFixture, recordFor, terminalRequest } from '../distribution/fixtures.ts';
import { seedInstallation, startLoadServer, type RunningServer, type SeededInstallation } from '../distribution/load-installation.ts';

type Due = { cycleId: string; subject: string; program: { code: string } };

/**
 * The console's conflicts page against the real server: two tablets of a point handed
 * out the same household's box offline; the demo program manager sees the conflict,
 * what it collides with, and refunds it; the auditor reads the decision.
 */
for (const engine of testEngines()) {
  describe(`sync conflicts in the console, in Chromium (${engine})`, { skip: skipWithoutChromium }, () => {
    let inst: SeededInstallation<{ conflictId: string; winner: string }>;
    let server: RunningServer;
    let browser: Browser;

    before(async () => {
      assert.ok(existsSync(WEB_INDEX), 'web/dist is not built: run `npm run build:web` (`npm test` does it)');
      inst = await seedInstallation(engine, async (t) => {
        const f = await distributionFixture(t);
        const card = f.cards.rondon![0]!;
        const due = ((await terminalRequest(t, f.terminal, 'GET', `/api/terminal/due?card=${card}`)).json().due as Due[]).find((d) => d.program.code === 'test-food')!;
        const a = recordFor(f.terminal, due, { card, quantity: '1', amount: '25000.00' });
        const b = recordFor(f.second, due, { card, quantity: '1', amount: '25000.00' });
        await terminalRequest(t, f.terminal, 'POST', '/api/terminal/sync', { records: [{ record: a, signature: signRecord(f.terminal.privateKey, a) }] });
        const r = await terminalRequest(t, f.second, 'POST', '/api/terminal/sync', { records: [{ record: b, signature: signRecord(f.second.privateKey, b) }] });
        assert.equal(r.json().results[0].status, 'conflict', r.body);
        return { conflictId: b.id, winner: a.id };
      });
      server = await startLoadServer(inst);
      browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: CHROMIUM_ARGS });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      await inst?.remove();
    });

    it('a program manager sees the conflict and what it collides with, and refunds it; the auditor reads the decision', async () => {
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}/console/conflicts`);
        await page.getByTestId('login-title').waitFor();
        await signIn(page, 'manager', DEMO_PASSWORD);
        assert.equal(await text(page, 'conflicts-title'), 'Sync conflicts');
        const item = page.locator(`[data-testid="conflict"][data-conflict-id="${inst.seeded.conflictId}"]`);
        await item.waitFor();
        assert.equal(await page.getByTestId('conflict').count(), 1);
        assert.equal((await item.getByTestId('conflict-reason').textContent())?.trim(), 'Already collected');
        await item.getByTestId('conflict-show').click();
        assert.match((await item.getByTestId('conflict-collisions').textContent()) ?? '', /Receipt \d+: 1\.000/);
        await item.getByTestId('conflict-decision').selectOption('refunded');
        await item.getByTestId('conflict-note').fill('the household got its money back');
        await item.getByTestId('conflict-resolve').click();
        await page.locator(`[data-testid="conflict"][data-status="resolved"]`).waitFor();
        assert.match((await item.getByTestId('conflict-resolution').textContent()) ?? '', /Price refunded — the household got its money back/);
      } finally {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, `${engine}-conflicts-en.png`), fullPage: true });
        await context.close();
      }
      const auditorContext = await browser.newContext({ locale: 'es-VE', viewport: { width: 1280, height: 900 } });
      const auditorPage = await auditorContext.newPage();
      try {
        await auditorPage.goto(`${server.url}/console/conflicts?status=resolved`);
        await auditorPage.getByTestId('login-title').waitFor();
        await signIn(auditorPage, 'auditor', DEMO_PASSWORD);
        assert.equal(await text(auditorPage, 'conflicts-title'), 'Conflictos de sincronización');
        assert.match(await text(auditorPage, 'conflict-resolution'), /Precio devuelto/);
        assert.equal(await auditorPage.getByTestId('conflict-resolve').count(), 0, 'an auditor reads, never decides');
      } finally {
        await auditorContext.close();
      }
    });
  });
}
