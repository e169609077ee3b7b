import { execFile, spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { promisify } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export interface LoadOptions {
  url: string;
  connections: number;
  durationMs: number;
  method?: string;
  /** A body sent with each request (JSON). */
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  /** `wrk` when installed (a C client that leaves the CPU to the server), else `node`. */
  client: 'wrk' | 'node';
  requests: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const hasWrk = () => spawnSync('wrk', ['--version']).error === undefined;

/**
 * Loads the URL for a fixed time at a fixed concurrency, with `wrk` when it is
 * installed (Debian's package), else with the Node client below.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const host = new URL(options.url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error('load tests only target this machine');
  if (!options.body && (options.method ?? 'GET') === 'GET' && !options.headers && hasWrk()) return runWrk(options);
  return runNodeLoad(options);
}

async function runWrk(o: LoadOptions): Promise<LoadResult> {
  const seconds = Math.max(1, Math.round(o.durationMs / 1000));
  const { stdout } = await promisify(execFile)('wrk', ['-t1', `-c${o.connections}`, `-d${seconds}s`, '--latency', o.url]);
  const number = (re: RegExp) => Number(stdout.match(re)?.[1] ?? NaN);
  const ms = (re: RegExp) => {
    const m = stdout.match(re);
    if (!m) return NaN;
    const unit = m[2];
    return Number(m[1]) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  };
  const requests = number(/(\d+) requests in/);
  const errors = number(/Non-2xx or 3xx responses: (\d+)/) || 0;
  return {
    client: 'wrk',
    requests,
    errors,
    perSecond: number(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: ms(/50%\s+([\d.]+)(us|ms|s)/),
    p99Ms: ms(/99%\s+([\d.]+)(us|ms|s)/),
  };
}

/**
 * Fires keep-alive HTTP requests from a worker thread (its own event loop, so it
 * does not share one with the server under test) for a fixed time, at a fixed
 * concurrency, and reports throughput and latency. Only for loopback targets.
 */
function runNodeLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The worker runs this TypeScript file too, so it first registers tsx's loader.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function generate(o: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + o.durationMs;
  const one = () =>
    new Promise<void>((done) => {
      const t0 = performance.now();
      const req = request(o.url, { method: o.method ?? 'GET', agent, headers: { ...(o.body ? { 'content-type': 'application/json' } : {}), ...o.headers } }, (res) => {
        res.resume();
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 400) errors++;
          latencies.push(performance.now() - t0);
          done();
        });
      });
      req.on('error', () => {
        errors++;
        done();
      });
      req.end(o.body);
    });
  await Promise.all(
    Array.from({ length: o.connections }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { client: 'node', requests: latencies.length, errors, perSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99) };
}

if (!isMainThread && workerData?.url) {
  generate(workerData as LoadOptions).then((r) => parentPort!.postMessage(r));
}
