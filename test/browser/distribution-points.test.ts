import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { currentTotp } from '../../src/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-officials.ts';
import { CHROMIUM_ARGS, SCREENSHOTS, WEB_INDEX, chromiumPath, navItems, signIn, skipWithoutChromium, text } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { newTerminalKeys, signedFetch, type AgentSession } from '../support/terminal-client.ts';

/**
 * Large tests of the administrator's distribution points (issue 6): the demo's points in
 * the console, a new point, a terminal registered in the console (its code shown once),
 * enrolled by a device in the demo agent's session over HTTP, accepted on a signed
 * request, revoked with one click and refused from the next request on. The real server
 * in demo mode and the built web app in Chromium; screenshots in
 * $AMPARO_TEST_OUTPUT/browser/<engine>-points-*.png.
 */
const ADMIN_PASSWORD = 'Clave-Prueba-2026-x';
const ENROLMENT_CODE = /^[23456789ACDEFGHJKMNPQRTVWXY]{4}(-[23456789ACDEFGHJKMNPQRTVWXY]{4}){2}$/;

for (const engine of testEngines()) {
  describe(`distribution points in Chromium (${engine})`, { skip: skipWithoutChromium }, () => {
    let server: ServerProcess | undefined;
    let browser: Browser | undefined;
    let page: Page;

    before(async () => {
      assert.ok(existsSync(WEB_INDEX), 'web/dist is not built: run `npm run build:web` (`npm test` does it)');
      server = await startServerProcess({ engine, env: { AMPARO_ADMIN_PASSWORD: ADMIN_PASSWORD } });
      browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    const screenshot = async (name: string) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${engine}-points-${name}.png`), fullPage: true });
    };

    /** The demo agent's session over plain HTTP, as the terminal app holds it. */
    async function agentSession(): Promise<AgentSession> {
      const r = await fetch(`${server!.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent', password: DEMO_PASSWORD }) });
      assert.equal(r.status, 200, await r.clone().text());
      const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('amparo_session='))!;
      return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
    }

    it('shows the demo points to the administrator and registers a new one', async () => {
      await page.goto(`${server!.url}/console/login`);
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByTestId('enrolment').waitFor();
      await page.getByTestId('code-input').fill(currentTotp((await text(page, 'totp-secret')).replace(/\s+/g, '')));
      await page.getByTestId('code-submit').click();
      await page.getByTestId('home-title').waitFor();
      assert.ok((await navItems(page)).includes('Distribution points'));

      await page.getByTestId('nav-points').click();
      await page.getByTestId('points').waitFor();
      const codes = await page.getByTestId('point-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
      assert.ok(codes.includes('PDA-AN-01') && codes.includes('PDA-SE-03'), codes.join(' '));
      await screenshot('list');

      await page.getByTestId('new-point').click();
      await page.getByTestId('new-point-submit').click();
      await page.getByTestId('new-point-code-problem').waitFor();
      await page.getByTestId('new-point-code').fill('far-an-01-01');
      await page.getByTestId('new-point-name').fill('Farmacia La Pastora');
      await page.getByTestId('new-point-kind').selectOption('pharmacy');
      await page.getByTestId('new-point-region').selectOption('AN-01-01');
      await page.getByTestId('new-point-submit').click();
      await page.getByTestId('point-title').waitFor();
      assert.equal(await text(page, 'point-title'), 'Farmacia La Pastora');
      assert.ok((await text(page, 'point-facts')).includes('FAR-AN-01-01'), 'the code was typed in capitals');
    });

    it('registers a terminal (code shown once), which the agent enrols and which is refused once revoked', async () => {
      await page.goto(`${server!.url}/console/points/PDA-AN-01`);
      await page.getByTestId('point-title').waitFor();
      assert.equal(await page.getByTestId('point-programs').locator('li').count(), 5, 'the five demo programs serve every demo point');
      assert.ok((await text(page, 'point-agents')).includes('agent'));

      await page.getByTestId('terminal-label').fill('Tablet 1');
      await page.getByTestId('terminal-register').click();
      const code = await text(page, 'enrolment-code');
      assert.match(code, ENROLMENT_CODE);
      await screenshot('enrolment-code');
      await page.getByTestId('enrolment-code-done').click();
      assert.equal(await page.getByTestId('enrolment-code').count(), 0, 'gone once closed');
      assert.equal(await page.getByTestId('point-terminal').getAttribute('data-state'), 'awaiting_enrolment');

      const session = await agentSession();
      const keys = newTerminalKeys();
      const enrolled = await fetch(`${server!.url}/api/terminal/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: JSON.stringify({ enrolmentCode: code, publicKey: keys.publicKeyText }),
      });
      assert.equal(enrolled.status, 200, await enrolled.clone().text());
      const terminal = { terminalId: ((await enrolled.json()) as { terminalId: string }).terminalId, privateKey: keys.privateKey };
      const me = await signedFetch(server!.url, { method: 'GET', url: '/api/terminal/me', terminal, session });
      assert.equal(me.status, 200, await me.clone().text());
      assert.equal(((await me.json()) as { point: { code: string } }).point.code, 'PDA-AN-01');

      await page.reload();
      await page.locator('[data-testid="point-terminal"][data-state="enrolled"]').waitFor();
      await page.getByTestId('terminal-revoke').click();
      await page.getByTestId('terminal-revoke-reason').fill('tablet lost');
      await page.getByTestId('terminal-revoke-confirm').click();
      await page.locator('[data-testid="point-terminal"][data-state="revoked"]').waitFor();
      await screenshot('revoked');

      const refused = await signedFetch(server!.url, { method: 'GET', url: '/api/terminal/me', terminal, session });
      assert.equal(refused.status, 403);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'TERMINAL_REVOKED');
    });
  });
}
