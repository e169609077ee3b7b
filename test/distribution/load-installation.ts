import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID, type KeyObject } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { contextFor } from '../../src/bootstrap.ts';
import { SYSTEM_ACTOR } from '../../src/audit/write-audit.ts';
import { issueFirstCards } from '../../src/credentials/issue-cards-in-bulk.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { seedPopulation } from '../../src/demo/seed-population.ts';
import type { RedemptionRecord } from '../../src/distribution/protocol/terminal-protocol.ts';
import { PseudonymDeriver } from '../../src/pseudonyms/derive.ts';
import { TEST_MASTER_KEY, testConfig, type TestApp } from '../support/app.ts';
import { AMPARO_BIN } from '../support/cli.ts';
import type { Engine } from '../support/databases.ts';
import { TEST_PASSWORD } from '../support/officials.ts';
import { createDatabaseOn, freePort } from '../support/postgres-server.ts';
import { setUpTerminal, signRecord, signedFetch } from '../support/terminal-client.ts';
import { definition, programWithCycle } from './fixtures.ts';

/**
 * An installation for the large redemption tests: a point with an enrolled terminal and
 * its agent, `households` households of that point each with a card, and one household
 * food program (1 box, 25,000.00) whose current cycle gave each household an
 * entitlement. Seeded in this process, then served by the real server (`amparo start`)
 * in a child process that the tests may kill.
 */
export interface LoadInstallation {
  engine: Engine;
  dataDir: string;
  databaseUrl: string | undefined;
  pointCode: string;
  terminal: { terminalId: string; privateKey: KeyObject };
  agentUsername: string;
  agentId: string;
  cycleId: string;
  entitlements: { subject: string; card: string }[];
  /** Opens the database (the server must be stopped for PGlite). */
  open(): Promise<Database>;
  remove(): Promise<void>;
}

export const PRICE = '25000.00';

/** A database seeded in this process (what `amparo start` seeds in test mode included), for a server process to serve. */
export interface SeededInstallation<T> {
  engine: Engine;
  dataDir: string;
  databaseUrl: string | undefined;
  seeded: T;
  /** Opens the database (the server must be stopped for PGlite). */
  open(): Promise<Database>;
  remove(): Promise<void>;
}

/** Seeds a new installation through `seed`, given the app in this process (its routes through `inject`). */
export async function seedInstallation<T>(engine: Engine, seed: (t: TestApp) => Promise<T>): Promise<SeededInstallation<T>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'amparo-load-'));
  const admin = process.env.AMPARO_TEST_PG_URL;
  const databaseUrl = engine === 'postgres' ? await createDatabaseOn(admin!, 'amparo_load') : undefined;
  const open = () => openDatabase(databaseUrl ? { databaseUrl, poolSize: 4 } : { dataDir });
  const database = await open();
  await migrate(database);
  const ctx = contextFor(testConfig({ AMPARO_DATA_DIR: dataDir }), database.db);
  // What `amparo start` seeds in test mode, done here once so that the server's start finds it.
  await seedDemo(ctx, {});
  const { app } = await buildApp({ ctx, logger: false, webDir: '/nonexistent-amparo-web' });
  await app.ready();
  let seeded: T;
  try {
    seeded = await seed({ ctx, app } as TestApp);
  } finally {
    await app.close();
    await database.close();
  }
  return {
    engine,
    dataDir,
    databaseUrl,
    seeded,
    open,
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl) {
        const client = new pg.Client({ connectionString: admin });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
        await client.end();
      }
    },
  };
}

