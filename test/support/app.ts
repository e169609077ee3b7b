import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/app-context.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { contextFor } from '../../src/bootstrap.ts';
import type { RouteAccess } from '../../src/auth/access-plugin.ts';
import { freshDatabase, type Engine, type TestDatabase } from './databases.ts';

export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    AMPARO_MODE: 'test',
    AMPARO_MASTER_KEY: TEST_MASTER_KEY,
    AMPARO_DATA_DIR: '/nonexistent-amparo-test-dir',
    LOG_LEVEL: 'silent',
    AMPARO_RATE_LIMIT_PER_MINUTE: '100000',
    AMPARO_LOGIN_RATE_PER_MINUTE: '100000',
    ...overrides,
  });
}

export interface TestContext {
  ctx: AppContext;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function testContext(engine: Engine, overrides: Record<string, string> = {}): Promise<TestContext> {
  const config = testConfig(overrides);
  const database = await freshDatabase(engine);
  return { ctx: contextFor(config, database.db), database, close: () => database.close() };
}

export interface TestApp extends TestContext {
  app: FastifyInstance;
  routes: RouteAccess[];
}

export async function testApp(engine: Engine, overrides: Record<string, string> = {}): Promise<TestApp> {
  const base = await testContext(engine, overrides);
  const { app, routes } = await buildApp({ ctx: base.ctx, logger: false, webDir: '/nonexistent-amparo-web' });
  await app.ready();
  return {
    ...base,
    app,
    routes,
    async close() {
      await app.close();
      await base.close();
    },
  };
}

/** A cookie jar over `app.inject`, sending the CSRF token on writes as the web app does. */
export class Agent {
  cookie = '';
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  async request(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
    });
    const set = response.cookies.find((c) => c.name === 'amparo_session');
    if (set) this.cookie = set.value ? `amparo_session=${set.value}` : '';
    const body = String(response.headers['content-type'] ?? '').includes('json') ? (response.json() as { csrfToken?: string }) : undefined;
    if (body && typeof body.csrfToken === 'string') this.csrf = body.csrfToken;
    return response;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, payload?: unknown) => this.request('POST', url, payload ?? {});
}
