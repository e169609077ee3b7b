import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  TERMINAL_HEADERS,
  offlineRecordSigningText,
  requestSigningText,
  type RedemptionRecord,
} from '../../src/distribution/protocol/terminal-protocol.ts';
import { DEMO_REGIONS_CSV, loadRegions } from '../../src/regions/load-regions.ts';
import type { Agent, TestApp } from './app.ts';
import { signedIn } from './officials.ts';

/** A terminal's key pair as a test holds it: node:crypto keys and the raw public key the server stores. */
export interface TerminalKeys {
  privateKey: KeyObject;
  publicKey: Uint8Array;
  /** base64url of the raw 32-byte public key, as enrolment sends it. */
  publicKeyText: string;
}

export function newTerminalKeys(): TerminalKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { privateKey, publicKey: new Uint8Array(Buffer.from(x, 'base64url')), publicKeyText: x };
}

/** What signs a request: the terminal's id and private key. */
export interface TerminalSigner {
  terminalId: string;
  privateKey: KeyObject;
}

/** The session of the agent using the terminal: its cookie and CSRF token (an `Agent` of test/support/app.ts will do). */
export interface AgentSession {
  cookie: string;
  csrf: string;
}

/** An enrolled terminal at a new point, with the officials that set it up. */
export interface TestTerminal extends TerminalSigner, TerminalKeys {
  pointCode: string;
  regionCode: string;
  admin: Agent & { username: string };
  agent: Agent & { username: string };
  agentId: string;
}

let pointCounter = 0;

/** The demo regions, loaded once per database (loading is idempotent). */
export async function ensureTestRegions(t: TestApp) {
  const any = await t.ctx.db.selectFrom('region').select('code').limit(1).executeTakeFirst();
  if (!any) await loadRegions(t.ctx.db, DEMO_REGIONS_CSV);
}

