import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/audit/write-audit.ts';
import { createOfficial } from '../src/auth/officials.ts';
import { openContext } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { issueFirstCards } from '../src/credentials/issue-cards-in-bulk.ts';
import { runCycle } from '../src/cycles/run-cycle.ts';
import { readReconciliation } from '../src/distribution/reconciliation/read-reconciliation.ts';
import { trialBalance } from '../src/ledger/balances.ts';
import { changeProgramStatus } from '../src/programs/change-program-status.ts';
import { createProgram } from '../src/programs/create-program.ts';
import { todayUtc } from '../src/programs/program-definition.ts';
import { publishRule } from '../src/programs/publish-rule.ts';
import { DEMO_PROGRAM_RULES } from '../src/programs/rules/demo-program-rules.ts';
import { deriverOf } from '../src/pseudonyms/service.ts';
import { installDefaultCatalogue } from '../src/registry/catalogue/default-catalogue.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../src/regions/load-regions.ts';
import { findPostgresBindir, freePort } from '../test/support/postgres-server.ts';
import type { LoadPlan } from './distribution-load-worker.ts';
import type { Benchmark } from './lib/types.ts';

const SERVER = fileURLToPath(new URL('./distribution-server-worker.ts', import.meta.url));
const LOAD = fileURLToPath(new URL('./distribution-load-worker.ts', import.meta.url));
const CEILING = fileURLToPath(new URL('./distribution-ceiling-worker.ts', import.meta.url));
const MASTER_KEY = Buffer.alloc(32, 5).toString('base64');
const PASSWORD = 'Banco-De-Pruebas-2026';
const PRICE = '25000.00';
const CONNECTIONS = 100;
const PGBENCH_CLIENTS = 16;

/**
 * distribution.redeem — full redemptions over HTTP against the real server (its own
 * process, src/server.ts) on native durable PostgreSQL: 100 keep-alive connections, each
 * a terminal with its agent's session, each request an online redemption of a distinct
 * entitlement (signed request, signed record, terminal and session checks, card and
 * entitlement look-up, the price's ledger posting, the redemption row, the audit entry,
 * synchronous commit). Against pgbench's single `INSERT … ON CONFLICT DO NOTHING` of a
 * redemption row at 16 clients, synchronous commit, measured before and after and
 * averaged. Afterwards the database is checked: one redemption per entitlement, one
 * posting per redemption, the ledger level and every point's reconciliation balanced.
 */
