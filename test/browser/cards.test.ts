import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzlibSync, zlibSync } from 'fflate';
import jsqrModule from 'jsqr';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { base45Decode, base45Encode } from '../../src/credentials/codec/base45.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-officials.ts';
import { CHROMIUM_ARGS as BASE_CHROMIUM_ARGS, SCREENSHOTS, WEB_INDEX, chromiumPath, pageApi, signIn, skipWithoutChromium, text } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { y4mOfQrCode } from '../support/fake-camera.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { jpegPhoto, syntheticPortrait } from '../support/test-photos.ts';

/**
 * Large tests of the cards (issue 4): a registrar issues, prints, reissues and revokes
 * cards on the person page; a phone with no login verifies them on /verify with the
 * lists it downloaded, offline, and sees a revocation once it refreshes. The real
 * server in demo mode (each database engine) and the built web app in Chromium; each
 * test leaves screenshots in $AMPARO_TEST_OUTPUT/browser/<engine>-cards-*.png.
 *
 * The tests share one server per engine and run in order: the card issued by the
 * first is verified, replaced and revoked by the next ones.
 */
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const CHROMIUM_ARGS = [...BASE_CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const CARD_NUMBER = /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{3}$/;
const HOLDER = { givenNames: 'Maricela del Valle', familyNames: 'Guaregua Tovar', birthDate: '1983-06-17' };
const HOLDER_NAME = `${HOLDER.givenNames} ${HOLDER.familyNames}`;

// jsqr is CommonJS with `exports.default`: under Node's ESM the function is `.default`.
const jsQR: typeof jsqrModule.default = typeof jsqrModule === 'function' ? jsqrModule : jsqrModule.default;

const skip = skipWithoutChromium;

for (const engine of testEngines()) {
  describe(`cards in Chromium (${engine})`, { skip }, () => {
    let server: ServerProcess | undefined;
    let browser: Browser | undefined;
    let personId = '';
    /** The card the first test issues: number, printed form and QR text. */
    const first = { cardNumber: '', formatted: '', qrText: '' };

    before(async () => {
      assert.ok(existsSync(WEB_INDEX), 'web/dist is not built: run `npm run build:web` (`npm test` does it)');
      server = await startServerProcess({ engine, env: { AMPARO_LOGIN_RATE_PER_MINUTE: '200' } });
      browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: CHROMIUM_ARGS });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    async function screenshot(page: Page, name: string, fullPage = true) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${engine}-cards-${name}.png`), fullPage });
    }

    /** A registrar's desktop page, signed in (two device pixels per CSS pixel: the QR on screen is read back). */
    async function registrarPage(context: BrowserContext): Promise<Page> {
      const page = await context.newPage();
      await page.goto(`${server!.url}/console`);
      await page.getByTestId('login-title').waitFor();
      await signIn(page, 'registrar', DEMO_PASSWORD);
      await page.getByTestId('home-title').waitFor();
      return page;
    }

    const newDesktop = () => browser!.newContext({ locale: 'en-US', viewport: DESKTOP, deviceScaleFactor: 2 });
    /** A phone with no session: the verifier needs no login. */
    const newPhone = (b: Browser = browser!, locale = 'es-VE') => b.newContext({ locale, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

    /** The lists on the phone page after a refresh (or the first download) has finished. */
    async function listsRefreshed(phone: Page, before: string) {
      await phone.waitForFunction((previous) => {
        const panel = document.querySelector('[data-testid="lists-status"]');
        return panel?.getAttribute('data-refreshing') === 'false' && (panel.getAttribute('data-downloaded-at') ?? '') !== previous;
      }, before);
    }

    const downloadedAt = async (phone: Page) => (await phone.getByTestId('lists-status').getAttribute('data-downloaded-at')) ?? '';

    /** Pastes the text, presses Verify, and waits for the verdict. */
    async function verifyOn(phone: Page, qrText: string) {
      await phone.getByTestId('verify-text').fill(qrText);
      await phone.getByTestId('verify-submit').click();
      const result = phone.getByTestId('verify-result');
      await result.waitFor();
      return { valid: await result.getAttribute('data-valid'), reason: await result.getAttribute('data-reason') };
    }

    it('a registrar issues a card with the face in its QR, sees it valid, shows a scannable QR code and prints it', async () => {
      const context = await newDesktop();
      const page = await registrarPage(context);
      try {
        // The public verifier is linked beside the menu, not in the role's menu.
        assert.equal(await text(page, 'nav-verify'), 'Verify a card');
        assert.equal(await page.getByTestId('nav-verify').getAttribute('href'), '/verify');

        const planted = await pageApi(page, server!.url, 'POST', '/api/registry/households', {
          regionCode: 'AN-03-01',
          address: { street: 'Calle Los Cujíes', number: '9' },
          members: [
            {
              relationship: 'head',
              givenNames: HOLDER.givenNames,
              familyNames: HOLDER.familyNames,
              sex: 'F',
              birthDate: { value: HOLDER.birthDate, precision: 'day', declared: false },
              evidence: [{ kind: 'sworn_declaration', note: 'planted by the cards test' }],
            },
          ],
        });
        assert.equal(planted.status, 201, JSON.stringify(planted.body));
        personId = planted.body.personIds[0] as string;

        await page.goto(`${server!.url}/console/persons/${personId}`);
        await page.getByTestId('cards-panel').waitFor();
        await page.getByTestId('no-cards').waitFor();
        await page.getByTestId('no-photo').waitFor();
        // No photo, no face in the QR.
        await page.getByTestId('issue-form').waitFor();
        assert.equal(await page.getByTestId('issue-with-face').isDisabled(), true);
        assert.match(await text(page, 'issue-form'), /Take or upload a photo first/);

        const photo = jpegPhoto(syntheticPortrait(300, 400, 7));
        const stored = await pageApi(page, server!.url, 'PUT', `/api/registry/persons/${personId}/photo`, {
          contentType: photo.contentType,
          dataBase64: Buffer.from(photo.bytes).toString('base64'),
        });
        assert.ok(stored.status < 300, `photo: ${stored.status} ${JSON.stringify(stored.body)}`);
        await page.reload();
        await page.getByTestId('photo').waitFor();
        await page.waitForFunction(() => (document.querySelector('[data-testid="issue-with-face"]') as HTMLInputElement | null)?.disabled === false);
        await page.getByTestId('issue-with-face').check();
        await page.getByTestId('issue-card').click();

        const card = page.locator('[data-testid="card"][data-status="valid"]');
        await card.waitFor();
        first.cardNumber = (await card.getAttribute('data-card-number'))!;
        first.formatted = await text(page, 'card-number');
        assert.match(first.formatted, CARD_NUMBER);
        assert.equal(first.formatted.replaceAll('-', ''), first.cardNumber);
        assert.match(await text(page, 'cards-notice'), new RegExp(`^Card ${first.formatted} issued\\.`));
        assert.equal(await text(page, 'card-status'), 'Valid');
        assert.match(await text(page, 'card-issued'), /by registrar \(first card\)$/);
        assert.match((await card.textContent()) ?? '', /face in QR/);
        assert.equal(await page.getByTestId('issue-form').count(), 0, 'a person with a valid card gets a reissue, not a second card');

        // The QR code is shown at once; its text is the signed text the server keeps.
        await page.getByTestId('card-qr').waitFor();
        first.qrText = await page.getByTestId('card-qr-text').inputValue();
        const listed = await pageApi(page, server!.url, 'GET', `/api/registry/persons/${personId}/cards`);
        assert.equal(listed.body.cards[0].qrText, first.qrText);
        assert.equal(listed.body.cards[0].withFace, true);
        // What is on the screen scans back to the same text (a phone could read it off the screen).
        const shot = PNG.sync.read(await page.getByTestId('card-qr').screenshot());
        assert.equal(jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data, first.qrText);

        // Print: the PDF opens in a new tab, from a link that carries the session.
        const print = page.getByTestId('card-print');
        assert.equal(await print.getAttribute('target'), '_blank');
        const href = (await print.getAttribute('href'))!;
        assert.equal(href, `/api/cards/${first.cardNumber}/pdf`);
        const pdf = await page.evaluate(async (path) => {
          const response = await fetch(path);
          const bytes = new Uint8Array(await response.arrayBuffer());
          return { status: response.status, type: response.headers.get('content-type'), head: new TextDecoder().decode(bytes.slice(0, 5)), size: bytes.length };
        }, href);
        assert.deepEqual({ status: pdf.status, type: pdf.type, head: pdf.head }, { status: 200, type: 'application/pdf', head: '%PDF-' });
        assert.ok(pdf.size > 1000);

        // A second first card is refused, naming the card the person has.
        const again = await pageApi(page, server!.url, 'POST', `/api/registry/persons/${personId}/cards`, { withFace: false });
        assert.equal(again.status, 409);
        assert.equal(again.body.error.details.cardNumber, first.cardNumber);
        await screenshot(page, 'issued-desktop');

        // The console search finds the holder by the card number as read aloud (lower case, spaces).
        await page.goto(`${server!.url}/console/search`);
        await page.getByTestId('search-card').fill(first.formatted.toLowerCase().replaceAll('-', ' '));
        await page.getByTestId('search-submit').click();
        await page.getByTestId('search-results').waitFor();
        assert.match(await text(page, 'search-count'), /: 1$/);
        await page.goto(`${server!.url}/console/persons/${personId}`);
        await page.getByTestId('card').first().waitFor();

        await page.getByTestId('language-es').click();
        await page.waitForFunction(() => document.documentElement.lang === 'es');
        assert.equal(await page.locator('#cards-heading').textContent(), 'Tarjetas');
        assert.equal(await text(page, 'card-status'), 'Válida');
        assert.equal(await text(page, 'nav-verify'), 'Verificar tarjeta');
        await page.setViewportSize({ width: 390, height: 844 });
        await screenshot(page, 'issued-phone-es');
      } finally {
        await context.close();
      }
    });

    it('a phone without login downloads the lists, verifies the card offline, refuses forgeries, and refuses it once replaced and the lists refreshed', async () => {
      assert.ok(first.qrText, 'the first test issued a card');
      const phoneContext = await newPhone();
      const desk = await newDesktop();
      try {
        const phone = await phoneContext.newPage();
        await phone.goto(`${server!.url}/verify`);
        // Spanish, because the phone asks for it; the lists download on their own.
        assert.equal(await text(phone, 'verify-title'), 'Verificar una tarjeta');
        await listsRefreshed(phone, '');
        assert.equal(await phone.getByTestId('lists-status').getAttribute('data-source'), 'downloaded');
        assert.match(await text(phone, 'lists-time'), /^Listas del /);
        // Kept in the browser, with the anchor pinned: the one the installation publishes.
        const trustList = (await (await fetch(`${server!.url}/.well-known/amparo/trust-list.json`)).json()) as { anchor: { kid: string; x: string } };
        const kept = await phone.evaluate(() => ({
          lists: JSON.parse(localStorage.getItem('amparo.verifier.lists') ?? 'null'),
          anchor: JSON.parse(localStorage.getItem('amparo.verifier.anchor') ?? 'null'),
        }));
        assert.equal(kept.anchor.x, trustList.anchor.x);
        assert.equal(kept.lists.trustList.anchor.x, trustList.anchor.x);
        assert.match(kept.lists.statusList, /^[A-Za-z0-9+/]+=*$/);
        // The page is built for the phone: nothing wider than the screen, fingers-sized buttons.
        assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling at 360 px');
        for (const id of ['verify-submit', 'scan-start', 'lists-refresh']) {
          const box = (await phone.getByTestId(id).boundingBox())!;
          assert.ok(box.height >= 44, `${id} is ${box.height} px tall`);
        }

        // No network from here: the check happens in the browser, with the kept lists.
        await phoneContext.setOffline(true);
        let verdict = await verifyOn(phone, first.qrText);
        assert.deepEqual(verdict, { valid: 'true', reason: null });
        assert.match(await text(phone, 'verify-verdict'), /VÁLIDA$/);
        assert.equal(await text(phone, 'verify-name'), HOLDER_NAME);
        assert.equal(await text(phone, 'verify-card-number'), first.formatted);
        assert.match(await text(phone, 'verify-birth-date'), /1983/);
        assert.equal(await text(phone, 'verify-sex'), 'Femenino');
        const face = phone.getByTestId('verify-face');
        await face.waitFor();
        await phone.waitForFunction(() => ((document.querySelector('[data-testid="verify-face"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
        assert.match((await face.getAttribute('src')) ?? '', /^blob:/);
        await screenshot(phone, 'verify-valid-phone-es', false);

        // Refreshing offline keeps the lists and says so.
        const listsBefore = await downloadedAt(phone);
        await phone.getByTestId('lists-refresh').click();
        await phone.locator('[data-testid="lists-problem"][data-problem="offline"]').waitFor();
        assert.match(await text(phone, 'lists-problem'), /^Sin conexión\. Se siguen usando las listas del /);
        assert.equal(await downloadedAt(phone), listsBefore);

        await phone.getByTestId('language-en').click();
        await phone.waitForFunction(() => document.documentElement.lang === 'en');
        verdict = await verifyOn(phone, first.qrText);
        assert.equal(verdict.valid, 'true');
        assert.match(await text(phone, 'verify-verdict'), /VALID$/);

        // Not a card at all: refused, and nothing from it is shown.
        verdict = await verifyOn(phone, 'HELLO WORLD, THIS IS NO CARD');
        assert.deepEqual(verdict, { valid: 'false', reason: 'bad_format' });
        assert.match(await text(phone, 'verify-verdict'), /NOT VALID$/);
        assert.equal(await text(phone, 'verify-reason'), 'This is not the QR code of an amparo card, or it is damaged.');
        assert.equal(await phone.getByTestId('verify-holder').count(), 0);
        // A well-formed card whose signature was changed: a forgery.
        verdict = await verifyOn(phone, forgedSignature(first.qrText));
        assert.deepEqual(verdict, { valid: 'false', reason: 'bad_signature' });
        assert.equal(await text(phone, 'verify-reason'), 'The signature does not match: the card has been altered or forged.');
        assert.equal(await phone.getByTestId('verify-holder').count(), 0);
        await screenshot(phone, 'verify-forged-phone', false);
        // An empty text asks for one.
        await phone.getByTestId('verify-text').fill('');
        await phone.getByTestId('verify-submit').click();
        await phone.getByTestId('verify-text-problem').waitFor();

        // Back online, the phone refreshes the lists by itself.
        const offlineLists = await downloadedAt(phone);
        await phoneContext.setOffline(false);
        await listsRefreshed(phone, offlineLists);

        // The registrar replaces the card (lost): the old one is revoked in the same step.
        const registrar = await registrarPage(desk);
        await registrar.goto(`${server!.url}/console/persons/${personId}`);
        const old = registrar.locator(`[data-testid="card"][data-card-number="${first.cardNumber}"]`);
        await old.getByTestId('card-reissue').click();
        await registrar.getByTestId('reissue-submit').click();
        await registrar.getByTestId('reissue-reason-problem').waitFor(); // a reason first
        await registrar.getByTestId('reissue-reason').selectOption('lost');
        assert.equal(await registrar.getByTestId('reissue-with-face').isChecked(), true, 'as the card it replaces');
        await registrar.getByTestId('reissue-submit').click();
        await registrar.locator('[data-testid="cards-notice"][data-kind="reissued"]').waitFor();
        await registrar.locator(`[data-testid="card"][data-card-number="${first.cardNumber}"][data-status="revoked"]`).waitFor();
        assert.equal(await old.getByTestId('card-revocation-reason').getAttribute('data-reason'), 'lost');
        const replacement = registrar.locator('[data-testid="card"][data-status="valid"]');
        await replacement.waitFor();
        const second = { cardNumber: (await replacement.getAttribute('data-card-number'))!, qrText: await replacement.getByTestId('card-qr-text').inputValue() };
        assert.notEqual(second.cardNumber, first.cardNumber);
        assert.match(await replacement.getByTestId('card-issued').innerText(), new RegExp(`replaces ${first.formatted}: Lost`));
        assert.equal(await old.getByTestId('card-print').count(), 0, 'a revoked card cannot be printed');
        await screenshot(registrar, 'reissued-desktop');

        // Until the phone refreshes, its lists say nothing of it; after, the old card is refused as revoked.
        const listsThen = await downloadedAt(phone);
        await phone.getByTestId('lists-refresh').click();
        await listsRefreshed(phone, listsThen);
        assert.equal(await phone.getByTestId('lists-problem').count(), 0);
        verdict = await verifyOn(phone, first.qrText);
        assert.deepEqual(verdict, { valid: 'false', reason: 'revoked' });
        assert.equal(await text(phone, 'verify-reason'), 'The card has been revoked (lost, stolen, replaced or cancelled).');
        // Authentic but revoked: whose card it is, is shown.
        assert.equal(await text(phone, 'verify-name'), HOLDER_NAME);
        await screenshot(phone, 'verify-revoked-phone', false);
        verdict = await verifyOn(phone, second.qrText);
        assert.deepEqual(verdict, { valid: 'true', reason: null });

        // The registrar revokes the replacement (stolen), after confirming.
        await replacement.getByTestId('card-revoke').click();
        await registrar.getByTestId('revoke-reason').selectOption('stolen');
        await registrar.getByTestId('revoke-note').fill('Denuncia 2026-118 ante la policía municipal');
        await registrar.getByTestId('revoke-next').click();
        await registrar.getByTestId('revoke-confirm').waitFor();
        assert.match(await text(registrar, 'revoke-confirm'), /cannot be undone/);
        await registrar.getByTestId('revoke-confirm-yes').click();
        const revoked = registrar.locator(`[data-testid="card"][data-card-number="${second.cardNumber}"][data-status="revoked"]`);
        await revoked.waitFor();
        assert.equal(await revoked.getByTestId('card-revocation-reason').textContent(), 'Stolen');
        assert.match((await revoked.getByTestId('card-revoked').textContent()) ?? '', /Denuncia 2026-118/);
        // Nothing valid is left: a new first card may be issued again.
        await registrar.getByTestId('issue-form').waitFor();
        await screenshot(registrar, 'revoked-desktop');

        const listsAgain = await downloadedAt(phone);
        await phone.getByTestId('lists-refresh').click();
        await listsRefreshed(phone, listsAgain);
        verdict = await verifyOn(phone, second.qrText);
        assert.deepEqual(verdict, { valid: 'false', reason: 'revoked' });
      } finally {
        await phoneContext.close();
        await desk.close();
      }
    });

    it('lists signed by another trust anchor than the pinned one are refused until an official trusts the new anchor', async () => {
      const context = await newPhone(browser!, 'en-US');
      try {
        // This phone pinned some other anchor before.
        await context.addInitScript(() => {
          localStorage.setItem('amparo.verifier.anchor', JSON.stringify({ kid: 'b3RoZXJhbmNo', x: 'B'.repeat(43), pinnedAt: '2026-01-01T00:00:00.000Z' }));
        });
        const phone = await context.newPage();
        await phone.goto(`${server!.url}/verify`);
        await phone.getByTestId('anchor-changed').waitFor();
        const trustList = (await (await fetch(`${server!.url}/.well-known/amparo/trust-list.json`)).json()) as { anchor: { kid: string } };
        assert.match(await text(phone, 'anchor-changed'), new RegExp(`trusts anchor b3RoZXJhbmNo, but the lists offered now are signed by anchor ${trustList.anchor.kid}`));
        assert.equal(await phone.getByTestId('lists-status').getAttribute('data-source'), 'none');
        assert.equal(await phone.getByTestId('verify-submit').isDisabled(), true);
        await phone.getByTestId('verify-needs-lists').waitFor();
        await screenshot(phone, 'verify-anchor-changed-phone');

        await phone.locator('[data-testid="anchor-reset"] summary').click();
        await phone.getByTestId('anchor-key').fill('not-the-anchor');
        await phone.getByTestId('anchor-trust').click();
        await phone.getByTestId('anchor-key-problem').waitFor();
        assert.equal(await phone.getByTestId('lists-status').getAttribute('data-source'), 'none');

        await phone.getByTestId('anchor-key').fill(trustList.anchor.kid);
        await phone.getByTestId('anchor-trust').click();
        await phone.getByTestId('anchor-trusted').waitFor();
        assert.equal(await phone.getByTestId('lists-status').getAttribute('data-source'), 'downloaded');
        const pinned = await phone.evaluate(() => JSON.parse(localStorage.getItem('amparo.verifier.anchor') ?? 'null') as { kid: string });
        assert.equal(pinned.kid, trustList.anchor.kid);
        const verdict = await verifyOn(phone, first.qrText);
        assert.deepEqual(verdict, { valid: 'false', reason: 'revoked' });
      } finally {
        await context.close();
      }
    });

    it('the phone camera reads a card’s QR code and the card is verified', async () => {
      // A new valid card (the others were revoked), without a face: the smallest QR code.
      const desk = await newDesktop();
      let qrText: string;
      try {
        const registrar = await registrarPage(desk);
        const issued = await pageApi(registrar, server!.url, 'POST', `/api/registry/persons/${personId}/cards`, { withFace: false });
        assert.equal(issued.status, 201, JSON.stringify(issued.body));
        qrText = issued.body.qrText as string;
      } finally {
        await desk.close();
      }

      // Chromium's synthetic camera plays a video of the printed code.
      const work = mkdtempSync(join(tmpdir(), 'amparo-camera-'));
      const video = join(work, 'card.y4m');
      writeFileSync(video, y4mOfQrCode(qrText));
      const cameraBrowser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${video}`] });
      try {
        const context = await newPhone(cameraBrowser, 'en-US');
        await context.grantPermissions(['camera'], { origin: server!.url });
        const phone = await context.newPage();
        await phone.goto(`${server!.url}/verify`);
        await listsRefreshed(phone, '');
        await phone.getByTestId('scan-start').click();
        await phone.getByTestId('scanner').waitFor();
        const result = phone.getByTestId('verify-result');
        await result.waitFor({ timeout: 20_000 });
        assert.equal(await result.getAttribute('data-valid'), 'true');
        assert.equal(await text(phone, 'verify-name'), HOLDER_NAME);
        assert.equal(await phone.getByTestId('verify-text').inputValue(), qrText);
        // The camera is released once the code is read.
        assert.equal(await phone.getByTestId('scanner').count(), 0);
        await screenshot(phone, 'verify-scanned-phone', false);
        await context.close();
      } finally {
        await cameraBrowser.close();
        rmSync(work, { recursive: true, force: true });
      }
    });
  });
}

/** The card with the last byte of its signature flipped, packed again as a well-formed QR text. */
function forgedSignature(qrText: string): string {
  const signed = unzlibSync(base45Decode(qrText));
  const forged = signed.slice();
  forged[forged.length - 1]! ^= 0x01; // COSE_Sign1 ends with the 64-byte signature
  return base45Encode(zlibSync(forged));
}