export const officialId = async (t: TestApp, username: string) =>
  (await t.ctx.db.selectFrom('official').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

function expectStatus(r: LightMyRequestResponse, status: number, what: string) {
  if (r.statusCode !== status) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** Creates a point through the real API, as `admin` (an administrator with national scope unless given). */
export async function createTestPoint(t: TestApp, options: { admin?: Agent & { username: string }; regionCode?: string; kind?: string; code?: string } = {}) {
  await ensureTestRegions(t);
  const admin = options.admin ?? (await signedIn(t, 'administrator'));
  const regionCode = options.regionCode ?? 'AN-01';
  const code = options.code ?? `PT-${process.pid}-${++pointCounter}`;
  expectStatus(await admin.post('/api/distribution/points', { code, name: `Punto ${code}`, kind: options.kind ?? 'food', regionCode }), 201, 'create point');
  return { admin, pointCode: code, regionCode };
}

/** Assigns `agent` (a distribution agent covering the point's region) to the point, through the API. */
export async function assignTestAgent(t: TestApp, admin: Agent, pointCode: string, agentUsername: string) {
  const id = await officialId(t, agentUsername);
  const r = await admin.post(`/api/distribution/points/${pointCode}/agents`, { officialId: id });
  if (r.statusCode !== 204) throw new Error(`assign agent: ${r.statusCode} ${r.body}`);
  return id;
}

/** Registers a terminal at the point (as `admin`) and answers its one-time enrolment code. */
export async function registerTestTerminal(admin: Agent, pointCode: string, label = 'Tablet 1') {
  return expectStatus(await admin.post(`/api/distribution/points/${pointCode}/terminals`, { label }), 201, 'register terminal') as {
    terminal: { id: string };
    enrolmentCode: string;
    expiresAt: string;
  };
}

/** Enrols a registered terminal with a new key pair, in `agent`'s session. */
export async function enrolTestTerminal(agent: Agent, enrolmentCode: string, keys = newTerminalKeys()) {
  const body = expectStatus(await agent.post('/api/terminal/enrol', { enrolmentCode, publicKey: keys.publicKeyText }), 200, 'enrol terminal') as { terminalId: string };
  return { ...keys, terminalId: body.terminalId };
}

/**
 * The whole set-up through the real HTTP routes: a point in `regionCode` (default AN-01),
 * an agent scoped to that region assigned to it, a terminal registered and enrolled with
 * a fresh Ed25519 key pair.
 */
export async function setUpTerminal(
  t: TestApp,
  options: { regionCode?: string; pointCode?: string; admin?: Agent & { username: string }; agent?: Agent & { username: string }; label?: string } = {},
): Promise<TestTerminal> {
  const point = options.pointCode && options.admin
    ? { admin: options.admin, pointCode: options.pointCode, regionCode: options.regionCode ?? 'AN-01' }
    : await createTestPoint(t, options);
  const agent = options.agent ?? (await signedIn(t, 'distribution_agent', { regions: [point.regionCode] }));
  const agentId = await officialId(t, agent.username);
  const assigned = await t.ctx.db
    .selectFrom('distribution_point_agent')
    .select('official_id')
    .where('point_code', '=', point.pointCode)
    .where('official_id', '=', agentId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (!assigned) await assignTestAgent(t, point.admin, point.pointCode, agent.username);
  const registered = await registerTestTerminal(point.admin, point.pointCode, options.label);
  const enrolled = await enrolTestTerminal(agent, registered.enrolmentCode);
  return { ...enrolled, pointCode: point.pointCode, regionCode: point.regionCode, admin: point.admin, agent, agentId };
}

/** The signature headers of one request. `body` is the exact text that will be sent (none for a GET). */
export function signatureHeaders(
  signer: TerminalSigner,
  request: { method: string; pathWithQuery: string; body?: string | Buffer | undefined; signedAt?: string },
): Record<string, string> {
  const signedAt = request.signedAt ?? new Date().toISOString();
  const bodySha256 = createHash('sha256').update(request.body ?? '').digest('hex');
  const text = requestSigningText({ terminalId: signer.terminalId, method: request.method, pathWithQuery: request.pathWithQuery, signedAt, bodySha256 });
  return {
    [TERMINAL_HEADERS.terminal]: signer.terminalId,
    [TERMINAL_HEADERS.signedAt]: signedAt,
    [TERMINAL_HEADERS.signature]: sign(null, Buffer.from(text, 'utf8'), signer.privateKey).toString('base64url'),
  };
}

export interface SignedRequestOptions {
  method: string;
  /** Path with its query, exactly as it will be sent and signed. */
  url: string;
  /** Sent as JSON (or as given, when a string); signed over exactly those bytes. */
  body?: unknown;
  terminal: TerminalSigner;
  session: AgentSession;
  /** Override the signing time (replay and clock-skew tests). */
  signedAt?: string;
  /** Headers set after signing (tampering tests). */
  headers?: Record<string, string>;
}

function encodeBody(body: unknown) {
  if (body === undefined) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function sessionHeaders(method: string, session: AgentSession, hasBody: boolean): Record<string, string> {
  return {
    ...(session.cookie ? { cookie: session.cookie } : {}),
    ...(session.csrf && method.toUpperCase() !== 'GET' ? { 'x-csrf-token': session.csrf } : {}),
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
  };
}

/** A signed terminal request through `app.inject`, in the agent's session. */
export function signedInject(app: FastifyInstance, options: SignedRequestOptions): Promise<LightMyRequestResponse> {
  const method = options.method.toUpperCase();
  const payload = encodeBody(options.body);
  return app.inject({
    method: method as 'GET',
    url: options.url,
    ...(payload === undefined ? {} : { payload }),
    headers: {
      ...sessionHeaders(method, options.session, payload !== undefined),
      ...signatureHeaders(options.terminal, { method, pathWithQuery: options.url, body: payload, ...(options.signedAt ? { signedAt: options.signedAt } : {}) }),
      ...options.headers,
    },
  });
}

/** The same signed request to a running server over HTTP (tests that start the server process). */
export function signedFetch(baseUrl: string, options: SignedRequestOptions): Promise<Response> {
  const method = options.method.toUpperCase();
  const payload = encodeBody(options.body);
  return fetch(new URL(options.url, baseUrl), {
    method,
    ...(payload === undefined ? {} : { body: payload }),
    headers: {
      ...sessionHeaders(method, options.session, payload !== undefined),
      ...signatureHeaders(options.terminal, { method, pathWithQuery: options.url, body: payload, ...(options.signedAt ? { signedAt: options.signedAt } : {}) }),
      ...options.headers,
    },
  });
}

/** The terminal's signature of an offline record (base64url), as the web terminal makes it. */
export function signRecord(privateKey: KeyObject, record: RedemptionRecord): string {
  return sign(null, Buffer.from(offlineRecordSigningText(record), 'utf8'), privateKey).toString('base64url');
}