export const distributionBench: Benchmark = {
  name: 'distribution.redeem',
  description: 'full HTTP redemptions, 100 connections, vs pgbench single-row INSERT … ON CONFLICT at 16 clients',
  async run(env) {
    const households = env.quick ? 4_000 : 40_000;
    const seconds = env.quick ? 5 : 15;
    const points = ['BENCH-P1', 'BENCH-P2', 'BENCH-P3', 'BENCH-P4'];
    const url = await env.freshPostgresDatabase();
    const config = loadConfig({ AMPARO_MODE: 'test', DATABASE_URL: url, AMPARO_MASTER_KEY: MASTER_KEY, LOG_LEVEL: 'silent' });
    const opened = await openContext(config);
    const { ctx } = opened;
    let server: { child: ChildProcess; url: string } | undefined;
    try {
      const setup = await seed(ctx, households, points);
      const baseBefore = await pgbench(url, seconds);
      server = await startServer(url);
      const terminals = await loginTerminals(server.url, setup.terminals);
      const plan: LoadPlan = { url: server.url, connections: Number(process.env.AMPARO_BENCH_CONNECTIONS ?? CONNECTIONS), durationMs: seconds * 1000 + 1500, warmupMs: 1500, cycleId: setup.cycleId, currency: 'XAM', amount: PRICE, terminals, work: setup.work };
      const ceiling = await measureCeiling(plan, setup.terminals);
      const loadAverage = loadavg()[0]!;
      const sampling = sampleWaits(ctx);
      const cpuBefore = cpuSeconds(server.child.pid!);
      const load = await runLoadWorker(plan);
      const serverCpu = cpuSeconds(server.child.pid!) - cpuBefore;
      const waits = await sampling.stop();
      await stopServer(server);
      server = undefined;
      const baseAfter = await pgbench(url, seconds);
      const baseline = (baseBefore + baseAfter) / 2;
      const checks = await verify(ctx, setup.cycleId, points, load.statuses['201'] ?? 0);
      return [
        {
          name: 'distribution.redeem',
          value: Math.round(load.perSecond),
          unit: 'redemptions/s',
          baseline: Math.round(baseline),
          ratio: load.perSecond / baseline,
          target: '≥ 40 %',
          notes:
            `p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms; ${plan.connections} connections, ${terminals.length} terminals at ${points.length} points, ` +
            `${households.toLocaleString('en')} entitlements${load.exhausted ? ' (all redeemed before the time was up: measured until then)' : ''}; HTTP ${JSON.stringify(load.statuses)}; pgbench ${Math.round(baseBefore)} / ${Math.round(baseAfter)} tps (${PGBENCH_CLIENTS} clients); ${checks}; ` +
            `machine load average ${loadAverage.toFixed(1)} on ${cpus().length} cores at the start of the load; ` +
            `server process CPU ${((serverCpu * 1000) / Math.max(1, (load.statuses['201'] ?? 0) + (load.statuses['409'] ?? 0))).toFixed(1)} ms per redemption; ` +
            `server's database connections, mean count by state and wait event: ${waits}`,
        },
        {
          name: 'distribution.redeem_ceiling',
          value: Math.round(ceiling.perSecond),
          unit: 'requests/s',
          baseline: Math.round(baseline),
          ratio: ceiling.perSecond / baseline,
          notes:
            `no database: a bare Fastify route that only hashes the body and verifies the request's and the record's Ed25519 signatures, same load worker and connections — ` +
            `the most any server of the terminal protocol can answer on this machine; the real server did ${((100 * load.perSecond) / ceiling.perSecond).toFixed(1)} % of it; ` +
            `p50 ${ceiling.p50Ms.toFixed(1)} ms, p99 ${ceiling.p99Ms.toFixed(1)} ms; HTTP ${JSON.stringify(ceiling.statuses)}`,
        },
      ];
    } finally {
      if (server) await stopServer(server);
      await opened.close();
    }
  },
};

type Ctx = Awaited<ReturnType<typeof openContext>>['ctx'];

/**
 * The population, written fast and honestly: households and one head each straight in
 * SQL (income 0, so every household is due one food box), their points, the food box
 * served at them with its first rule from the month's first day (the demo seeding's
 * exception, test mode) and the current cycle run by `runCycle`; cards issued by
 * `issueFirstCards`; an agent per point (a real account) assigned to it, and 25
 * terminals per point with their own Ed25519 keys, enrolled.
 */
