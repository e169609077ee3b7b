import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { toBase64Url } from '../src/credentials/codec/bytes.ts';
import { newCardNumber } from '../src/credentials/codec/card-number.ts';
import { decodeCardText, issueCardText, type CardClaims } from '../src/credentials/codec/credential.ts';
import { bitsFromRevokedIndexes, decodeStatusListToken, encodeStatusListToken } from '../src/credentials/codec/status-list.ts';
import { trustStoreFrom } from '../src/credentials/codec/trust-list.ts';
import { verifyCard } from '../src/credentials/codec/verify-card.ts';
import { nodeVerifier } from '../src/credentials/node-ed25519.ts';
import { cardClaims, fakeFace, NOW, STATUS_LIST_URI, testKey, trustListDocument } from '../test/credentials/card-fixtures.ts';
import type { VerifyWorkerData, VerifyWorkerReply, VerifyWorkerRequest } from './credentials-verify-worker.ts';
import type { Benchmark, BenchResult } from './lib/types.ts';

/**
 * credentials.verify — verifyCard (base45, zlib, COSE, Ed25519 with node:crypto, trust
 * list, validity, a status list of 1,000,000 cards) on distinct valid cards, against raw
 * node:crypto `verify` of messages of the same sizes with a ready KeyObject, in the
 * same process, alternating rounds. credentials.verify_bulk — the same on every core
 * with worker threads. credentials.issue — issueCardText (claims, COSE, Ed25519 sign,
 * zlib, base45) against raw node:crypto `sign` of payloads of the same sizes.
 */

const STATUS_LIST_SIZE = 1_000_000;
const utf8 = (text: string) => new TextEncoder().encode(text);
const anchor = testKey(0xa0, utf8('bench-anchor'));
const issuer = testKey(0x11, utf8('bench-issuer'));

/** A small seeded generator, so that every run measures the same cards. */
function seeded(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>>= 0);
  };
  return {
    next,
    bytes: (out: Uint8Array) => {
      for (let i = 0; i < out.length; i++) out[i] = next() & 0xff;
      return out;
    },
  };
}

const GIVEN = ['María José', 'Luis', 'Ana Carolina', 'José Gregorio', 'Yusmary', 'Pedro', 'Daniela Alejandra', 'Carlos'];
const FAMILY = ['Pérez Rodríguez', 'González', 'Hernández Díaz', 'García de la Cruz', 'Martínez', 'López Ramírez'];

/** `count` distinct cards: their own numbers, names, birth dates and status indexes. */
function distinctClaims(count: number, seed: number, isRevoked: (index: number) => boolean = () => false): CardClaims[] {
  const random = seeded(seed);
  const out: CardClaims[] = [];
  for (let i = 0; out.length < count; i++) {
    const index = Math.floor((i * STATUS_LIST_SIZE) / (count * 1.5)) % STATUS_LIST_SIZE;
    if (isRevoked(index)) continue;
    const given = GIVEN[random.next() % GIVEN.length]!;
    const family = FAMILY[random.next() % FAMILY.length]!;
    const day = String(1 + (random.next() % 28)).padStart(2, '0');
    out.push(
      cardClaims({
        index,
        identity: {
          cardNumber: newCardNumber(random.bytes),
          language: 'spa',
          fullName: `${given} ${family}`,
          firstName: given,
          lastName: family,
          birthDate: `19${50 + (random.next() % 50)}-0${1 + (random.next() % 9)}-${day}`,
          gender: (1 + (random.next() % 2)) as 1 | 2,
          countryOfIssuance: 'XA',
        },
      }),
    );
  }
  return out;
}

