import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { currentTotp } from '../../src/auth/totp.ts';
import { formatCardNumber } from '../../src/credentials/codec/card-number.ts';
import { demoPointCode } from '../../src/distribution/points/demo-points.ts';
import { cardCacheKey, fromBase64url } from '../../src/distribution/protocol/terminal-protocol.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-officials.ts';
import { FAMILY_NAMES } from '../../src/registry/synthetic/names.ts';
import { CHROMIUM_ARGS as BASE_CHROMIUM_ARGS, SCREENSHOTS, WEB_INDEX, chromiumPath, skipWithoutChromium, text } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { y4mOfQrCode } from '../support/fake-camera.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { newTerminalKeys, signedFetch, type AgentSession, type TerminalSigner } from '../support/terminal-client.ts';

/**
 * The distribution terminal in a phone-sized Chromium against the real server in demo
 * mode (each database engine): an administrator registers two terminals of the demo
 * agent's food point; the agent enrols a phone, scans a demo card with the camera and
 * hands over a food box for cash; the phone loses the network, reloads /terminal from
 * its service worker, unlocks with the password and serves another card from its
 * encrypted cache; a second device serves the same card offline; back online, the
 * first device's queue empties into the server and the second device is told of the
 * conflict; revoked while it holds another offline hand-over, the second device sends
 * it (a conflict for a supervisor, never a redemption) and then wipes itself. Screenshots in $AMPARO_TEST_OUTPUT/browser/<engine>-terminal-*.png.
 *
 * The tests share one server and run in order.
 */