async function seed(ctx: Ctx, households: number, points: string[]) {
  await loadRegions(ctx.db, DEMO_REGIONS_CSV);
  await installDefaultCatalogue(ctx);
  for (const code of points) {
    await sql`INSERT INTO distribution_point (code, name, kind, region_code, created_by_name) VALUES (${code}, ${`Punto ${code}`}, 'food', 'AN-01', 'bench')`.execute(ctx.db);
  }
  await sql`
    INSERT INTO household (id, region_code, address, distribution_point, version)
    SELECT md5('bench-household' || g)::uuid, 'AN-01-01', '{"street": "Calle 1"}'::jsonb, (${points}::text[])[1 + g % ${points.length}::int], 1
    FROM generate_series(1, ${households}::int) g`.execute(ctx.db);
  await sql`
    INSERT INTO person (id, household_id, relationship, region_code, given_names, family_names, sex, birth_date, evidence, attributes, version)
    SELECT md5('bench-person' || g)::uuid, md5('bench-household' || g)::uuid, 'head', 'AN-01-01', 'Nombre', 'Apellido', CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END,
           make_date(1950 + g % 50, 1 + g % 12, 1 + g % 28), '[{"kind": "declaration"}]'::jsonb, '{"monthly_income": "0.00", "formal_employment": false}'::jsonb, 1
    FROM generate_series(1, ${households}::int) g`.execute(ctx.db);

  const actor = { ...SYSTEM_ACTOR, programScopes: ['*'], regionScopes: ['*'] };
  const food = DEMO_PROGRAM_RULES.find((r) => r.key === 'food_box')!;
  const firstOfMonth = `${todayUtc().slice(0, 7)}-01`;
  await createProgram(ctx, actor, {
    code: 'food-box', name: { es: 'Caja de alimentos', en: 'Food box' }, description: { es: 'Banco de pruebas', en: 'Benchmark' }, sector: 'food', unit: 'household',
    benefitKind: 'in_kind', item: { es: 'caja', en: 'box' }, measure: 'box', currency: 'XAM', frequency: 'monthly', distributionPoints: points, reason: 'benchmark',
  });
  await publishRule(ctx, actor, 'food-box', {
    expectedRuleVersion: 0, eligibility: food.eligibility, quantity: food.quantity, pricePerUnit: PRICE, costPerUnit: '400000.00', budgetPerCycle: '99999999999999.99', validFrom: firstOfMonth, reason: 'benchmark',
  }, { demoFirstRuleFrom: firstOfMonth });
  await changeProgramStatus(ctx, actor, 'food-box', 'activate', { expectedVersion: 1, reason: 'benchmark' });
  const cycle = await runCycle(ctx, actor, 'food-box', todayUtc().slice(0, 7));
  if (cycle.cycle.status !== 'open' || cycle.created !== households) throw new Error(`the bench cycle is ${cycle.cycle.status} with ${cycle.created} entitlements`);
  const cycleId = (await sql<{ id: string }>`SELECT id FROM cycle`.execute(ctx.db)).rows[0]!.id;
  await issueFirstCards(ctx, { ...SYSTEM_ACTOR, regionScopes: ['*'] });

  const deriver = deriverOf(ctx);
  const cards = (await sql<{ card_number: string; household_id: string; point: string }>`
    SELECT c.card_number, p.household_id, h.distribution_point AS point FROM card c JOIN person p ON p.id = c.person_id JOIN household h ON h.id = p.household_id ORDER BY c.card_number`.execute(ctx.db)).rows;
  const work: LoadPlan['work'] = Object.fromEntries(points.map((p) => [p, []]));
  for (const c of cards) work[c.point]!.push({ subject: deriver.householdPseudonymOf('food', c.household_id), cardNumber: c.card_number });

  const terminals: (Omit<LoadPlan['terminals'][number], 'cookie' | 'csrf'> & { username: string; publicKey: string })[] = [];
  for (const [i, point] of points.entries()) {
    const username = `benchagent${i + 1}`;
    await createOfficial(ctx, SYSTEM_ACTOR, { username, displayName: `Agente ${point}`, role: 'distribution_agent', password: PASSWORD, regionScopes: ['AN'], programScopes: ['*'], demoSkipsSecondFactor: true });
    const agentId = (await sql<{ id: string }>`SELECT id FROM official WHERE username = ${username}`.execute(ctx.db)).rows[0]!.id;
    await sql`INSERT INTO distribution_point_agent (point_code, official_id, assigned_by_name) VALUES (${point}, ${agentId}::uuid, 'bench')`.execute(ctx.db);
    for (let k = 0; k < CONNECTIONS / points.length; k++) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const id = randomUUID();
      const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
      await sql`INSERT INTO terminal (id, point_code, label, enrolment_expires_at, public_key, enrolled_at, enrolled_by, registered_by_name)
        VALUES (${id}::uuid, ${point}, ${`Terminal ${k + 1}`}, now(), ${raw}, now(), ${agentId}::uuid, 'bench')`.execute(ctx.db);
      terminals.push({ id, pointCode: point, agentId, username, publicKey: raw.toString('base64'), privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') });
    }
  }
  await sql`ANALYZE`.execute(ctx.db);
  return { cycleId, work, terminals };
}

/** Starts the real server (bench/distribution-server-worker.ts) on the database. */
function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const profile = process.env.AMPARO_BENCH_CPU_PROFILE;
  return spawnListening([...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), '--import', 'tsx', SERVER], {
    AMPARO_MODE: 'test',
    DATABASE_URL: databaseUrl,
    AMPARO_MASTER_KEY: MASTER_KEY,
    AMPARO_DATA_DIR: mkdtempSync(join(tmpdir(), 'amparo-bench-server-')),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    AMPARO_RATE_LIMIT_PER_MINUTE: '100000000',
    AMPARO_LOGIN_RATE_PER_MINUTE: '100000',
    AMPARO_CHECKPOINT_MINUTES: '0',
  });
}