export async function seedLoadInstallation(engine: Engine, households: number): Promise<LoadInstallation> {
  const inst = await seedInstallation(engine, async (t) => {
    const { ctx } = t;
    const terminal = await setUpTerminal(t, { regionCode: 'AN-01' });
    await seedPopulation(ctx, { households, duplicates: 0, seed: 'redemption-load', pointOf: () => terminal.pointCode });
    await issueFirstCards(ctx, { ...SYSTEM_ACTOR, regionScopes: ['*'] });
    const cycleId = await programWithCycle(ctx, definition('load-food', { sector: 'food', unit: 'household', measure: 'box', points: [terminal.pointCode] }), {
      eligibility: 'household.size > 0',
      quantity: '1',
      pricePerUnit: PRICE,
    });
    const cards = await ctx.db
      .selectFrom('household as h')
      .innerJoin('person as p', 'p.household_id', 'h.id')
      .innerJoin('card as c', 'c.person_id', 'p.id')
      .select(['h.id as household', 'c.card_number'])
      .where('h.distribution_point', '=', terminal.pointCode)
      .where('c.revoked_at', 'is', null)
      .orderBy('h.id')
      .orderBy('c.card_number')
      .execute();
    const deriver = new PseudonymDeriver(ctx.config.masterKey);
    const byHousehold = new Map<string, string>();
    for (const c of cards) if (!byHousehold.has(c.household)) byHousehold.set(c.household, c.card_number);
    const entitlements = [...byHousehold].map(([household, card]) => ({ subject: deriver.householdPseudonymOf('food', household), card }));
    return { terminal, cycleId, entitlements };
  });
  const { terminal, cycleId, entitlements } = inst.seeded;
  return {
    engine,
    dataDir: inst.dataDir,
    databaseUrl: inst.databaseUrl,
    pointCode: terminal.pointCode,
    terminal: { terminalId: terminal.terminalId, privateKey: terminal.privateKey },
    agentUsername: terminal.agent.username,
    agentId: terminal.agentId,
    cycleId,
    entitlements,
    open: inst.open,
    remove: inst.remove,
  };
}

/** `amparo start` on the installation, in a child process. */
export interface RunningServer {
  url: string;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export async function startLoadServer(inst: { dataDir: string; databaseUrl: string | undefined }, options: { nodeArgs?: string[] } = {}): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    AMPARO_MODE: 'test',
    AMPARO_MASTER_KEY: TEST_MASTER_KEY,
    AMPARO_RATE_LIMIT_PER_MINUTE: '100000000',
    AMPARO_LOGIN_RATE_PER_MINUTE: '10000',
    AMPARO_CHECKPOINT_MINUTES: '0',
    AMPARO_SMS_FILE: join(inst.dataDir, 'sms.log'),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  if (inst.databaseUrl) env.DATABASE_URL = inst.databaseUrl;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), AMPARO_BIN, '--data-dir', inst.dataDir, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output = (output + d).slice(-200_000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready in time:\n${output}`);
    }
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    process.removeListener('exit', killOnExit);
  };
  return { url, output: () => output, kill, stop: () => kill('SIGTERM') };
}

/** The agent's session on the running server: its cookie and CSRF token. */
export async function logIn(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
  if (r.status !== 200) throw new Error(`login: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('amparo_session='))!;
  const body = (await r.json()) as { next: string; csrfToken: string };
  if (body.next !== 'done') throw new Error(`login needs ${body.next}`);
  return { cookie, csrf: body.csrfToken };
}

/** A whole-box redemption record of the installation's terminal for one entitlement, signed. */
export function signedRedemption(inst: LoadInstallation, e: { subject: string; card: string }, id = randomUUID()) {
  const record: RedemptionRecord = {
    id,
    terminalId: inst.terminal.terminalId,
    agentId: inst.agentId,
    cycleId: inst.cycleId,
    subject: e.subject,
    cardNumber: e.card,
    quantity: '1',
    payment: { method: 'cash', amount: PRICE, currency: 'XAM' },
    redeemedAt: new Date().toISOString(),
  };
  return { record, signature: signRecord(inst.terminal.privateKey, record) };
}

/** POST /api/terminal/redemptions over HTTP: the status and the error code, if any. */
export async function redeemOverHttp(url: string, inst: LoadInstallation, session: { cookie: string; csrf: string }, body: ReturnType<typeof signedRedemption>) {
  const r = await signedFetch(url, { method: 'POST', url: '/api/terminal/redemptions', body, terminal: inst.terminal, session });
  const json = (await r.json()) as { error?: { code: string } };
  return { status: r.status, code: json.error?.code };
}

/** Runs `task` over the items with `concurrency` workers; answers the results in item order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]!);
      }
    }),
  );
  return results;
}