/** Seconds per round for `a` and `b`, alternating which goes first so that drift hits both alike. */
function alternate(rounds: number, a: () => void, b: () => void) {
  const times = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 ? (['b', 'a'] as const) : (['a', 'b'] as const)) {
      const start = performance.now();
      (which === 'a' ? a : b)();
      times[which].push((performance.now() - start) / 1000);
    }
  }
  return times;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function verifySetup(count: number) {
  const document = trustListDocument({ anchor, keys: [{ key: issuer }] });
  const pinnedAnchor = toBase64Url(anchor.publicKey);
  const random = seeded(1_000_003);
  const revoked = new Set<number>();
  while (revoked.size < STATUS_LIST_SIZE / 100) revoked.add(random.next() % STATUS_LIST_SIZE);
  const statusToken = encodeStatusListToken(
    { uri: STATUS_LIST_URI, issuedAt: NOW - 3600, expiresAt: NOW + 7 * 86_400, ttl: 300, bits: bitsFromRevokedIndexes(revoked, STATUS_LIST_SIZE) },
    anchor.signer,
  );
  const cards = distinctClaims(count, 7, (index) => revoked.has(index)).map((claims) => issueCardText(claims, issuer.signer));
  // The baseline's messages: random bytes of the same length as each card's Sig_structure.
  const messages = cards.map((card) => random.bytes(new Uint8Array(decodeCardText(card).signedBytes.length)));
  const signatures = messages.map((message) => issuer.signRaw(message));
  const spkiDer = new Uint8Array(Buffer.concat([SPKI_PREFIX, issuer.publicKey]));
  const data: VerifyWorkerData = { trustDocument: document, pinnedAnchor, statusToken, now: NOW, cards, raw: { spkiDer, messages, signatures } };
  return data;
}

/**
 * A worker thread running a TypeScript file. Node 20 carries neither tsx's loader hooks
 * nor an `--import tsx` in execArgv into a worker for a .ts entry file (ERR_UNKNOWN_FILE_EXTENSION),
 * so a small bootstrap registers tsx inside the worker first, then imports the file.
 */
function tsWorker(file: URL, workerData: unknown): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