/**
 * The ceiling: the bare Fastify server of bench/distribution-ceiling-worker.ts, which
 * only verifies the two signatures of each request, with the terminals' public keys.
 */
function startCeiling(terminals: { id: string; publicKey: string }[], dir: string): Promise<{ child: ChildProcess; url: string }> {
  const file = join(dir, 'ceiling-terminals.json');
  writeFileSync(file, JSON.stringify({ terminals }));
  return spawnListening(['--import', 'tsx', CEILING, file], {});
}

/** Spawns a Node process on a free port and waits for the `{ "url": … }` line it prints when it listens. */
async function spawnListening(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.at(-1)} did not listen within 60 s`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.at(-1)} exited (${code}) before it listened`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{"url"'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  child.stdout!.resume();
  return { child, url };
}

async function stopServer(server: { child: ChildProcess }) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Where the server's database connections are while the load runs: pg_stat_activity
 * sampled every 100 ms, counted by state and wait event (a profile of the database
 * side; the server's own CPU profile is `AMPARO_BENCH_CPU_PROFILE=<dir>`).
 */
function sampleWaits(ctx: Ctx) {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await sql<{ what: string; n: number }>`
        SELECT state || coalesce(' ' || wait_event_type || ':' || wait_event, '') AS what, count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' GROUP BY 1`.execute(ctx.db);
      samples++;
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + r.n);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return [...counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => `${what} ${(n / Math.max(1, samples)).toFixed(1)}`).join(', ');
    },
  };
}

/** User and system CPU seconds a process has used so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Each agent signs in once over HTTP; every terminal of its point uses that session. */
async function loginTerminals(baseUrl: string, terminals: (Omit<LoadPlan['terminals'][number], 'cookie' | 'csrf'> & { username: string })[]): Promise<LoadPlan['terminals']> {
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  for (const username of new Set(terminals.map((t) => t.username))) {
    const r = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    const body = (await r.json()) as { next?: string; csrfToken?: string };
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('amparo_session='))?.split(';')[0];
    if (r.status !== 200 || body.next !== 'done' || !cookie || !body.csrfToken) throw new Error(`login of ${username} failed: ${r.status} ${JSON.stringify(body)}`);
    sessions.set(username, { cookie, csrf: body.csrfToken });
  }
  return terminals.map(({ username, ...t }) => ({ ...t, ...sessions.get(username)! }));
}

/**
 * The same load against the ceiling server (no database). Each point's work is repeated
 * so that the faster server does not run out of it before the time is up.
 */
async function measureCeiling(plan: LoadPlan, terminals: { id: string; publicKey: string }[]): Promise<LoadOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'amparo-bench-ceiling-'));
  const ceiling = await startCeiling(terminals, dir);
  try {
    const work = Object.fromEntries(Object.entries(plan.work).map(([point, items]) => [point, Array.from({ length: 8 }, () => items).flat()]));
    return await runLoadWorker({ ...plan, url: ceiling.url, work });
  } finally {
    await stopServer(ceiling);
    rmSync(dir, { recursive: true, force: true });
  }
}

interface LoadOutcome {
  statuses: Record<string, number>;
  measured: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  exhausted: boolean;
}

