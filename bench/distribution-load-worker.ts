/**
 * The load of distribution.redeem, in a process of its own so that it shares no event
 * loop with the server: `connections` keep-alive HTTP connections, each a terminal of
 * one point with its agent's session, each doing full redemptions one after another —
 * a new record id, the record signed with the terminal's key, the request signed over
 * its exact body — of distinct entitlements of its point until the time is up or the
 * point has none left. Reads its plan (JSON) from the file named by argv[2]; prints one
 * JSON line: counts by HTTP status and the latencies of the measured window.
 */
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { offlineRecordSigningText, type RedemptionRecord } from '../src/distribution/protocol/terminal-protocol.ts';
import { signatureHeaders } from '../test/support/terminal-client.ts';

export interface LoadPlan {
  url: string;
  connections: number;
  durationMs: number;
  /** Requests in this first stretch are made but not measured (connections, JIT, caches). */
  warmupMs: number;
  cycleId: string;
  currency: string;
  amount: string;
  terminals: { id: string; pointCode: string; privateKeyDer: string; agentId: string; cookie: string; csrf: string }[];
  /** What each point's cards are entitled to: distinct entitlements, taken in order. */
  work: Record<string, { subject: string; cardNumber: string }[]>;
}

const PATH = '/api/terminal/redemptions';

async function main() {
  const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadPlan;
  const agent = new Agent({ keepAlive: true, maxSockets: plan.connections });
  const next = new Map(Object.keys(plan.work).map((p) => [p, 0]));
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let measured = 0;
  const started = performance.now();
  const measureFrom = started + plan.warmupMs;
  const deadline = started + plan.durationMs;

  const one = (t: LoadPlan['terminals'][number], key: ReturnType<typeof createPrivateKey>, item: { subject: string; cardNumber: string }) =>
    new Promise<void>((done) => {
      const record: RedemptionRecord = {
        id: randomUUID(),
        terminalId: t.id,
        agentId: t.agentId,
        cycleId: plan.cycleId,
        subject: item.subject,
        cardNumber: item.cardNumber,
        quantity: '1',
        payment: { method: 'cash', amount: plan.amount, currency: plan.currency },
        redeemedAt: new Date().toISOString(),
      };
      const signature = sign(null, Buffer.from(offlineRecordSigningText(record), 'utf8'), key).toString('base64url');
      const body = JSON.stringify({ record, signature });
      const headers = {
        'content-type': 'application/json',
        cookie: t.cookie,
        'x-csrf-token': t.csrf,
        ...signatureHeaders({ terminalId: t.id, privateKey: key }, { method: 'POST', pathWithQuery: PATH, body }),
      };
      const t0 = performance.now();
      const req = request(`${plan.url}${PATH}`, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          const t1 = performance.now();
          const status = String(res.statusCode);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (t0 >= measureFrom && t1 <= deadline) {
            latencies.push(t1 - t0);
            if (res.statusCode === 201) measured++;
          }
          done();
        });
      });
      req.on('error', () => {
        statuses.error = (statuses.error ?? 0) + 1;
        done();
      });
      req.end(body);
    });

  await Promise.all(
    Array.from({ length: plan.connections }, async (_, i) => {
      const t = plan.terminals[i % plan.terminals.length]!;
      const key = createPrivateKey({ key: Buffer.from(t.privateKeyDer, 'base64'), format: 'der', type: 'pkcs8' });
      const queue = plan.work[t.pointCode]!;
      while (performance.now() < deadline) {
        const n = next.get(t.pointCode)!;
        if (n >= queue.length) break;
        next.set(t.pointCode, n + 1);
        await one(t, key, queue[n]!);
      }
    }),
  );
  const ended = Math.min(performance.now(), deadline);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const window = (ended - measureFrom) / 1000;
  console.log(JSON.stringify({ statuses, measured, perSecond: measured / window, windowSeconds: window, p50Ms: at(0.5), p99Ms: at(0.99), exhausted: [...next].every(([p, n]) => n >= plan.work[p]!.length) }));
}

await main();
