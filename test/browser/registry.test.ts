import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { currentTotp } from '../../src/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-officials.ts';
import { CHROMIUM_ARGS as BASE_CHROMIUM_ARGS, SCREENSHOTS, WEB_INDEX, chromiumPath, navItems, signIn, skipWithoutChromium, text } from '../support/browser.ts';
import { testEngines } from '../support/databases.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/**
 * Large tests of the registry screens (issue 3): the real server in demo mode (a child
 * process, each database engine) and the built web app in Debian's Chromium. Each test
 * leaves full-page screenshots in $AMPARO_TEST_OUTPUT/browser/<engine>-registry-*.png.
 *
 * The tests share one server per engine and run in order; each one plants what it
 * needs through the API as the official it acts as, with names nobody else uses.
 */
const ADMIN_PASSWORD = 'Clave-Prueba-2026-x';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// A synthetic camera, allowed without asking: the photo capture runs as on a real unit.
const CHROMIUM_ARGS = [...BASE_CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

const skip = skipWithoutChromium;

/** An attribute the administrator proposes and the auditor publishes; later tests collect it. */
const WATER_DAYS = { key: 'water_supply_days', es: 'Días por semana con agua corriente', en: 'Days a week with running water' };

for (const engine of testEngines()) {
  describe(`registry screens in Chromium (${engine})`, { skip }, () => {
    let server: ServerProcess | undefined;
    let browser: Browser | undefined;

    before(async () => {
      assert.ok(existsSync(WEB_INDEX), 'web/dist is not built: run `npm run build:web` (`npm test` does it)');
      // Many sign-ins from one address within a minute: more than the default login limit allows.
      server = await startServerProcess({ engine, env: { AMPARO_ADMIN_PASSWORD: ADMIN_PASSWORD, AMPARO_LOGIN_RATE_PER_MINUTE: '200' } });
      browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: CHROMIUM_ARGS });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    /** Runs `body` on a fresh page (own cookies and storage) and always leaves a screenshot. */
    async function withPage(name: string, locale: string, body: (page: Page) => Promise<void>) {
      const context = await browser!.newContext({ locale, viewport: DESKTOP, acceptDownloads: true });
      await context.grantPermissions(['camera'], { origin: server!.url });
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
      await page.screenshot({ path: join(SCREENSHOTS, `${engine}-registry-${name}.png`), fullPage: true });
    }

    /** The same screen at phone width, then back to the desktop. */
    async function phoneShot(page: Page, name: string) {
      await page.setViewportSize(PHONE);
      await screenshot(page, name);
      await page.setViewportSize(DESKTOP);
    }

    async function signInAt(page: Page, path: string, username: string, password = DEMO_PASSWORD) {
      await page.goto(`${server!.url}${path}`);
      await page.getByTestId('login-title').waitFor();
      await signIn(page, username, password);
    }

    /** The JSON API as the official signed in on the page (their cookie, their CSRF token). */
    async function api(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
      const me = await page.request.get(`${server!.url}/api/auth/me`);
      assert.equal(me.status(), 200, 'signed in before planting data');
      const { csrfToken } = (await me.json()) as { csrfToken: string };
      const response = await page.request.fetch(`${server!.url}${path}`, {
        method,
        headers: { 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { data: JSON.stringify(body) }),
      });
      return { status: response.status(), body: await response.json().catch(() => undefined) };
    }

    /** A one-member household, straight through the API; returns the person's id. */
    async function plantPerson(page: Page, regionCode: string, member: Record<string, unknown>): Promise<string> {
      const planted = await api(page, 'POST', '/api/registry/households', {
        regionCode,
        address: { street: 'Calle del Registro', number: '1' },
        members: [{ relationship: 'head', sex: null, evidence: [{ kind: 'sworn_declaration', note: 'planted by the test' }], ...member }],
      });
      assert.equal(planted.status, 201, `planting ${JSON.stringify(member)}: ${JSON.stringify(planted.body)}`);
      return planted.body.personIds[0] as string;
    }

    /**
     * A household straight through the API; anyone the server finds alike (the demo
     * holds a synthetic population) is answered "different person". Returns its ids.
     */
    async function plantHousehold(page: Page, regionCode: string, members: Record<string, unknown>[]): Promise<{ householdId: string; personIds: string[] }> {
      const body = { regionCode, address: { street: 'Calle del Registro', number: '12' }, members };
      let planted = await api(page, 'POST', '/api/registry/households', body);
      if (planted.status === 409 && planted.body?.error?.code === 'DUPLICATE_SUSPECTED') {
        const dedupDecisions = (planted.body.error.details.members as { member: number; candidates: { personId: string }[] }[]).flatMap((m) =>
          m.candidates.map((c) => ({ member: m.member, candidateId: c.personId, decision: 'different' })),
        );
        planted = await api(page, 'POST', '/api/registry/households', { ...body, dedupDecisions });
      }
      assert.equal(planted.status, 201, `planting a household: ${JSON.stringify(planted.body)}`);
      return planted.body;
    }

    it('anyone opens the published attribute catalogue from the login page, without signing in', async () => {
      await withPage('public-catalogue', 'en-US', async (page) => {
        await page.goto(`${server!.url}/console/login`);
        await page.getByTestId('catalogue-link').click();
        await page.waitForURL(/\/catalogue$/);
        await page.getByTestId('catalogue-title').waitFor();
        assert.equal(await text(page, 'catalogue-title'), 'Attribute catalogue');
        assert.equal(await page.title(), 'Attribute catalogue · amparo');
        // What it never holds is part of what is published.
        const never = await page.getByTestId('prohibited-categories').locator('li').allTextContents();
        assert.equal(never.length, 9);
        assert.ok(never.includes('Religion or belief'));
        // The list itself, or the plain statement that it is empty: not an error, not a login.
        await page.locator('[data-testid="catalogue-entries"], [data-testid="catalogue-empty"]').first().waitFor();
        assert.equal(await page.getByTestId('catalogue-error').count(), 0);
        assert.equal(await text(page, 'public-console-link'), 'Officials: sign in');

        await page.getByTestId('language-es').click();
        await page.waitForFunction(() => document.documentElement.lang === 'es');
        assert.equal(await text(page, 'catalogue-title'), 'Catálogo de atributos');
        await phoneShot(page, 'public-catalogue-phone-es');
      });
    });

    it('an administrator’s prohibited attribute is refused in the console; an auditor approves an allowed one and it is published', async () => {
      await withPage('admin-catalogue-refused', 'en-US', async (page) => {
        await signInAt(page, '/console/login', 'admin', ADMIN_PASSWORD);
        await finishSecondFactor(page);
        await page.getByTestId('home-title').waitFor();
        assert.deepEqual(await navItems(page), ['Home', 'Checkpoints', 'Catalogue proposals', 'Reconciliation', 'Distribution points']);
        await page.getByTestId('nav-catalogueProposals').click();
        await page.getByTestId('proposal-form').waitFor();

        // Religion, in Spanish, in the label: refused by the server, explained in the console.
        await page.getByTestId('proposal-key').fill('household_faith');
        await page.getByTestId('proposal-label-es').fill('Religión que profesa el hogar');
        await page.getByTestId('proposal-label-en').fill('Faith of the household');
        await page.getByTestId('proposal-type').selectOption('enum');
        await page.getByTestId('proposal-values').fill('catholic\nevangelical\nnone');
        await page.getByTestId('proposal-purpose-food').check();
        await page.getByTestId('proposal-legal-basis').fill('Ley Orgánica de Protección Social, artículo 12');
        await page.getByTestId('proposal-submit').click();
        const refusal = page.getByTestId('proposal-error');
        await refusal.waitFor();
        assert.equal(await refusal.getAttribute('data-code'), 'RULE_VIOLATION');
        assert.match(await text(page, 'proposal-error-explanation'), /^Refused: .+ “[^”]+” is about religion or belief\./i);
        assert.match(await text(page, 'proposal-error-detail'), /religion/i);
        await screenshot(page, 'admin-catalogue-refused-desktop');

        await page.getByTestId('language-es').click();
        await page.waitForFunction(() => document.documentElement.lang === 'es');
        assert.match(await text(page, 'proposal-error-explanation'), /^Rechazado: .+ «[^»]+» trata de religión o creencias\./i);
        await phoneShot(page, 'admin-catalogue-refused-phone-es');
        await page.getByTestId('language-en').click();

        // An allowed attribute goes through and waits for an auditor.
        await page.getByTestId('proposal-key').fill(WATER_DAYS.key);
        await page.getByTestId('proposal-label-es').fill(WATER_DAYS.es);
        await page.getByTestId('proposal-label-en').fill(WATER_DAYS.en);
        await page.getByTestId('proposal-type').selectOption('integer');
        await page.getByTestId('proposal-submit').click();
        await page.getByTestId('proposal-sent').waitFor();
        await page.locator(`[data-testid="proposal"][data-key="${WATER_DAYS.key}"][data-status="pending"]`).waitFor();
        assert.equal(await page.getByTestId('proposal-approve').count(), 0, 'an administrator cannot decide');
      });

      await withPage('auditor-catalogue-approve', 'en-US', async (page) => {
        await signInAt(page, '/console/catalogue-proposals', 'auditor');
        const proposal = page.locator(`[data-testid="proposal"][data-key="${WATER_DAYS.key}"]`);
        await proposal.waitFor();
        await proposal.getByTestId('proposal-approve').click();
        await page.locator(`[data-testid="proposal"][data-key="${WATER_DAYS.key}"][data-status="approved"]`).waitFor();
        assert.equal(await proposal.getByTestId('proposal-status').textContent(), 'Approved');

        // Published at once on the public page.
        await page.getByTestId('public-catalogue-link').click();
        const entry = page.locator(`[data-testid="catalogue-entry"][data-key="${WATER_DAYS.key}"]`);
        await entry.waitFor();
        assert.equal(await entry.getByTestId('entry-label').textContent(), WATER_DAYS.en);
        assert.equal(await entry.getByTestId('entry-type').textContent(), 'Whole number');
        assert.equal(await entry.getByTestId('entry-purposes').textContent(), 'Food boxes');
        assert.equal(await text(page, 'public-console-link'), 'Back to the console');
      });
    });

    it('a registrar enrols a household of two, one member without documents and with only a birth year, and sees it', async () => {
      await withPage('enrol-household', 'en-US', async (page) => {
        await signInAt(page, '/console', 'registrar');
        await page.getByTestId('home-title').waitFor();
        assert.deepEqual(await navItems(page), ['Home', 'Search', 'Enrol household', 'Review queue', 'Removals', 'Import']);
        await page.getByTestId('nav-enrol').click();
        await page.getByTestId('enrol-form').waitFor();

        // Nothing filled in: the form says what is missing and sends nothing.
        await page.getByTestId('enrol-submit').click();
        await page.getByTestId('enrol-problems').waitFor();
        assert.match(await text(page, 'enrol-problems'), /^Check the marked fields \(\d+\)\.$/);
        assert.equal(await page.getByTestId('household-region').getAttribute('aria-invalid'), 'true');

        // Only the registrar's parishes are offered (AN), grouped by municipality.
        const parishes = await page.getByTestId('household-region').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
        assert.ok(parishes.length > 0 && parishes.every((code) => /^AN-\d\d-\d\d$/.test(code)), parishes.join(' '));
        await page.getByTestId('household-region').selectOption('AN-01-02');
        await page.getByTestId('household-street').fill('Callejón Los Mangos');
        await page.getByTestId('household-number').fill('14-B');
        await page.getByTestId('household-reference').fill('Casa azul frente a la bodega');

        await page.getByTestId('member-0-given-names').fill('Carmen Elena');
        await page.getByTestId('member-0-family-names').fill('de la Cruz Pérez');
        await page.getByTestId('member-0-sex').selectOption('F');
        await page.getByTestId('member-0-birth-date').fill('1975-03-14');
        await page.getByTestId('member-0-evidence-document').check();
        await page.getByTestId('member-0-document-type').selectOption('national_id');
        await page.getByTestId('member-0-document-number').fill('V-11873264');
        // The head cannot be vouched for by the head.
        assert.equal(await page.getByTestId('member-0-evidence-household_head').isDisabled(), true);

        await page.getByTestId('add-member').click();
        await page.getByTestId('member-1').waitFor();
        await page.getByTestId('member-1-relationship').selectOption('child');
        await page.getByTestId('member-1-given-names').fill('José Gregorio');
        await page.getByTestId('member-1-family-names').fill('de la Cruz');
        await page.getByTestId('member-1-sex').selectOption('M');
        await page.getByTestId('member-1-year-only').check();
        await page.getByTestId('member-1-birth-year').fill('2012');
        await page.getByTestId('member-1-declared').check();
        await page.getByTestId('member-1-evidence-household_head').check();
        await page.getByTestId('member-1-evidence-note').fill('La madre declara que no fue presentado en el registro civil');
        await screenshot(page, 'enrol-form-desktop');
        await phoneShot(page, 'enrol-form-phone');

        await submitEnrolment(page);
        assert.equal(await text(page, 'enrolled-notice'), 'Household enrolled. New records: 2.');
        await page.getByTestId('household-facts').waitFor();
        assert.equal(await text(page, 'household-title'), 'Household of Carmen Elena de la Cruz Pérez');
        assert.equal(await text(page, 'household-address'), 'Callejón Los Mangos 14-B — Casa azul frente a la bodega');
        assert.match(await text(page, 'household-region'), /^La Esperanza · San Rafael · Andinia \(AN-01-02\)$/);
        const members = page.getByTestId('household-member');
        assert.equal(await members.count(), 2);
        const child = members.filter({ hasText: 'José Gregorio de la Cruz' });
        const born = child.getByTestId('birth-date');
        assert.equal(await born.getAttribute('data-precision'), 'year');
        assert.equal(await born.getAttribute('data-declared'), 'true');
        assert.equal(((await born.textContent()) ?? '').replace(/\s+/g, ' '), '2012year onlydeclared');
        assert.match((await child.textContent()) ?? '', /Vouched for by the head of household/);
        // One version, made by the registrar, with the enrolment as reason.
        await page.locator('[data-testid="history-version"][data-version="1"]').waitFor();
        await screenshot(page, 'household-desktop');

        await page.getByTestId('language-es').click();
        await page.waitForFunction(() => document.documentElement.lang === 'es');
        assert.equal(await text(page, 'household-title'), 'Hogar de Carmen Elena de la Cruz Pérez');
        assert.equal(((await born.textContent()) ?? '').replace(/\s+/g, ' '), '2012solo el añodeclarada');
        await phoneShot(page, 'household-phone-es');
      });
    });

    it('a correction needs a reason, becomes a new version, and the person page shows what changed', async () => {
      await withPage('person-history', 'en-US', async (page) => {
        await signInAt(page, '/console', 'registrar');
        await page.getByTestId('home-title').waitFor();
        const id = await plantPerson(page, 'AN-02-01', {
          givenNames: 'Eusebio',
          familyNames: 'Montilla Arráez',
          sex: 'M',
          birthDate: { value: '1949-11-02', precision: 'day', declared: false },
          phone: '+58 412 5550101',
        });
        await page.goto(`${server!.url}/console/persons/${id}`);
        await page.getByTestId('person-facts').waitFor();
        assert.equal(await text(page, 'person-title'), 'Eusebio Montilla Arráez');
        assert.equal(await text(page, 'person-version'), '1');
        await page.getByTestId('history').waitFor();
        assert.equal(await page.getByTestId('history-version').count(), 1);
        await page.getByTestId('no-photo').waitFor();

        await page.getByTestId('open-correct').click();
        await page.getByTestId('correct-family-names').fill('Montilla Araujo');
        await page.getByTestId('correct-year-only').check();
        await page.getByTestId('correct-birth-year').fill('1949');
        await page.getByTestId('correct-submit').click();
        // No reason, no correction.
        await page.getByTestId('correct-reason-problem').waitFor();
        assert.equal(await page.getByTestId('correct-reason').getAttribute('aria-invalid'), 'true');
        assert.equal(await text(page, 'person-version'), '1');
        await page.getByTestId('correct-reason').fill('Segundo apellido mal copiado; solo consta el año en la partida');
        await screenshot(page, 'person-correct-form');
        await page.getByTestId('correct-submit').click();
        await page.getByTestId('person-notice').waitFor();
        assert.equal(await text(page, 'person-notice'), 'Record corrected: a new version was saved with your reason.');
        assert.equal(await text(page, 'person-family-names'), 'Montilla Araujo');
        assert.equal(await text(page, 'person-version'), '2');

        const v2 = page.locator('[data-testid="history-version"][data-version="2"]');
        await v2.waitFor();
        assert.equal(await v2.getByTestId('history-reason').textContent(), 'Segundo apellido mal copiado; solo consta el año en la partida');
        assert.match((await v2.textContent()) ?? '', /by registrar/);
        const changed = await v2.getByTestId('history-change').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')));
        assert.deepEqual(new Set(changed), new Set(['familyNames', 'birthDate']));
        const names = v2.locator('[data-testid="history-change"][data-field="familyNames"]');
        assert.equal(await names.locator('.before').textContent(), 'Montilla Arráez');
        assert.equal(await names.locator('.after').textContent(), 'Montilla Araujo');
        // Versions are listed newest first.
        assert.deepEqual(await page.getByTestId('history-version').evaluateAll((vs) => vs.map((v) => v.getAttribute('data-version'))), ['2', '1']);

        await screenshot(page, 'person-desktop');

        await page.getByTestId('language-es').click();
        await page.waitForFunction(() => document.documentElement.lang === 'es');
        assert.match((await v2.textContent()) ?? '', /Versión 2/);
        await phoneShot(page, 'person-phone-es');
      });
    });

    it('a registrar corrects a household — address, point, parish and a new head — adds and moves a member, and the history shows each version', async () => {
      await withPage('household-edit', 'en-US', async (page) => {
        await signInAt(page, '/console', 'registrar');
        await page.getByTestId('home-title').waitFor();
        const evidence = [{ kind: 'household_head' }];
        const home = await plantHousehold(page, 'AN-01-01', [
          { relationship: 'head', givenNames: 'Zoraida Coromoto', familyNames: 'Iturriza Arocha', sex: 'F', birthDate: { value: '1966-04-12' }, evidence: [{ kind: 'sworn_declaration', note: 'sin cédula' }] },
          { relationship: 'spouse', givenNames: 'Heriberto José', familyNames: 'Zurbarán Mota', sex: 'M', birthDate: { value: '1963-08-30' }, evidence },
          { relationship: 'child', givenNames: 'Yelitza Carolina', familyNames: 'Zurbarán Iturriza', sex: 'F', birthDate: { value: '1995-01-15' }, evidence },
        ]);
        const [head, spouse, child] = home.personIds as [string, string, string];
        const aunt = await plantHousehold(page, 'AN-02-01', [
          { relationship: 'head', givenNames: 'Eleuteria', familyNames: 'Olavarrieta de Iturriza', sex: 'F', birthDate: { value: '1940-10-10' }, evidence: [{ kind: 'sworn_declaration', note: 'sin cédula' }] },
        ]);

        await page.goto(`${server!.url}/console/households/${home.householdId}`);
        await page.getByTestId('household-facts').waitFor();
        assert.equal(await text(page, 'household-version'), '1');
        await page.getByTestId('open-hh-correct').click();
        await page.getByTestId('hh-correct-form').waitFor();
        // Only the registrar's parishes are offered.
        const parishes = await page.getByTestId('hh-region').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
        assert.ok(parishes.length > 0 && parishes.every((code) => /^AN-\d\d-\d\d$/.test(code)), parishes.join(' '));
        await page.getByTestId('hh-street').fill('Calle Real de Iturriza');
        await page.getByTestId('hh-point').fill('PDA-AN-07');
        await page.getByTestId('hh-region').selectOption('AN-01-02');
        assert.match(await text(page, 'hh-region-hint'), /Every member \(3\) moves with the household/);
        // Two heads: the form says so before the server does.
        const relationshipOf = (id: string) => page.locator(`[data-testid="hh-member"][data-person-id="${id}"] [data-testid="hh-relationship"]`);
        await relationshipOf(spouse).selectOption('head');
        await page.getByTestId('hh-reason').fill('Cambio de jefatura; la familia se mudó a la calle Real');
        await page.getByTestId('hh-submit').click();
        await page.locator('[data-testid$="-problem"]').first().waitFor();
        assert.equal(await text(page, `hh-relationship-${head}-problem`), 'A household has exactly one head of household.');
        assert.equal(await text(page, 'household-version'), '1');
        await relationshipOf(head).selectOption('spouse');
        await screenshot(page, 'household-correct-form');
        await page.getByTestId('hh-submit').click();
        await page.locator('[data-testid="household-notice"][data-notice="corrected"]').waitFor();
        assert.equal(await text(page, 'household-notice'), 'Household corrected: a new version was saved with your reason.');
        await page.locator('[data-testid="household-version"]', { hasText: '2' }).waitFor();
        assert.equal(await text(page, 'household-title'), 'Household of Heriberto José Zurbarán Mota');
        assert.equal(await text(page, 'household-address'), 'Calle Real de Iturriza 12');
        assert.equal(await text(page, 'household-point'), 'PDA-AN-07');
        assert.match(await text(page, 'household-region'), /\(AN-01-02\)$/);
        assert.equal(await page.locator(`[data-testid="household-member"][data-person-id="${head}"]`).getAttribute('data-relationship'), 'spouse');

        const v2 = page.locator('[data-testid="history-version"][data-version="2"]');
        await v2.waitFor();
        assert.equal(await v2.getByTestId('history-reason').textContent(), 'Cambio de jefatura; la familia se mudó a la calle Real');
        const fields = await v2.getByTestId('history-change').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')));
        assert.deepEqual(new Set(fields), new Set(['address', 'distributionPoint', 'regionCode', 'members']));
        const membersAfter = v2.locator('[data-testid="history-change"][data-field="members"] .after');
        assert.match((await membersAfter.textContent()) ?? '', /Heriberto José Zurbarán Mota \(Head of household\)/);
        assert.match((await membersAfter.textContent()) ?? '', /Zoraida Coromoto Iturriza Arocha \(Spouse or partner\)/);
        await screenshot(page, 'household-corrected');

        // A newborn: the same duplicate check as an enrolment.
        await page.getByTestId('open-add-member').click();
        await page.getByTestId('add-member-form').waitFor();
        assert.equal(await page.getByTestId('member-0-relationship').locator('option[value="head"]').count(), 0, 'a second head is not offered');
        await page.getByTestId('member-0-given-names').fill('Santiago Heriberto');
        await page.getByTestId('member-0-family-names').fill('Zurbarán Iturriza');
        await page.getByTestId('member-0-sex').selectOption('M');
        await page.getByTestId('member-0-evidence-household_head').check();
        await page.getByTestId('add-reason').fill('Recién nacido; partida de nacimiento vista');
        await page.getByTestId('add-submit').click();
        await page.locator('[data-testid="household-notice"], [data-testid="add-member-review"], [data-testid="add-error"]').first().waitFor();
        if (await page.getByTestId('add-member-review').count()) {
          for (const candidate of await page.getByTestId('dup-candidate').all()) await candidate.getByTestId('dup-different').check();
          await page.getByTestId('dup-submit').click();
        }
        await page.locator('[data-testid="household-notice"][data-notice="memberAdded"]').waitFor();
        await page.locator('[data-testid="household-version"]', { hasText: '3' }).waitFor();
        assert.equal(await page.getByTestId('household-member').count(), 4);

        // The grown daughter goes to live with her great-aunt, in another parish.
        await page.getByTestId('open-move').click();
        await page.getByTestId('move-member').selectOption(child);
        await page.getByTestId('move-find-name').fill('eleuteria olavarrieta');
        await page.getByTestId('move-find').click();
        await page.locator(`[data-testid="move-pick"][data-household-id="${aunt.householdId}"]`).click();
        assert.match(await text(page, 'move-chosen'), /^Household of Eleuteria Olavarrieta de Iturriza, /);
        await page.getByTestId('move-relationship').selectOption('other');
        await page.getByTestId('move-reason').fill('Se fue a cuidar a su tía abuela');
        await screenshot(page, 'household-move-form');
        await page.getByTestId('move-submit').click();
        await page.locator('[data-testid="household-notice"][data-notice="moved"]').waitFor();
        await page.locator('[data-testid="household-version"]', { hasText: '4' }).waitFor();
        assert.equal(await page.locator(`[data-testid="household-member"][data-person-id="${child}"]`).count(), 0);
        // The history reloads after the record: wait for its newest version before reading it.
        await page.locator('[data-testid="history-version"][data-version="4"]').waitFor();
        assert.deepEqual(await page.getByTestId('history-version').evaluateAll((vs) => vs.map((v) => v.getAttribute('data-version'))), ['4', '3', '2', '1']);
        // She left: the version before names her by a link only.
        const left = page.locator('[data-testid="history-version"][data-version="4"] [data-testid="history-change"][data-field="members"] .before');
        assert.match((await left.textContent()) ?? '', /a former member \(Child\)/);

        await page.goto(`${server!.url}/console/households/${aunt.householdId}`);
        await page.locator(`[data-testid="household-member"][data-person-id="${child}"]`).waitFor();
        assert.equal(await text(page, 'household-version'), '2');
        assert.equal(await page.locator('[data-testid="history-version"][data-version="2"]').getByTestId('history-reason').textContent(), 'Se fue a cuidar a su tía abuela');

        await page.getByTestId('language-es').click();
        await page.waitForFunction(() => document.documentElement.lang === 'es');
        assert.equal(await text(page, 'household-title'), 'Hogar de Eleuteria Olavarrieta de Iturriza');
        assert.equal(await text(page, 'open-hh-correct'), 'Corregir el hogar');
        await phoneShot(page, 'household-moved-phone-es');
      });
    });

    it('a registrar stores a photo from a file and one from the camera, each scaled down in the browser', async () => {
      await withPage('person-photo', 'en-US', async (page) => {
        await signInAt(page, '/console', 'registrar');
        await page.getByTestId('home-title').waitFor();
        const id = await plantPerson(page, 'AN-02-02', { givenNames: 'Altagracia', familyNames: 'Rengifo de Sulbarán', sex: 'F' });
        await page.goto(`${server!.url}/console/persons/${id}`);
        await page.getByTestId('person-facts').waitFor();
        await page.getByTestId('no-photo').waitFor();

        // A photo from a file: scaled down in the browser and stored.
        const png = await page.evaluate(() => {
          const canvas = document.createElement('canvas');
          canvas.width = 900;
          canvas.height = 1200;
          const g = canvas.getContext('2d')!;
          g.fillStyle = '#c9a27c';
          g.fillRect(0, 0, 900, 1200);
          g.fillStyle = '#3b2a1a';
          g.beginPath();
          g.arc(450, 500, 260, 0, Math.PI * 2);
          g.fill();
          return canvas.toDataURL('image/png').split(',')[1]!;
        });
        await page.getByTestId('photo-file').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
        await page.getByTestId('photo-preview').waitFor();
        const size = await page.getByTestId('photo-preview').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
        assert.deepEqual(size, [180, 240], 'scaled so that the long side is 240 px');
        await page.getByTestId('photo-save').click();
        await page.getByTestId('photo-saved').waitFor();
        await page.getByTestId('photo').waitFor();

        // And one from the camera (Chromium's synthetic camera here).
        await page.getByTestId('photo-camera').click();
        await page.getByTestId('camera').waitFor();
        await page.waitForFunction(() => !(document.querySelector('[data-testid="photo-capture"]') as HTMLButtonElement).disabled);
        await page.getByTestId('photo-capture').click();
        await page.getByTestId('photo-preview').waitFor();
        assert.match((await page.locator('.photo-frame .hint').textContent()) ?? '', /^(WEBP|JPEG), \d+ kB$/);
        await page.getByTestId('photo-save').click();
        await page.getByTestId('photo-saved').waitFor();

        // Read back from the server: the current photo is one of ours, and small.
        const stored = await page.request.get(`${server!.url}/api/registry/persons/${id}/photo`);
        assert.equal(stored.status(), 200);
        assert.match(stored.headers()['content-type'] ?? '', /^image\/(webp|jpeg)/);
        assert.ok((await stored.body()).length <= 60_000);
        await screenshot(page, 'person-photo-desktop');
        await phoneShot(page, 'person-photo-phone');
      });
    });

    it('a registrar is stopped by a planted duplicate, compares the records and answers “same person”', async () => {
      await withPage('duplicate', 'es-VE', async (page) => {
        await signInAt(page, '/console', 'registrar');
        await page.getByTestId('home-title').waitFor();
        const planted = await plantPerson(page, 'AN-03-02', {
          givenNames: 'Yolanda Beatriz',
          familyNames: 'Marcano Salazar',
          sex: 'F',
          birthDate: { value: '1968-09-23', precision: 'day', declared: false },
          evidence: [{ kind: 'document', type: 'national_id', number: 'V-7654321' }],
        });

        await page.getByTestId('nav-enrol').click();
        await page.getByTestId('household-region').selectOption('AN-03-02');
        await page.getByTestId('household-street').fill('Sector El Tanque, vereda 3');
        // Her son heads the new household; she comes in as his mother, typed with the
        // slips registrars make (a z for an s, no accents). A registered person cannot
        // be linked as the head of a new household, so she is member 1.
        await page.getByTestId('member-0-given-names').fill('Wilmer Josué');
        await page.getByTestId('member-0-family-names').fill('Marcano');
        await page.getByTestId('member-0-sex').selectOption('M');
        await page.getByTestId('member-0-year-only').check();
        await page.getByTestId('member-0-birth-year').fill('1990');
        await page.getByTestId('member-0-evidence-sworn_declaration').check();
        await page.getByTestId('member-0-evidence-note').fill('Declara no tener cédula');
        await page.getByTestId('add-member').click();
        await page.getByTestId('member-1-relationship').selectOption('parent');
        await page.getByTestId('member-1-given-names').fill('Yolanda Beatris');
        await page.getByTestId('member-1-family-names').fill('Marcano Salasar');
        await page.getByTestId('member-1-sex').selectOption('F');
        await page.getByTestId('member-1-birth-date').fill('1968-09-23');
        await page.getByTestId('member-1-evidence-sworn_declaration').check();
        await page.getByTestId('member-1-evidence-note').fill('Declara haber perdido la cédula');
        await page.getByTestId('enrol-submit').click();

        // Stopped: nothing created yet, the candidate side by side with the new data.
        await page.getByTestId('duplicate-review').waitFor();
        assert.match(page.url(), /\/console\/enrol$/);
        const member = page.locator('[data-testid="dup-member"][data-member="1"]');
        await member.waitFor();
        const candidate = member.locator(`[data-testid="dup-candidate"][data-candidate-id="${planted}"]`);
        await candidate.waitFor();
        assert.equal(await candidate.locator('[data-testid="compare-givenNames"]').getAttribute('data-differs'), 'true');
        assert.equal(await candidate.locator('[data-testid="compare-birthDate"]').getAttribute('data-differs'), 'false');
        assert.ok(Number(await candidate.getByTestId('score').getAttribute('data-score')) > 0.5);
        // The reasons are the server's, in Spanish.
        const reasons = await candidate.getByTestId('reason').allTextContents();
        assert.ok(reasons.length > 0);
        assert.ok(reasons.some((r) => /fecha de nacimiento/i.test(r)), reasons.join(' | '));
        assert.equal(await page.getByTestId('dup-submit').isDisabled(), true, 'every candidate needs an answer first');
        await screenshot(page, 'duplicate-desktop-es');
        await phoneShot(page, 'duplicate-phone-es');

        await page.getByTestId('language-en').click();
        await page.waitForFunction(() => document.documentElement.lang === 'en');
        assert.ok((await candidate.getByTestId('reason').allTextContents()).some((r) => /date of birth/i.test(r)));
        await screenshot(page, 'duplicate-desktop-en');

        // Anyone else who looks alike (the demo has a synthetic population) is someone else.
        for (const other of await page.getByTestId('dup-candidate').all()) {
          if ((await other.getAttribute('data-candidate-id')) !== planted) await other.getByTestId('dup-different').check();
        }
        await candidate.getByTestId('dup-same').check();
        await page.getByTestId('dup-submit').click();
        await page.waitForURL(/\/console\/households\/[0-9a-f-]{36}$/);
        await page.getByTestId('enrolled-notice').waitFor();
        assert.equal(await text(page, 'enrolled-notice'), 'Household enrolled. New records: 1. Members linked to an existing record: 1. open linked record 1');
        // The son is a new record; his mother was linked to the record already registered, not copied.
        await page.getByTestId('household-member').first().waitFor();
        const members = await page.getByTestId('household-member').evaluateAll((rows) => rows.map((r) => r.textContent));
        assert.equal(members.length, 1);
        assert.match(members[0] ?? '', /Wilmer Josué Marcano/);
        assert.equal(await page.getByTestId('linked-person').getAttribute('href'), `/console/persons/${planted}`);
        const found = await api(page, 'GET', `/api/registry/search?name=${encodeURIComponent('Yolanda Marcano')}`);
        assert.equal(found.status, 200);
        assert.equal(found.body.results.filter((r: { givenNames: string }) => r.givenNames.startsWith('Yolanda')).length, 1, 'no second Yolanda was created');
      });
    });

    it('a search finds a person despite typos and opens the record', async () => {
      await withPage('search', 'en-US', async (page) => {
        await signInAt(page, '/console/search', 'registrar');
        await page.getByTestId('search-form').waitFor();
        await page.getByTestId('search-submit').click();
        await page.getByTestId('search-too-little').waitFor();
        await page.getByTestId('search-name').fill('carmen elena de la crus peres');
        await page.getByTestId('search-submit').click();
        await page.waitForURL(/\?name=/);
        const row = page.getByTestId('search-result').filter({ hasText: 'Carmen Elena de la Cruz Pérez' });
        await row.first().waitFor();
        assert.match((await row.first().textContent()) ?? '', /La Esperanza, San Rafael/);
        await screenshot(page, 'search-desktop');
        await phoneShot(page, 'search-phone');
        await row.first().getByTestId('search-result-link').click();
        await page.waitForURL(/\/console\/persons\/[0-9a-f-]{36}$/);
        await page.getByTestId('person-facts').waitFor();
        assert.equal(await text(page, 'person-title'), 'Carmen Elena de la Cruz Pérez');
        // Back returns to the same results.
        await page.goBack();
        await row.first().waitFor();
        assert.equal(await page.getByTestId('search-name').inputValue(), 'carmen elena de la crus peres');
      });
    });

    it('a search shows more results a page at a time', async () => {
      await withPage('search-more', 'en-US', async (page) => {
        await signInAt(page, '/console/search', 'registrar');
        await page.getByTestId('search-form').waitFor();
        const GIVEN = ['Abigail', 'Adelaida', 'Agripina', 'Albertina', 'Amarilis', 'Anacleta', 'Belkis', 'Brígida', 'Casilda', 'Celestina', 'Clotilde', 'Delfina', 'Domitila', 'Eduviges', 'Elvira', 'Escolástica', 'Eufrasia', 'Filomena', 'Genoveva', 'Herminia', 'Hortensia', 'Jacinta', 'Leocadia', 'Macaria', 'Nicolasa', 'Petronila', 'Rosalía'];
        await plantHousehold(
          page,
          'AN-03-01',
          GIVEN.map((given, i) => ({
            relationship: i === 0 ? 'head' : 'other',
            givenNames: given,
            familyNames: 'Echenagucia Olavarrieta',
            sex: 'F',
            birthDate: { value: `${1930 + i}-0${1 + (i % 9)}-2${i % 8}` },
            evidence: i === 0 ? [{ kind: 'sworn_declaration', note: 'sin cédula' }] : [{ kind: 'household_head' }],
          })),
        );
        await page.getByTestId('search-name').fill('echenagucia olavarrieta');
        await page.getByTestId('search-submit').click();
        await page.getByTestId('search-count').waitFor();
        assert.equal(await text(page, 'search-count'), 'People shown: 25');
        await page.getByTestId('search-more').click();
        await page.locator('[data-testid="search-count"]', { hasText: '27' }).waitFor();
        assert.equal(await page.getByTestId('search-more').count(), 0, 'no more after the last page');
        const ids = await page.getByTestId('search-result').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-person-id')));
        assert.equal(new Set(ids).size, 27, 'no one twice');
        await screenshot(page, 'search-more');
      });
    });

    it('an import keeps good rows, reports bad ones in a downloadable file, and queues a duplicate that is merged and unmerged', async () => {
      await withPage('import-queue', 'en-US', async (page) => {
        await signInAt(page, '/console', 'registrar');
        await page.getByTestId('home-title').waitFor();
        const planted = await plantPerson(page, 'AN-01-03', {
          givenNames: 'Ramón Antonio',
          familyNames: 'Guevara Lugo',
          sex: 'M',
          birthDate: { value: '1955-02-11', precision: 'day', declared: false },
          evidence: [{ kind: 'document', type: 'national_id', number: 'V-3456789' }],
        });
        const csv = [
          'household_ref,region_code,street,number,relationship,given_names,family_names,sex,birth_date,birth_date_declared,document_type,document_number,evidence_kind,evidence_note',
          'BRW-001,AN-01-03,Calle Bolívar,12,head,Ramon Antonio,Guevara Lugo,M,1955-02-11,,,,sworn_declaration,declarado en la unidad móvil',
          'BRW-002,AN-01-03,Calle Sucre,4,head,Luis Alberto,Bermúdez Ortega,M,1990,true,national_id,V-20123456,,',
          'BRW-002,AN-01-03,,,child,Ana Luisa,Bermúdez Rivas,F,2015-07-01,,,,household_head,',
          'BRW-003,ZZ-99-99,Calle X,1,head,Pedro,Pérez,M,1990-01-01,,,,sworn_declaration,x',
        ].join('\n');

        await page.getByTestId('nav-import').click();
        await page.getByTestId('import-form').waitFor();
        await page.getByTestId('import-file').setInputFiles({ name: 'unidad-movil.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
        await page.getByTestId('import-submit').click();
        await page.getByTestId('import-report').waitFor();
        assert.equal(await text(page, 'import-rows'), '4');
        assert.equal(await text(page, 'import-households'), '2');
        assert.equal(await text(page, 'import-persons'), '3');
        assert.equal(await text(page, 'import-rejected-count'), '1');
        assert.equal(await text(page, 'import-pairs'), '1 — open the review queue');
        const rejected = page.locator('[data-testid="import-rejected-row"][data-line="5"]');
        assert.match((await rejected.textContent()) ?? '', /ZZ-99-99/);
        const download = page.waitForEvent('download');
        await page.getByTestId('import-error-file').click();
        const file = await download;
        assert.equal(file.suggestedFilename(), 'unidad-movil-errors.csv');
        const errors = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
        assert.equal(errors.length, 2);
        assert.ok(errors[0]!.startsWith('line,reason,household_ref,region_code,'));
        assert.match(errors[1]!, /^5,.*ZZ-99-99.*,BRW-003,ZZ-99-99,Calle X,/);
        await screenshot(page, 'import-report');

        // The same file again creates nothing.
        await page.getByTestId('import-file').setInputFiles({ name: 'unidad-movil.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
        await page.getByTestId('import-submit').click();
        await page.locator('[data-testid="import-already"]', { hasText: '2' }).waitFor();
        assert.equal(await text(page, 'import-persons'), '0');

        // The review queue: the pair side by side, differences marked.
        await page.getByTestId('nav-reviewQueue').click();
        const pair = page.locator('[data-testid="pair"]').filter({ has: page.locator(`a[href="/console/persons/${planted}"]`) });
        await pair.waitFor();
        assert.equal(await pair.getAttribute('data-status'), 'pending');
        assert.equal(await pair.locator('[data-testid="compare-givenNames"]').getAttribute('data-differs'), 'false', 'accents aside, the same names');
        assert.equal(await pair.locator('[data-testid="compare-familyNames"]').getAttribute('data-differs'), 'false');
        assert.ok((await pair.getByTestId('reason').count()) > 0);
        assert.equal(await pair.getByTestId('pair-undo').count(), 0, 'only the buttons the status allows');
        await screenshot(page, 'queue-desktop');
        await phoneShot(page, 'queue-phone');

        await pair.getByTestId('pair-note').fill('Misma cédula en el expediente físico');
        await pair.getByTestId('pair-same').click();
        await page.locator('[data-testid="pair"][data-status="same"]').filter({ has: page.locator(`a[href="/console/persons/${planted}"]`) }).waitFor();
        assert.equal(await pair.getByTestId('pair-same').count(), 0);
        // The imported record is now merged into the one registered first: its page says so.
        const merged = (await pair.locator('a[href^="/console/persons/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).find(
          (href) => href !== `/console/persons/${planted}`,
        )!;
        const other = await page.context().newPage();
        await other.goto(`${server!.url}${merged}`);
        await other.getByTestId('person-banner').waitFor();
        assert.equal(await other.getByTestId('person-banner').getAttribute('data-status'), 'merged');
        await other.getByTestId('merged-into-link').waitFor();
        assert.equal(await other.getByTestId('merged-into-link').getAttribute('href'), `/console/persons/${planted}`);
        assert.equal(await other.getByTestId('open-correct').count(), 0, 'a merged record cannot be corrected');
        await screenshot(other, 'person-merged');

        await pair.getByTestId('pair-undo').click();
        await page.locator('[data-testid="pair"][data-status="undone"]').filter({ has: page.locator(`a[href="/console/persons/${planted}"]`) }).waitFor();
        await other.reload();
        await other.getByTestId('person-facts').waitFor();
        assert.equal(await other.getByTestId('person-banner').count(), 0);
        await other.close();
      });
    });

    it('an auditor approves a removal the registrar asked for, and undoes it', async () => {
      await withPage('removal-registrar', 'en-US', async (registrar) => {
        await signInAt(registrar, '/console', 'registrar');
        await registrar.getByTestId('home-title').waitFor();
        const id = await plantPerson(registrar, 'AN-02-03', {
          givenNames: 'Hermelinda',
          familyNames: 'Chirinos de Aponte',
          sex: 'F',
          birthDate: { value: '1931-01-01', precision: 'year', declared: true },
        });
        // The registrar asks on the person's page.
        await registrar.goto(`${server!.url}/console/persons/${id}`);
        await registrar.getByTestId('open-removal').click();
        await registrar.getByTestId('removal-reason').selectOption('death');
        await registrar.getByTestId('removal-note').fill('Acta de defunción 2026-0456 del registro civil de Monte Claro');
        await registrar.getByTestId('removal-submit').click();
        await registrar.getByTestId('person-notice').waitFor();
        assert.match(await text(registrar, 'person-notice'), /^Removal requested\./);
        await registrar.getByTestId('nav-removals').click();
        await registrar.locator(`[data-testid="removal"][data-person-id="${id}"][data-status="pending"]`).waitFor();
        assert.equal(await registrar.getByTestId('removal-approve').count(), 0, 'the registrar cannot decide');

        await withPage('removal-auditor', 'en-US', async (auditor) => {
          await signInAt(auditor, '/console', 'auditor');
          await auditor.getByTestId('home-title').waitFor();
          assert.deepEqual(await navItems(auditor), ['Home', 'Removals', 'Audit log', 'Checkpoints', 'Catalogue proposals', 'Reconciliation', 'Sync conflicts']);
          await auditor.getByTestId('nav-removals').click();
          const request = auditor.locator(`[data-testid="removal"][data-person-id="${id}"]`);
          await request.waitFor();
          assert.equal(await request.getByTestId('removal-undo').count(), 0);
          // A decision needs a note.
          await request.getByTestId('removal-approve').click();
          assert.equal(await request.getByTestId('decision-note').getAttribute('aria-invalid'), 'true');
          await request.getByTestId('decision-note').fill('Acta verificada en línea con el registro civil');
          await screenshot(auditor, 'removals-auditor-desktop');
          await request.getByTestId('removal-approve').click();
          await auditor.locator(`[data-testid="removal"][data-person-id="${id}"][data-status="approved"]`).waitFor();
          assert.equal(await request.getByTestId('removal-status').textContent(), 'Approved');

          // The record is a tombstone now, and says so.
          await registrar.goto(`${server!.url}/console/persons/${id}`);
          await registrar.getByTestId('person-banner').waitFor();
          assert.equal(await registrar.getByTestId('person-banner').getAttribute('data-status'), 'tombstoned');
          assert.equal(await registrar.getByTestId('open-correct').count(), 0);
          await screenshot(registrar, 'person-tombstoned');

          await request.getByTestId('decision-note').fill('Error de identidad: el acta es de otra persona');
          await request.getByTestId('removal-undo').click();
          await auditor.locator(`[data-testid="removal"][data-person-id="${id}"][data-status="undone"]`).waitFor();
          assert.equal(await request.getByTestId('removal-approve').count(), 0);
          await phoneShot(auditor, 'removals-auditor-phone');

          await registrar.reload();
          await registrar.getByTestId('person-facts').waitFor();
          assert.equal(await registrar.getByTestId('person-banner').count(), 0);
          assert.equal(await registrar.getByTestId('status-badge').first().getAttribute('data-status'), 'active');
          // Approval and undo are both versions in the history, with the auditor's notes.
          await registrar.locator('[data-testid="history-version"][data-version="3"]').waitFor();
          const reasons = await registrar.getByTestId('history-reason').allTextContents();
          assert.ok(reasons.some((r) => r.includes('Acta verificada en línea')), reasons.join(' | '));
          assert.ok(reasons.some((r) => r.includes('Error de identidad')), reasons.join(' | '));
        });
      });
    });

    it('a household whose only member died is removed with an auditor’s approval', async () => {
      await withPage('household-removal-registrar', 'en-US', async (registrar) => {
        await signInAt(registrar, '/console', 'registrar');
        await registrar.getByTestId('home-title').waitFor();
        const { householdId, personIds } = await plantHousehold(registrar, 'AN-02-03', [
          { relationship: 'head', givenNames: 'Escolástica', familyNames: 'Iturriza de Zurbarán', sex: 'F', birthDate: { value: '1925-01-01', precision: 'year', declared: true }, evidence: [{ kind: 'sworn_declaration', note: 'sin cédula' }] },
        ]);
        const asked = await api(registrar, 'POST', `/api/registry/persons/${personIds[0]}/removal-requests`, { reason: 'death', note: 'Acta de defunción 2026-0999' });
        assert.equal(asked.status, 201);

        await withPage('household-removal-auditor', 'en-US', async (auditor) => {
          await signInAt(auditor, '/console', 'auditor');
          await auditor.getByTestId('home-title').waitFor();
          assert.equal((await api(auditor, 'POST', `/api/registry/removal-requests/${asked.body.id}/approve`, { note: 'Acta verificada' })).status, 200);

          // With no active member left, the household page offers its removal.
          await registrar.goto(`${server!.url}/console/households/${householdId}`);
          await registrar.getByTestId('household-removable').waitFor();
          await registrar.getByTestId('open-hh-removal').click();
          await registrar.getByTestId('removal-reason').selectOption('death');
          await registrar.getByTestId('removal-note').fill('Falleció su única integrante');
          await registrar.getByTestId('removal-submit').click();
          await registrar.locator('[data-testid="household-notice"][data-notice="removalRequested"]').waitFor();

          await auditor.getByTestId('nav-removals').click();
          const request = auditor.locator(`[data-testid="removal"][data-kind="household"][data-household-id="${householdId}"]`);
          await request.waitFor();
          assert.match((await request.locator('h2').textContent()) ?? '', /^Household of Escolástica Iturriza de Zurbarán$/);
          assert.equal(await request.getByTestId('removal-kind').textContent(), 'Household');
          await request.getByTestId('decision-note').fill('Hogar sin integrantes');
          await screenshot(auditor, 'household-removal-auditor');
          await request.getByTestId('removal-approve').click();
          await auditor.locator(`[data-testid="removal"][data-household-id="${householdId}"][data-status="approved"]`).waitFor();

          await registrar.reload();
          await registrar.getByTestId('household-banner').waitFor();
          assert.equal(await registrar.getByTestId('open-hh-correct').count(), 0, 'a removed household is not corrected');
          await registrar.locator('[data-testid="history-version"][data-version="2"] [data-testid="history-change"][data-field="status"]').waitFor();
          await screenshot(registrar, 'household-removed');
        });
      });
    });

    it('a published catalogue attribute is asked at enrolment by its type; a member without documents is introduced by a registered person', async () => {
      await withPage('attribute', 'en-US', async (page) => {
        await signInAt(page, '/console', 'registrar');
        await page.getByTestId('home-title').waitFor();
        const introducer = await plantPerson(page, 'AN-01-01', { givenNames: 'Teodora', familyNames: 'Sanabria Villegas', sex: 'F' });
        await page.getByTestId('nav-enrol').click();
        await page.getByTestId('enrol-form').waitFor();
        await page.getByTestId('member-0-attributes-toggle').click();
        const field = page.getByTestId(`attribute-${WATER_DAYS.key}`);
        await field.waitFor();
        assert.equal((await page.locator(`label[for="${await field.getAttribute('id')}"]`).textContent())?.trim(), WATER_DAYS.en);
        await field.fill('tres');
        await page.getByTestId('household-region').selectOption('AN-01-01');
        await page.getByTestId('household-street').fill('Avenida Principal de La Pastora');
        await page.getByTestId('member-0-given-names').fill('Nelson Enrique');
        await page.getByTestId('member-0-family-names').fill('Zambrano Quiñones');
        await page.getByTestId('member-0-evidence-introducer').check();
        await page.getByTestId('member-0-introducer-name').fill('teodora sanabria');
        await page.getByTestId('member-0-introducer-find').click();
        await page.getByTestId('member-0-introducer-pick').first().waitFor();
        await page.getByTestId('member-0-introducer-pick').first().click();
        assert.match(await text(page, 'member-0-introducer-chosen'), /^Introduced by Teodora Sanabria Villegas/);
        await page.getByTestId('enrol-submit').click();
        // Not a whole number: refused in the form.
        await page.getByTestId('enrol-problems').waitFor();
        assert.equal(await field.getAttribute('aria-invalid'), 'true');
        await field.fill('3');
        await submitEnrolment(page);
        await page.getByTestId('member-link').first().click();
        await page.getByTestId('person-attributes-list').waitFor();
        assert.match(await text(page, 'person-attributes-list'), new RegExp(`^${WATER_DAYS.en}\\s*3$`));
        const evidence = page.locator('[data-testid="evidence"][data-kind="introducer"]');
        assert.equal(await evidence.getByTestId('introducer-link').getAttribute('href'), `/console/persons/${introducer}`);
        await screenshot(page, 'attribute-person');
      });
    });
  });
}

/**
 * Sends the enrolment form and lands on the new household. The demo holds a synthetic
 * population: whoever the server finds alike is answered "different person" (the
 * tests enrol people nobody else has), so that the enrolment does not depend on it.
 */
async function submitEnrolment(page: Page) {
  await page.getByTestId('enrol-submit').click();
  await page.locator('[data-testid="enrolled-notice"], [data-testid="duplicate-review"], [data-testid="enrol-error"]').first().waitFor();
  if (await page.getByTestId('duplicate-review').count()) {
    for (const candidate of await page.getByTestId('dup-candidate').all()) await candidate.getByTestId('dup-different').check();
    await page.getByTestId('dup-submit').click();
  }
  await page.waitForURL(/\/console\/households\/[0-9a-f-]{36}$/);
  await page.getByTestId('enrolled-notice').waitFor();
}

/** After the password: the administrator (not a demo account) enrols a second factor, or gives the code. */
async function finishSecondFactor(page: Page) {
  await page.locator('[data-testid="enrolment"], [data-testid="code-input"], [data-testid="home-title"]').first().waitFor();
  if (await page.getByTestId('home-title').count()) return;
  assert.ok(await page.getByTestId('enrolment').count(), 'the administrator enrols a second factor on first sign-in');
  const secret = (await text(page, 'totp-secret')).replace(/\s+/g, '');
  await page.getByTestId('code-input').fill(currentTotp(secret));
  await page.getByTestId('code-submit').click();
}
