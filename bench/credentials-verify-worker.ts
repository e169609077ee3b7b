/**
 * One worker of credentials.verify_bulk: builds its own trust store and status list
 * from the published documents (as a verifier would), then on each request verifies
 * its batch of cards with verifyCard, or the same number of raw node:crypto verifies.
 */
import { createPublicKey, verify } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeStatusListToken } from '../src/credentials/codec/status-list.ts';
import { trustStoreFrom, type TrustListDocument } from '../src/credentials/codec/trust-list.ts';
import { verifyCard } from '../src/credentials/codec/verify-card.ts';
import { nodeVerifier } from '../src/credentials/node-ed25519.ts';

export interface VerifyWorkerData {
  trustDocument: TrustListDocument;
  pinnedAnchor: string;
  statusToken: Uint8Array;
  now: number;
  cards: string[];
  raw: { spkiDer: Uint8Array; messages: Uint8Array[]; signatures: Uint8Array[] };
}

export type VerifyWorkerRequest = { kind: 'ours' | 'raw'; passes: number };
export type VerifyWorkerReply = { ready: true } | { kind: 'ours' | 'raw'; verified: number; accepted: number };

const data = workerData as VerifyWorkerData;
const trust = trustStoreFrom(data.trustDocument, nodeVerifier, data.pinnedAnchor);
const statusList = decodeStatusListToken(data.statusToken, trust.verifyAnchor);
const options = { trust, statusList, now: data.now };
const key = createPublicKey({ key: Buffer.from(data.raw.spkiDer), format: 'der', type: 'spki' });

function ours(passes: number) {
  let accepted = 0;
  for (let p = 0; p < passes; p++) for (const card of data.cards) if (verifyCard(card, options).valid) accepted++;
  return accepted;
}

function raw(passes: number) {
  let accepted = 0;
  const { messages, signatures } = data.raw;
  for (let p = 0; p < passes; p++) for (let i = 0; i < messages.length; i++) if (verify(null, messages[i]!, key, signatures[i]!)) accepted++;
  return accepted;
}

// Warm both paths before the first timed request.
ours(1);
raw(1);
parentPort!.postMessage({ ready: true } satisfies VerifyWorkerReply);
parentPort!.on('message', ({ kind, passes }: VerifyWorkerRequest) => {
  const accepted = kind === 'ours' ? ours(passes) : raw(passes);
  parentPort!.postMessage({ kind, verified: passes * data.cards.length, accepted } satisfies VerifyWorkerReply);
});
