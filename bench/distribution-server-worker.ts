/**
 * The real amparo server in a process of its own, for distribution.redeem: exactly what
 * `amparo start` serves (src/server.ts startServer: every plugin, the checkpoint timer,
 * the SMS sender), configured by the environment the benchmark gives it, without the
 * demo seed. Prints one JSON line with its URL when it listens; stops on SIGTERM.
 */
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';

// AMPARO_BENCH_COUNT_QUERIES=1: count the statements the server sends, by their first
// words, and print them when it stops (a profile of round trips per redemption).
const counts = new Map<string, number>();
if (process.env.AMPARO_BENCH_COUNT_QUERIES) {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').trim().slice(0, 70);
    counts.set(text, (counts.get(text) ?? 0) + 1);
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

const server = await startServer(loadConfig(process.env));
console.log(JSON.stringify({ url: server.url }));
const stop = async () => {
  await server.stop();
  if (counts.size) console.error(JSON.stringify({ statements: [...counts].sort((a, b) => b[1] - a[1]) }));
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
