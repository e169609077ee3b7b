import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where browser tests leave their screenshots. */
export const SCREENSHOTS = join(process.env.AMPARO_TEST_OUTPUT ?? 'test-output', 'browser');
export const WEB_INDEX = new URL('../../web/dist/index.html', import.meta.url).pathname;

/** Debian's Chromium as this machine allows it: no sandbox as root, and nothing reaching out to the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

function findChromium(): string | undefined {
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // `which` found nothing: try Debian's usual place.
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export const chromiumPath = findChromium();
if (!chromiumPath && process.env.CI) throw new Error('Chromium not found, and CI must run the browser tests: apt-get install -y chromium');

/** For `describe(…, { skip })`: outside CI a machine without Chromium says so instead of failing. */
export const skipWithoutChromium: string | false = chromiumPath ? false : 'Chromium not found (apt-get install -y chromium): browser tests skipped';

/** Fills and sends the login form. */
export async function signIn(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The trimmed text of an element, once it is there. */
export async function text(page: Page, testId: string): Promise<string> {
  const element = page.getByTestId(testId);
  await element.waitFor();
  return (await element.textContent())?.trim() ?? '';
}

/** The labels of the console's menu. */
export async function navItems(page: Page): Promise<string[]> {
  return page.locator('nav a').allTextContents();
}

/**
 * The JSON API as the official signed in on the page: their session cookie and their
 * CSRF token (asked of /api/auth/me), for planting data the way the console would.
 */
export async function pageApi(page: Page, baseUrl: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const me = await page.request.get(`${baseUrl}/api/auth/me`);
  if (me.status() !== 200) throw new Error(`not signed in: /api/auth/me answered ${me.status()}`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  return { status: response.status(), body: await response.json().catch(() => undefined) };
}