async function runLoadWorker(plan: LoadPlan): Promise<LoadOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'amparo-bench-load-'));
  try {
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (status !== 0) throw new Error(`the load worker failed (${status})`);
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadOutcome;
    return outcome;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The raw limit: pgbench, as the `postgres` user like the server, running one
 * `INSERT … ON CONFLICT DO NOTHING` of a redemption row (uuid key, the unique pickup
 * key) per transaction at 16 clients, synchronous commit, for `seconds`. Returns tps.
 */
async function pgbench(databaseUrl: string, seconds: number): Promise<number> {
  const bindir = findPostgresBindir();
  if (!bindir) throw new Error('pgbench not found: apt-get install -y postgresql');
  const u = new URL(databaseUrl);
  const database = u.pathname.slice(1);
  const dir = mkdtempSync(join(tmpdir(), 'amparo-pgbench-'));
  chmodSync(dir, 0o755);
  const script = join(dir, 'redeem.sql');
  writeFileSync(
    script,
    [
      '\\set n random(1, 2000000000)',
      "INSERT INTO bench_redemption (id, cycle_id, subject, pickup, quantity, amount, redeemed_at) VALUES (gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 's' || :n, 1, 1, 25000.00, now()) ON CONFLICT DO NOTHING;",
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o644);
  const psql = (statement: string) => run(join(bindir, 'psql'), ['-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-qc', statement]);
  try {
    psql(`DROP TABLE IF EXISTS bench_redemption; CREATE TABLE bench_redemption (id uuid PRIMARY KEY, cycle_id uuid NOT NULL, subject text NOT NULL, pickup smallint NOT NULL,
      quantity numeric(16, 3) NOT NULL, amount numeric(16, 2) NOT NULL, redeemed_at timestamptz NOT NULL, UNIQUE (cycle_id, subject, pickup))`);
    const out = run(join(bindir, 'pgbench'), ['-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', '-n', '-M', 'prepared', '-c', String(PGBENCH_CLIENTS), '-j', '2', '-T', String(seconds), '-f', script, database]);
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps:\n${out}`);
    return tps;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a PostgreSQL client tool, as the `postgres` user when we are root (like the server). */
function run(tool: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', tool, ...args], { encoding: 'utf8' }) : spawnSync(tool, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Zero doubles and a level ledger, or the benchmark fails. Returns the notes' summary. */
async function verify(ctx: Ctx, cycleId: string, points: string[], created: number): Promise<string> {
  const { rows } = await sql<{ redemptions: number; entitlements: number; postings: number; cash: string; amounts: string }>`
    SELECT (SELECT count(*)::int FROM redemption) AS redemptions,
           (SELECT count(DISTINCT (cycle_id, subject))::int FROM redemption) AS entitlements,
           (SELECT count(*)::int FROM ledger_posting WHERE kind = 'collection') AS postings,
           (SELECT coalesce(sum(amount), 0)::text FROM redemption) AS amounts,
           (SELECT coalesce(sum(CASE WHEN side = 'debit' THEN amount ELSE -amount END), 0)::text FROM ledger_line WHERE account LIKE 'point:%:cash') AS cash`.execute(ctx.db);
  const c = rows[0]!;
  const problems: string[] = [];
  if (c.redemptions !== c.entitlements) problems.push(`${c.redemptions} redemptions of ${c.entitlements} entitlements: doubles`);
  if (c.redemptions !== created) problems.push(`${created} answered 201 but ${c.redemptions} rows`);
  if (c.postings !== c.redemptions) problems.push(`${c.postings} collection postings for ${c.redemptions} redemptions`);
  if (c.cash !== c.amounts) problems.push(`cash accounts ${c.cash} against redemptions ${c.amounts}`);
  if (!(await trialBalance(ctx.db)).balanced) problems.push('the trial balance is not level');
  const auditor = { id: null, name: 'bench', role: 'auditor', programScopes: ['*'], regionScopes: ['*'] };
  for (const point of points) {
    const r = await readReconciliation(ctx, auditor, point, cycleId);
    if (!r.balanced) problems.push(`${point} does not reconcile: ${JSON.stringify(r.discrepancies.slice(0, 3))}`);
  }
  if (problems.length) throw new Error(`distribution.redeem checks failed: ${problems.join('; ')}`);
  return `checked: ${c.redemptions} redemptions = distinct entitlements, ${c.postings} postings, cash ${c.cash} = prices, trial balance level, ${points.length} points reconciled`;
}