async function bulk(data: VerifyWorkerData, rounds: number, passes: number) {
  const workers = Array.from({ length: availableParallelism() }, () => tsWorker(new URL('./credentials-verify-worker.ts', import.meta.url), data));
  const reply = (worker: Worker) =>
    new Promise<VerifyWorkerReply>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      worker.once('error', fail);
      worker.once('message', (message: VerifyWorkerReply) => {
        worker.off('error', fail);
        resolve(message);
      });
    });
  try {
    await Promise.all(workers.map(reply));
    const run = async (kind: 'ours' | 'raw') => {
      const replies = workers.map(reply);
      const start = performance.now();
      for (const worker of workers) worker.postMessage({ kind, passes } satisfies VerifyWorkerRequest);
      const done = await Promise.all(replies);
      const seconds = (performance.now() - start) / 1000;
      let verified = 0;
      for (const d of done) {
        if (!('verified' in d) || d.accepted !== d.verified) throw new Error(`a worker accepted ${'accepted' in d ? d.accepted : '?'} of ${'verified' in d ? d.verified : '?'}`);
        verified += d.verified;
      }
      return verified / seconds;
    };
    const rates = { ours: [] as number[], raw: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      for (const kind of r % 2 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const)) rates[kind].push(await run(kind));
    }
    return { workers: workers.length, ours: median(rates.ours), raw: median(rates.raw) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export const credentialsVerifyBench: Benchmark = {
  name: 'credentials.verify',
  description: 'verifyCard (decode, signature, trust, revocation in 1 M) vs raw node:crypto Ed25519 verify; one core and all cores',
  async run(env) {
    const count = env.quick ? 1_000 : 5_000;
    const rounds = env.quick ? 5 : 9;
    const data = verifySetup(count);
    const trust = trustStoreFrom(data.trustDocument, nodeVerifier, data.pinnedAnchor);
    const statusList = decodeStatusListToken(data.statusToken, trust.verifyAnchor);
    const options = { trust, statusList, now: NOW };
    const key = createPublicKey({ key: Buffer.from(data.raw.spkiDer), format: 'der', type: 'spki' });
    const { cards, raw } = data;
    let accepted = 0;
    const ours = () => {
      for (const card of cards) if (verifyCard(card, options).valid) accepted++;
    };
    const baseline = () => {
      for (let i = 0; i < raw.messages.length; i++) if (verify(null, raw.messages[i]!, key, raw.signatures[i]!)) accepted++;
    };
    ours();
    baseline();
    if (accepted !== 2 * count) throw new Error(`only ${accepted} of ${2 * count} verified in the warm-up`);
    const times = alternate(rounds, ours, baseline);
    const single = { ours: count / median(times.a), raw: count / median(times.b) };
    const sigSizes = raw.messages.map((m) => m.length);
    const all = await bulk(data, env.quick ? 3 : 5, env.quick ? 1 : 2);
    const scaledRaw = single.raw * all.workers;
    return [
      {
        name: 'credentials.verify',
        value: Math.round(single.ours),
        unit: 'verifies/s',
        baseline: Math.round(single.raw),
        ratio: single.ours / single.raw,
        target: '≥ 0.85',
        notes: `${count} distinct cards, status list of ${STATUS_LIST_SIZE.toLocaleString('en')} cards, signed messages ${Math.min(...sigSizes)}–${Math.max(...sigSizes)} bytes, median of ${rounds} alternating rounds`,
      },
      {
        name: 'credentials.verify_bulk',
        value: Math.round(all.ours),
        unit: 'verifies/s',
        baseline: Math.round(scaledRaw),
        ratio: all.ours / scaledRaw,
        target: '≥ 0.80 (× cores of one-core raw)',
        notes: `${all.workers} worker threads; baseline = one-core raw ${Math.round(single.raw)}/s × ${all.workers}; raw verify on all ${all.workers} cores ${Math.round(all.raw)}/s (ours ${((all.ours / all.raw) * 100).toFixed(1)} % of it)`,
      },
    ] satisfies BenchResult[];
  },
};

interface QrMatrixModule {
  qrMatrix(text: string): { version: number };
}

/** The QR version at level M, when the card PDF's QR module is there (it is written separately). */
async function qrVersion(): Promise<((text: string) => number) | undefined> {
  try {
    const module = (await import(new URL('../src/credentials/card-pdf/qr-matrix.ts', import.meta.url).href)) as QrMatrixModule;
    return (text) => module.qrMatrix(text).version;
  } catch {
    return undefined;
  }
}

export const credentialsIssueBench: Benchmark = {
  name: 'credentials.issue',
  description: 'issueCardText (claims, COSE, Ed25519 sign, zlib, base45) vs raw node:crypto Ed25519 sign',
  async run(env) {
    const count = env.quick ? 1_000 : 5_000;
    const rounds = env.quick ? 5 : 9;
    const claims = distinctClaims(count, 11);
    const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), issuer.seed]), format: 'der', type: 'pkcs8' });
    // The baseline signs payloads of the size of each card's Sig_structure.
    const random = seeded(99);
    const payloads = claims.map((c) => random.bytes(new Uint8Array(decodeCardText(issueCardText(c, issuer.signer)).signedBytes.length)));
    let chars = 0;
    const ours = () => {
      for (const c of claims) chars += issueCardText(c, issuer.signer).length;
    };
    const baseline = () => {
      for (const payload of payloads) chars += sign(null, payload, privateKey).length;
    };
    ours();
    baseline();
    const times = alternate(rounds, ours, baseline);
    const value = count / median(times.a);
    const base = count / median(times.b);

    const plain = issueCardText(claims[0]!, issuer.signer);
    const withFace = issueCardText({ ...claims[0]!, identity: { ...claims[0]!.identity, faceWebp: fakeFace(500) } }, issuer.signer);
    const version = await qrVersion();
    const size = (text: string) => `${text.length} characters${version ? ` (QR version ${version(text)} at level M)` : ''}`;
    if (!verifyCard(withFace, { trust: trustStoreFrom(trustListDocument({ anchor, keys: [{ key: issuer }] }), nodeVerifier), statusList: undefined, now: NOW }).claims) {
      throw new Error('the issued card does not read back');
    }
    return [
      {
        name: 'credentials.issue',
        value: Math.round(value),
        unit: 'cards/s',
        baseline: Math.round(base),
        ratio: value / base,
        target: '≥ 0.70',
        notes: `QR text without a face ${size(plain)}, with a 500-byte face ${size(withFace)}; ${count} distinct cards, median of ${rounds} alternating rounds`,
      },
    ] satisfies BenchResult[];
  },
};