const PHONE = { width: 360, height: 740 };
const ADMIN_PASSWORD = 'Clave-Prueba-2026-x';
const POINT = demoPointCode('AN-01'); // the demo agent (scoped to AN-01) works there
const FOOD_BOX = 'food-box';
const CHROMIUM_ARGS = [...BASE_CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

interface DemoCard {
  cardNumber: string;
  qrText: string;
  subject: string;
  holder: { givenNames: string; familyNames: string; birthDate: string | undefined };
}

for (const engine of testEngines()) {
  describe(`the distribution terminal in Chromium (${engine})`, { skip: skipWithoutChromium }, () => {
    let server: ServerProcess | undefined;
    let browser: Browser | undefined;
    let work = '';
    const codes: string[] = [];
    const terminalIds: string[] = [];
    let admin: AgentSession;
    /** A terminal the test drives from Node to read what the server holds, as the agent. */
    let probe: TerminalSigner & { session: AgentSession };
    /** Four households of the point with a food box still to collect: served online, offline, twice offline, and without the card. */
    let cards: DemoCard[] = [];
    let foodCycleId = '';
    let first: { context: BrowserContext; page: Page } | undefined;
    let second: { context: BrowserContext; page: Page } | undefined;

    async function signInOverHttp(username: string, password: string): Promise<AgentSession> {
      const post = async (path: string, body: unknown, session?: AgentSession) => {
        const response = await fetch(`${server!.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) },
          body: JSON.stringify(body),
        });
        const cookie = response.headers.getSetCookie().find((c) => c.startsWith('amparo_session='))?.split(';')[0];
        const answer = (await response.json()) as { next: string; csrfToken: string; secret?: string };
        assert.equal(response.status, 200, `${path}: ${JSON.stringify(answer)}`);
        return { answer, session: { cookie: cookie ?? session?.cookie ?? '', csrf: answer.csrfToken } };
      };
      let { answer, session } = await post('/api/auth/login', { username, password });
      if (answer.next === 'enrol_second_factor') ({ answer, session } = await post('/api/auth/second-factor', { code: currentTotp(answer.secret!) }, session));
      assert.equal(answer.next, 'done');
      return session;
    }

    async function api(session: AgentSession, method: 'GET' | 'POST', path: string, body?: unknown) {
      const response = await fetch(`${server!.url}${path}`, {
        method,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
    }

    async function asProbe(method: 'GET' | 'POST', url: string) {
      const response = await signedFetch(server!.url, { method, url, terminal: probe, session: probe.session });
      return { status: response.status, body: (await response.json()) as any };
    }

    before(async () => {
      assert.ok(existsSync(WEB_INDEX), 'web/dist is not built: run `npm run build:web` (`npm test` does it)');
      server = await startServerProcess({ engine, env: { AMPARO_ADMIN_PASSWORD: ADMIN_PASSWORD, AMPARO_LOGIN_RATE_PER_MINUTE: '200' } });

      // The administrator registers the two phones, and one more terminal the test reads the server through.
      admin = await signInOverHttp('admin', ADMIN_PASSWORD);
      for (const label of ['Teléfono 1', 'Teléfono 2', 'Sonda de la prueba']) {
        const registered = await api(admin, 'POST', `/api/distribution/points/${POINT}/terminals`, { label });
        assert.equal(registered.status, 201, JSON.stringify(registered.body));
        codes.push(registered.body.enrolmentCode);
        terminalIds.push(registered.body.terminal.id);
      }
      const agent = await signInOverHttp('agent', DEMO_PASSWORD);
      const keys = newTerminalKeys();
      const enrolled = await api(agent, 'POST', '/api/terminal/enrol', { enrolmentCode: codes[2], publicKey: keys.publicKeyText });
      assert.equal(enrolled.status, 200, JSON.stringify(enrolled.body));
      probe = { terminalId: enrolled.body.terminalId, privateKey: keys.privateKey, session: agent };

      // Demo households of the point with this month's food box still to collect, found by their cards' keys in the package.
      const pkg = await asProbe('GET', '/api/terminal/package');
      assert.equal(pkg.status, 200, JSON.stringify(pkg.body));
      foodCycleId = pkg.body.cycles.find((c: { program: { code: string } }) => c.program.code === FOOD_BOX)?.cycleId;
      assert.ok(foodCycleId, `the package has no ${FOOD_BOX} cycle: ${JSON.stringify(pkg.body.cycles)}`);
      const byKey = new Map<string, { subject: string; remaining: string; quantity: string }>();
      for (const e of pkg.body.entitlements) if (e.cycleId === foodCycleId) for (const key of e.cardKeys) byKey.set(key, e);
      const hashKey = fromBase64url(pkg.body.hashKey);
      const registrar = await signInOverHttp('registrar', DEMO_PASSWORD);
      const subjects = new Set<string>();
      const familyNames = [...FAMILY_NAMES].sort((a, b) => b[1] - a[1]).map(([name]) => name);
      for (const name of familyNames) {
        if (cards.length === 4) break;
        const found = await api(registrar, 'GET', `/api/registry/search?name=${encodeURIComponent(name)}&regionCode=AN-01&limit=100`);
        assert.equal(found.status, 200, JSON.stringify(found.body));
        for (const person of found.body.results as { personId: string; givenNames: string; familyNames: string; birthDate: { value: string; precision: string } | null }[]) {
          if (cards.length === 4) break;
          const held = await api(registrar, 'GET', `/api/registry/persons/${person.personId}/cards`);
          const card = (held.body.cards as { cardNumber: string; status: string; qrText: string }[]).find((c) => c.status === 'valid');
          if (!card) continue;
          const entitlement = byKey.get(await cardCacheKey(hashKey, card.cardNumber));
          if (!entitlement || entitlement.remaining !== entitlement.quantity || subjects.has(entitlement.subject)) continue;
          subjects.add(entitlement.subject);
          const birthDate = person.birthDate?.precision === 'day' ? person.birthDate.value : undefined;
          cards.push({ cardNumber: card.cardNumber, qrText: card.qrText, subject: entitlement.subject, holder: { givenNames: person.givenNames, familyNames: person.familyNames, birthDate } });
        }
      }
      assert.equal(cards.length, 4, `four households of ${POINT} with a food box due`);

      // Chromium's synthetic camera shows the first card's QR code.
      work = mkdtempSync(join(tmpdir(), 'amparo-terminal-'));
      const video = join(work, 'card.y4m');
      writeFileSync(video, y4mOfQrCode(cards[0]!.qrText));
      browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${video}`] });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    async function screenshot(page: Page, name: string) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${engine}-terminal-${name}.png`), fullPage: true });
    }

    async function newPhone(locale = 'en-US') {
      const context = await browser!.newContext({ locale, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await context.grantPermissions(['camera'], { origin: server!.url });
      return { context, page: await context.newPage() };
    }

    /** Signs the agent in on the terminal page and waits for the serving screen. */
    async function signInOnTerminal(page: Page) {
      await page.getByTestId('terminal-sign-in').waitFor();
      await page.getByTestId('login-username').fill('agent');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
    }

    /** Waits until the sync that runs at start (and after each event) has finished with the package kept. */
    async function settled(page: Page) {
      await page.waitForFunction(() => {
        const panel = document.querySelector('[data-testid="sync-panel"]');
        return panel?.getAttribute('data-syncing') === 'false' && !/never|nunca|aún/.test(document.querySelector('[data-testid="last-sync"]')?.textContent ?? 'never');
      });
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="package-status"]')?.textContent ?? ''));
    }

    /** Types a card number, picks the food box and hands it over for cash; answers the receipt element. */
    async function handOverFoodBox(page: Page, cardNumber: string) {
      await page.getByTestId('card-input').fill(formatCardNumber(cardNumber).toLowerCase());
      await page.getByTestId('card-submit').click();
      return handOverChosen(page);
    }

    async function handOverChosen(page: Page) {
      const item = page.locator(`[data-testid="due-item"][data-program="${FOOD_BOX}"]`);
      await item.getByTestId('due-choose').click();
      await page.getByTestId('hand-over-form').waitFor();
      assert.equal(await page.getByTestId('pay-cash').isChecked(), true);
      await page.getByTestId('hand-over-confirm').click();
      const receipt = page.getByTestId('receipt');
      await receipt.waitFor();
      return receipt;
    }

    it('an agent enrols a phone, scans a demo card with the camera and hands over a food box for the subsidised price in cash', async () => {
      first = await newPhone();
      const { page } = first;
      await page.goto(`${server!.url}/terminal`);
      await page.getByTestId('terminal-not-enrolled').waitFor();
      await screenshot(page, 'not-enrolled');
      await signInOnTerminal(page);
      await page.getByTestId('terminal-enrol').waitFor();
      await page.getByTestId('enrolment-code').fill(codes[0]!);
      await page.getByTestId('enrol-submit').click();
      await page.locator('[data-testid="terminal"][data-phase="ready"]').waitFor();
      await settled(page);
      assert.match(await text(page, 'terminal-point'), new RegExp(`\\(${POINT}\\)`));
      assert.match(await text(page, 'terminal-agent'), /Alba Torres/);
      assert.equal(await text(page, 'terminal-network'), 'Online');
      assert.equal(await text(page, 'queue-length'), '0 hand-overs waiting to be sent');

      // The device keeps a key of its own that not even the page can export, and its cache only sealed.
      // (No named functions inside: tsx would wrap them in a helper the page does not have.)
      const stored = await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('amparo-terminal');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const [identity, pkg] = await Promise.all(
          ['identity', 'package'].map(
            (key) =>
              new Promise<any>((resolve) => {
                const r = db.transaction('device').objectStore('device').get(key);
                r.onsuccess = () => resolve(r.result);
              }),
          ),
        );
        const exported = await crypto.subtle.exportKey('pkcs8', identity.privateKey).then(
          () => 'exported',
          (e: Error) => e.name,
        );
        return { extractable: identity.privateKey.extractable, exported, sealed: Object.keys(pkg).sort() };
      });
      assert.deepEqual({ extractable: stored.extractable, exported: stored.exported, sealed: stored.sealed }, { extractable: false, exported: 'InvalidAccessError', sealed: ['data', 'iv'] });

      // The card lists are downloaded; the camera reads the card; it is checked here, offline-capable.
      await page.waitForFunction(() => !(document.querySelector('[data-testid="scan-start"]') as HTMLButtonElement | null)?.disabled);
      await page.getByTestId('scan-start').click();
      const verdict = page.getByTestId('verify-result');
      await verdict.waitFor({ timeout: 20_000 });
      assert.equal(await verdict.getAttribute('data-valid'), 'true');
      assert.equal((await text(page, 'verify-card-number')).replaceAll('-', ''), cards[0]!.cardNumber);
      const due = page.getByTestId('due-list');
      await due.waitFor();
      assert.equal(await due.getAttribute('data-source'), 'server');
      const item = page.locator(`[data-testid="due-item"][data-program="${FOOD_BOX}"]`);
      assert.match((await item.textContent()) ?? '', /1 of 1 .* left/);
      await screenshot(page, 'due');
      await item.getByTestId('due-choose').click();
      assert.equal(await text(page, 'hand-over-amount'), 'To collect: 25,000.00 XAM');
      await page.getByTestId('hand-over-confirm').click();
      const receipt = page.getByTestId('receipt');
      await receipt.waitFor();
      assert.equal(await receipt.getAttribute('data-queued'), 'false');
      assert.equal(await receipt.getAttribute('data-offline'), 'false');
      assert.match(await text(page, 'receipt-number'), /^\d+$/);
      assert.equal(await text(page, 'receipt-amount'), '25,000.00 XAM');
      assert.equal(await text(page, 'receipt-payment'), 'Cash');
      assert.match(await text(page, 'receipt-where'), new RegExp(`\\(${POINT}\\) · Teléfono 1$`));
      await screenshot(page, 'receipt');
      // On paper, the receipt alone.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.getByTestId('receipt').isVisible(), true);
      for (const id of ['terminal-status', 'sync-panel', 'next-person', 'receipt-print']) assert.equal(await page.getByTestId(id).isVisible(), false, `${id} is not printed`);
      await page.emulateMedia({ media: 'screen' });

      // The same card again: already collected, with when and where.
      await page.getByTestId('next-person').click();
      await handOverAgainRefused(page, cards[0]!.cardNumber, /Already collected on .* at .* \(Teléfono 1\)\./);
    });

    async function handOverAgainRefused(page: Page, cardNumber: string, expected: RegExp) {
      await page.getByTestId('card-input').fill(cardNumber);
      await page.getByTestId('card-submit').click();
      const item = page.locator(`[data-testid="due-item"][data-program="${FOOD_BOX}"]`);
      await item.waitFor();
      assert.equal(await item.getByTestId('due-choose').count(), 0);
      assert.match(await text(page, 'due-collected'), expected);
      await page.getByTestId('next-person').click();
    }

    it('a second device of the point is enrolled and keeps the package', async () => {
      second = await newPhone('es-VE');
      const { page } = second;
      await page.goto(`${server!.url}/terminal`);
      await signInOnTerminal(page);
      await page.getByTestId('enrolment-code').fill(codes[1]!);
      await page.getByTestId('enrol-submit').click();
      await page.locator('[data-testid="terminal"][data-phase="ready"]').waitFor();
      await settled(page);
      assert.equal(await text(page, 'terminal-network'), 'En línea');
      await screenshot(page, 'second-device-es');
      // A tablet held upright: the same single column, wider.
      await page.setViewportSize({ width: 800, height: 1280 });
      await screenshot(page, 'second-device-tablet-es');
      await page.setViewportSize(PHONE);
    });

    it('offline, the phone reloads /terminal from its service worker, unlocks with the password and serves a card from its encrypted cache', async () => {
      const { context, page } = first!;
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await context.setOffline(true);
      const reloaded = await page.reload();
      assert.equal(reloaded?.fromServiceWorker(), true);
      await signInOnTerminal(page);
      await page.locator('[data-testid="terminal"][data-phase="ready"]').waitFor();
      assert.equal(await text(page, 'terminal-network'), 'Offline — working from this device\'s data');
      await page.getByTestId('sync-needs-sign-in').waitFor();

      const receipt = await handOverFoodBox(page, cards[1]!.cardNumber);
      assert.equal(await page.getByTestId('due-list').count(), 0);
      assert.equal(await receipt.getAttribute('data-queued'), 'true');
      assert.equal(await receipt.getAttribute('data-offline'), 'true');
      assert.equal(await page.getByTestId('receipt-number').count(), 0);
      assert.match(await text(page, 'receipt-queued'), /it will be sent when the network returns/);
      assert.equal(await text(page, 'queue-length'), '1 hand-over waiting to be sent');
      await screenshot(page, 'offline-receipt');
      await page.getByTestId('next-person').click();
      // This device never hands the same box out twice.
      await handOverAgainRefused(page, cards[1]!.cardNumber, /^Already collected on this device\.$/);

      // A wrong password opens nothing offline.
      await page.getByTestId('terminal-sign-out').click();
      await page.getByTestId('login-username').fill('agent');
      await page.getByTestId('login-password').fill('not-the-password');
      await page.getByTestId('login-submit').click();
      assert.equal(await page.getByTestId('terminal-sign-in-problem').getAttribute('data-problem'), 'offlineUnlock');
      await signInOnTerminal(page);
      await page.locator('[data-testid="terminal"][data-phase="ready"]').waitFor();
      await page.locator('[data-testid="queue-length"][data-loaded="true"]').waitFor();
      assert.equal(await text(page, 'queue-length'), '1 hand-over waiting to be sent');

      // The second device, offline too, hands the same household's box out from its own cache.
      await second!.context.setOffline(true);
      await second!.page.getByTestId('terminal-network').filter({ hasText: 'Sin red' }).waitFor();
      const other = await handOverFoodBox(second!.page, cards[1]!.cardNumber);
      assert.equal(await other.getAttribute('data-queued'), 'true');
      await second!.page.getByTestId('next-person').click();
    });

    it('back online, the phone signs in again and syncs: its queue empties and the hand-over is on the server', async () => {
      const { context, page } = first!;
      await context.setOffline(false);
      await page.getByTestId('sign-in-again').click();
      await signInOnTerminal(page);
      await page.locator('[data-testid="terminal"][data-phase="ready"]').waitFor();
      await page.locator('[data-testid="sync-panel"][data-queue="0"][data-syncing="false"]').waitFor();
      assert.equal(await text(page, 'terminal-network'), 'Online');
      assert.equal(await page.getByTestId('conflicts').count(), 0);
      await screenshot(page, 'synced');

      const due = await asProbe('GET', `/api/terminal/due?card=${cards[1]!.cardNumber}`);
      const box = due.body.due.find((d: { cycleId: string }) => d.cycleId === foodCycleId);
      assert.match(box.remaining, /^0(\.0+)?$/, JSON.stringify(box));
      assert.equal(box.pickups.length, 1);
      assert.equal(box.pickups[0].terminalLabel, 'Teléfono 1');
      // And the phone, online again, sees it as the server does.
      await handOverAgainRefused(page, cards[1]!.cardNumber, /Already collected on .* \(Teléfono 1\)\./);
    });

    it('the second device syncs and is told its hand-over was a second one, for a supervisor', async () => {
      const { context, page } = second!;
      await context.setOffline(false);
      await page.locator('[data-testid="sync-panel"][data-queue="0"][data-syncing="false"]').waitFor();
      const conflict = page.getByTestId('conflict');
      await conflict.waitFor();
      assert.match(await text(page, 'conflicts'), /Entregado dos veces — un supervisor lo revisará/);
      assert.match((await conflict.textContent()) ?? '', /ya retirado en otro lugar/);
      await screenshot(page, 'conflict-es');

      // The third household, not served yet, is still due on the server: nothing was lost or doubled.
      const due = await asProbe('GET', `/api/terminal/due?card=${cards[2]!.cardNumber}`);
      const box = due.body.due.find((d: { cycleId: string }) => d.cycleId === foodCycleId);
      assert.equal(box.pickups.length, 0);
    });

    it("once a supervisor has refunded the double's price, the point's reconciliation for the cycle balances to the cent", async () => {
      const auditor = await signInOverHttp('auditor', DEMO_PASSWORD);
      const reconciliation = () => api(auditor, 'GET', `/api/distribution/points/${POINT}/reconciliation?cycle=${foodCycleId}`);
      const before = await reconciliation();
      assert.equal(before.status, 200, JSON.stringify(before.body));
      assert.equal(before.body.balanced, false);
      assert.deepEqual(before.body.discrepancies.map((d: { kind: string }) => d.kind), ['open_conflict']);

      const manager = await signInOverHttp('manager', DEMO_PASSWORD);
      const open = await api(manager, 'GET', `/api/distribution/conflicts?point=${POINT}&status=open`);
      assert.equal(open.body.length, 1, JSON.stringify(open.body));
      const conflict = open.body[0];
      const resolved = await api(manager, 'POST', `/api/distribution/conflicts/${conflict.id}/resolve`, { decision: 'refunded', note: 'Segunda caja devuelta; se reintegra el precio.' });
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));

      const after = await reconciliation();
      assert.equal(after.body.balanced, true, JSON.stringify(after.body.discrepancies));
      // Two boxes handed over, online and offline, at 25,000.00 each in cash; the double's price refunded.
      assert.equal(after.body.redeemed.entitlements, 2);
      assert.deepEqual(after.body.expected.cash, { count: 2, amount: '50000.00' });
      assert.equal(after.body.ledger.cash, '50000.00');
      assert.equal(after.body.ledger.reversals, 1);
    });

    it("an agent signing in at the console lands in the terminal, and serves a person who lost the card after a search with a written reason", async () => {
      const { page } = first!;
      await page.getByTestId('terminal-sign-out').click();
      await page.getByTestId('terminal-sign-in').waitFor();
      await page.goto(`${server!.url}/console/login`);
      await page.getByTestId('login-title').waitFor();
      await page.getByTestId('login-username').fill('agent');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${server!.url}/terminal`);
      // Signed in already: the password only opens this device's data (the username is filled in).
      await page.getByTestId('terminal-sign-in').waitFor();
      assert.equal(await page.getByTestId('login-username').inputValue(), 'agent');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.locator('[data-testid="terminal"][data-phase="ready"]').waitFor();
      assert.equal(await text(page, 'terminal-network'), 'Online');

      const holder = cards[3]!.holder;
      await page.getByTestId('lost-card').click();
      await page.getByTestId('lost-givenNames').fill(holder.givenNames);
      await page.getByTestId('lost-familyNames').fill(holder.familyNames);
      if (holder.birthDate) await page.getByTestId('lost-birthDate').fill(holder.birthDate);
      assert.equal(await page.getByTestId('lost-submit').isDisabled(), true, 'no search without a reason');
      await page.getByTestId('lost-reason').fill('Perdió la tarjeta en la inundación; presenta su cédula');
      await page.getByTestId('lost-submit').click();
      await page.getByTestId('lost-matches').waitFor();
      await screenshot(page, 'lost-card-matches');
      const match = page.locator('[data-testid="lost-matches"] li', { hasText: holder.familyNames }).first();
      await match.getByTestId('lost-choose').click();
      await page.getByTestId('person-identified').waitFor();
      const receipt = await handOverChosen(page);
      assert.equal(await receipt.getAttribute('data-queued'), 'false');
      assert.match(await text(page, 'receipt-number'), /^\d+$/);
      await page.getByTestId('next-person').click();
      const due = await asProbe('GET', `/api/terminal/due?card=${cards[3]!.cardNumber}`);
      assert.equal(due.body.due.find((d: { cycleId: string }) => d.cycleId === foodCycleId).pickups.length, 1);
    });

    it('a revoked device first sends the hand-over it kept offline (a conflict for a supervisor, never a redemption), then deletes everything and says so', async () => {
      const { context, page } = second!;
      // Offline, the second device hands out the third household's box; meanwhile it is revoked.
      await context.setOffline(true);
      await page.getByTestId('terminal-network').filter({ hasText: 'Sin red' }).waitFor();
      const kept = await handOverFoodBox(page, cards[2]!.cardNumber);
      assert.equal(await kept.getAttribute('data-queued'), 'true');
      const redemptionId = await kept.getAttribute('data-redemption-id');
      await page.getByTestId('next-person').click();
      const revoked = await api(admin, 'POST', `/api/distribution/terminals/${terminalIds[1]}/revoke`, { reason: 'teléfono extraviado' });
      assert.ok(revoked.status < 300, JSON.stringify(revoked.body));

      // Back online: the device learns of the revocation, sends its queue through the sync, and only then wipes itself.
      await context.setOffline(false);
      await page.locator('[data-testid="terminal-revoked"][data-sent="1"]').waitFor();
      assert.match(await text(page, 'terminal-revoked'), /un supervisor la revisará/);
      const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
      assert.ok(!databases.includes('amparo-terminal'), `still kept: ${databases.join(', ')}`);
      await screenshot(page, 'revoked-es');

      // On the server: the box is still due (a revoked device's key never makes a redemption count) and the pickup waits for a supervisor.
      const due = await asProbe('GET', `/api/terminal/due?card=${cards[2]!.cardNumber}`);
      assert.equal(due.body.due.find((d: { cycleId: string }) => d.cycleId === foodCycleId).pickups.length, 0);
      const auditor = await signInOverHttp('auditor', DEMO_PASSWORD);
      const conflicts = await api(auditor, 'GET', `/api/distribution/conflicts?status=open&point=${POINT}`);
      assert.equal(conflicts.status, 200, JSON.stringify(conflicts.body));
      const mine = (conflicts.body as { id: string; reason: string; subject?: string }[]).filter((c) => c.reason === 'terminal_revoked');
      assert.equal(mine.length, 1, JSON.stringify(conflicts.body));
      assert.equal(mine[0]!.id, redemptionId);
      await second!.context.close();
    });

    it('a revoked device that cannot send its hand-over yet keeps it, sealed, asks for a sign-in, and wipes itself once it is sent', async () => {
      const { context, page } = first!;
      await context.setOffline(true);
      await page.getByTestId('terminal-network').filter({ hasText: 'Offline' }).waitFor();
      const kept = await handOverFoodBox(page, cards[2]!.cardNumber);
      assert.equal(await kept.getAttribute('data-queued'), 'true');
      const redemptionId = await kept.getAttribute('data-redemption-id');
      await page.getByTestId('next-person').click();
      const revoked = await api(admin, 'POST', `/api/distribution/terminals/${terminalIds[0]}/revoke`, { reason: 'teléfono dado de baja' });
      assert.ok(revoked.status < 300, JSON.stringify(revoked.body));

      // The network returns, but the sync does not get through: the record stays, and the device says why it waits.
      await page.route('**/api/terminal/sync', (route) => route.abort('internetdisconnected'));
      await context.setOffline(false);
      await page.locator('[data-testid="terminal-revoked-pending"][data-waiting="1"]').waitFor();
      assert.match(await text(page, 'terminal-revoked-pending'), /sign in once so that its 1 pending record reaches a supervisor/);
      await screenshot(page, 'revoked-pending');
      // It survives a reload: the device remembers it was revoked, and serves no one.
      await page.reload();
      await page.locator('[data-testid="terminal-revoked-pending"][data-waiting="1"]').waitFor();
      const stillKept = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
      assert.ok(stillKept.includes('amparo-terminal'), 'the sealed record is still on the device');

      await page.unroute('**/api/terminal/sync');
      await signInOnTerminal(page);
      await page.locator('[data-testid="terminal-revoked"][data-sent="1"]').waitFor();
      const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
      assert.ok(!databases.includes('amparo-terminal'), `still kept: ${databases.join(', ')}`);
      const auditor = await signInOverHttp('auditor', DEMO_PASSWORD);
      const conflicts = await api(auditor, 'GET', `/api/distribution/conflicts?status=open&point=${POINT}`);
      const revokedOnes = (conflicts.body as { id: string; reason: string }[]).filter((c) => c.reason === 'terminal_revoked').map((c) => c.id);
      assert.ok(revokedOnes.includes(redemptionId!), JSON.stringify(conflicts.body));
      const due = await asProbe('GET', `/api/terminal/due?card=${cards[2]!.cardNumber}`);
      assert.equal(due.body.due.find((d: { cycleId: string }) => d.cycleId === foodCycleId).pickups.length, 0, 'never a redemption');
      await context.close();
    });
  });
}
