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

/**
 * Large tests: the real server (a child process, each database engine) and the built
 * web app in Debian's Chromium. Each test leaves a full-page screenshot for review in
 * $AMPARO_TEST_OUTPUT/browser/.
 */
// Not "Admin-…": the server refuses a password that contains the username.
const ADMIN_PASSWORD = 'Clave-Prueba-2026-x';

const skip = skipWithoutChromium;

for (const engine of testEngines()) {
  describe(`console in Chromium (${engine})`, { skip }, () => {
    let server: ServerProcess | undefined;
    let browser: Browser | undefined;

    before(async () => {
      assert.ok(existsSync(WEB_INDEX), 'web/dist is not built: run `npm run build:web` (`npm test` does it)');
      server = await startServerProcess({ engine, env: { AMPARO_ADMIN_PASSWORD: ADMIN_PASSWORD } });
      browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: CHROMIUM_ARGS });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    /** Runs `body` on a fresh page (own cookies and storage) and always leaves a screenshot. */
    async function withPage(name: string, locale: string, body: (page: Page) => Promise<void>) {
      const context = await browser!.newContext({ locale, viewport: { width: 1280, height: 800 } });
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
      await page.screenshot({ path: join(SCREENSHOTS, `${engine}-${name}.png`), fullPage: true });
    }

    it('a demo auditor signs in, is told it is a demo, and finds their own login in the audit log', async () => {
      await withPage('auditor-signed-out', 'en-US', async (page) => {
        // A console link while signed out goes to the login and comes back after it.
        await page.goto(`${server!.url}/console/audit-log`);
        await page.getByTestId('login-title').waitFor();
        assert.match(new URL(page.url()).search, /next=%2Fconsole%2Faudit-log/);
        await signIn(page, 'auditor', DEMO_PASSWORD);

        await page.getByTestId('audit-title').waitFor();
        assert.equal(await text(page, 'audit-title'), 'Audit log');
        const banner = await text(page, 'demo-banner');
        assert.match(banner, /Demo installation/);
        assert.match(banner, /signed in without the second factor/);
        assert.equal(await text(page, 'official-name'), 'Aurelio Peña (auditor)');
        assert.equal(await text(page, 'official-role'), 'Audit');
        assert.deepEqual(await navItems(page), ['Home', 'Removals', 'Audit log', 'Checkpoints', 'Catalogue proposals', 'Reconciliation', 'Sync conflicts']);

        const ownLogin = page.locator('[data-testid="audit-row"][data-action="auth.login"][data-actor="auditor"]');
        await ownLogin.first().waitFor();
        assert.equal(await ownLogin.first().getByTestId('audit-action').textContent(), 'Sign-in');

        // Filtering by official and action keeps only those entries, and says so in the URL.
        await page.getByTestId('filter-actor').fill('auditor');
        await page.getByTestId('filter-action').selectOption('auth.login');
        await page.getByTestId('filter-apply').click();
        await page.waitForURL(/actor=auditor&action=auth.login/);
        await page.getByTestId('audit-row').first().waitFor();
        const rows = await page.getByTestId('audit-row').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-actor')} ${tr.getAttribute('data-action')}`));
        assert.ok(rows.length >= 1);
        assert.deepEqual(new Set(rows), new Set(['auditor auth.login']));

        await page.getByTestId('verify-chain').click();
        await page.getByTestId('verify-result').waitFor();
        assert.equal(await page.getByTestId('verify-result').getAttribute('data-ok'), 'true');
        assert.match(await text(page, 'verify-result'), /^The log is intact: [\d,]+ entries and [\d,]+ checkpoints verified\.$/);
        await screenshot(page, 'auditor-audit-log-desktop');

        // The switch in the console header translates the table too, and keeps the data.
        await page.getByTestId('language-es').click();
        await page.waitForFunction(() => document.documentElement.lang === 'es');
        assert.equal(await text(page, 'audit-title'), 'Registro de auditoría');
        assert.equal(await ownLogin.first().getByTestId('audit-action').textContent(), 'Inicio de sesión');
        assert.equal(await text(page, 'official-role'), 'Auditoría');
        await screenshot(page, 'auditor-audit-log-es');

        // The same screen on a phone: still usable, the table scrolls sideways.
        await page.setViewportSize({ width: 390, height: 844 });
        await screenshot(page, 'auditor-audit-log-phone');

        await page.getByTestId('sign-out').click();
        await page.getByTestId('login-notice').waitFor();
        assert.equal(await text(page, 'login-notice'), 'Ha cerrado la sesión.');
        await page.goto(`${server!.url}/console`);
        await page.getByTestId('login-title').waitFor();
      });
    });

    it('a registrar sees their regions by name and a menu with only what their role may use', async () => {
      await withPage('registrar-not-found', 'es-VE', async (page) => {
        await page.goto(`${server!.url}/`);
        await signIn(page, 'registrar', DEMO_PASSWORD);
        await page.getByTestId('home-title').waitFor();
        assert.equal(await text(page, 'home-title'), 'Bienvenido/a, Rosa Quintero (registradora)');
        assert.equal(await text(page, 'official-role'), 'Registro');
        assert.deepEqual(await navItems(page), ['Inicio', 'Buscar', 'Inscribir hogar', 'Cola de revisión', 'Bajas', 'Importar']);
        assert.deepEqual(await page.getByTestId('tools').locator('a').allTextContents(), ['Buscar', 'Inscribir hogar', 'Cola de revisión', 'Bajas', 'Importar']);
        await page.locator('[data-testid="account-regions"]', { hasText: 'Andinia (AN)' }).waitFor();
        await screenshot(page, 'registrar-home');
        // A page of another role is not even said to exist.
        await page.goto(`${server!.url}/console/audit-log`);
        await page.getByTestId('not-found-title').waitFor();
        assert.equal(await text(page, 'not-found-title'), 'Página no encontrada');
      });
    });

    it('speaks Spanish to a Spanish browser, English to others, and keeps the chosen language', async () => {
      await withPage('language-es', 'es-ES', async (page) => {
        await page.goto(`${server!.url}/console/login`);
        await page.getByTestId('login-title').waitFor();
        assert.equal(await text(page, 'login-title'), 'Iniciar sesión');
        assert.equal(await page.getAttribute('html', 'lang'), 'es');
        assert.equal(await page.locator('label[for="username"]').textContent(), 'Usuario');
        assert.equal(await page.getByTestId('language-es').getAttribute('aria-pressed'), 'true');
        // Errors come translated from their code.
        await signIn(page, 'nadie', 'no-es-la-clave');
        await page.getByTestId('login-error').waitFor();
        assert.equal(await text(page, 'login-error'), 'Usuario o contraseña incorrectos.');
      });

      await withPage('language-en-switched', 'en-US', async (page) => {
        await page.goto(`${server!.url}/console/login`);
        await page.getByTestId('login-title').waitFor();
        assert.equal(await text(page, 'login-title'), 'Sign in');
        assert.equal(await page.getAttribute('html', 'lang'), 'en');

        await page.getByTestId('language-es').click();
        await page.waitForFunction(() => document.documentElement.lang === 'es');
        assert.equal(await text(page, 'login-title'), 'Iniciar sesión');
        assert.equal(await page.getByTestId('login-submit').textContent(), 'Entrar');

        await page.reload();
        await page.getByTestId('login-title').waitFor();
        assert.equal(await page.getAttribute('html', 'lang'), 'es');
        assert.equal(await text(page, 'login-title'), 'Iniciar sesión');
        assert.equal(await page.title(), 'Iniciar sesión · amparo');
      });
    });

    it('the administrator enrols a second factor: QR and key, a wrong code refused, the right one accepted', async () => {
      await withPage('admin-second-factor', 'en-US', async (page) => {
        await page.goto(`${server!.url}/console/login`);
        await signIn(page, 'admin', ADMIN_PASSWORD);

        await page.getByTestId('enrolment').waitFor();
        assert.equal(await text(page, 'login-title'), 'Set up your second factor');
        const qr = page.getByTestId('totp-qr');
        await qr.waitFor();
        assert.ok((await qr.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))) > 0, 'the QR code is drawn');
        const secret = (await text(page, 'totp-secret')).replace(/\s+/g, '');
        assert.match(secret, /^[A-Z2-7]{32}$/);

        // A code no authenticator would show now (the server accepts one step either side).
        const valid = new Set([-30_000, 0, 30_000].map((shift) => currentTotp(secret, Date.now() + shift)));
        const wrong = ['000000', '111111', '222222'].find((code) => !valid.has(code))!;
        await page.getByTestId('code-input').fill(wrong);
        await page.getByTestId('code-submit').click();
        await page.getByTestId('code-error').waitFor();
        assert.equal(await text(page, 'code-error'), 'The code is wrong, expired or was already used. Wait for the next code and try again.');
        await screenshot(page, 'admin-enrolment');

        await page.getByTestId('code-input').fill(currentTotp(secret));
        await page.getByTestId('code-submit').click();
        await page.getByTestId('home-title').waitFor();
        assert.equal(await text(page, 'home-title'), 'Welcome, Administrator');
        assert.equal(await text(page, 'official-role'), 'Administration');
        // The administrator's menu has no audit log: that is the auditors' alone.
        assert.deepEqual(await navItems(page), ['Home', 'Checkpoints', 'Catalogue proposals', 'Reconciliation', 'Distribution points']);
        const banner = await text(page, 'demo-banner');
        assert.match(banner, /Demo installation/);
        assert.doesNotMatch(banner, /signed in without the second factor/);
        assert.equal(await text(page, 'account-regions'), 'Whole country');
        await screenshot(page, 'admin-home');

        await page.getByTestId('nav-checkpoints').click();
        await page.getByTestId('checkpoints-title').waitFor();
        const before = await page.getByTestId('checkpoint-row').count();
        await page.getByTestId('sign-checkpoint').click();
        await page.getByTestId('checkpoint-signed').waitFor();
        const signed = (await text(page, 'checkpoint-signed')).match(/^Checkpoint (\d+) signed\.$/);
        assert.ok(signed, 'the signed checkpoint is named');
        await page.locator(`[data-testid="checkpoint-row"][data-id="${signed[1]}"]`).waitFor();
        assert.equal(await page.getByTestId('checkpoint-row').count(), before + 1);
      });
    });
  });
}
