/**
 * The ceiling of distribution.redeem on this machine: a bare Fastify server that does
 * only what the terminal protocol makes every server do before it may touch a database
 * — take the body's bytes, hash them, verify the terminal's Ed25519 signature over the
 * request and the record's Ed25519 signature, parse the JSON — and answers 201. No
 * session, no database, no audit. Driven by the same load worker as the real server, it
 * says how many redemptions per second any implementation of the protocol could serve
 * here, whatever its database work costs. Reads `{ terminals: [{ id, publicKey }] }`
 * (raw keys, base64) from the file named by argv[2]; prints `{ url }` when listening.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { TERMINAL_HEADERS, offlineRecordSigningText, requestSigningText, type RedemptionRecord } from '../src/distribution/protocol/terminal-protocol.ts';

const { terminals } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { terminals: { id: string; publicKey: string }[] };
const keys = new Map<string, KeyObject>(
  terminals.map((t) => [t.id, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(t.publicKey, 'base64').toString('base64url') }, format: 'jwk' })]),
);

const app = Fastify({ logger: false });
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
let receipts = 0;
app.post('/api/terminal/redemptions', async (request, reply) => {
  const terminalId = String(request.headers[TERMINAL_HEADERS.terminal]);
  const key = keys.get(terminalId);
  const raw = request.body as Buffer;
  if (!key) return reply.code(403).send({ code: 'TERMINAL_SIGNATURE_INVALID' });
  const signedAt = String(request.headers[TERMINAL_HEADERS.signedAt]);
  const text = requestSigningText({ terminalId, method: request.method, pathWithQuery: request.url, signedAt, bodySha256: createHash('sha256').update(raw).digest('hex') });
  if (!verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(String(request.headers[TERMINAL_HEADERS.signature]), 'base64url'))) {
    return reply.code(403).send({ code: 'TERMINAL_SIGNATURE_INVALID' });
  }
  const { record, signature } = JSON.parse(raw.toString('utf8')) as { record: RedemptionRecord; signature: string };
  if (!verify(null, Buffer.from(offlineRecordSigningText(record), 'utf8'), key, Buffer.from(signature, 'base64url'))) {
    return reply.code(422).send({ code: 'RECORD_SIGNATURE_INVALID' });
  }
  return reply.code(201).send({ id: record.id, receiptNo: ++receipts });
});

const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log(JSON.stringify({ url }));
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
