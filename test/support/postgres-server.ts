import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster from the system's server binaries (Debian's
 * `postgresql` package), on a free loopback port, in a temporary folder. As root it
 * runs the binaries as the `postgres` user, since they refuse to run as root.
 * Used by the test runner and the benchmarks; never by the product.
 */
export interface ThrowawayPostgres {
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  urlFor(database: string): string;
  bindir: string;
  port: number;
  stop(): void;
}

export function findPostgresBindir(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // pg_config missing: look where Debian puts the server binaries.
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((d) => existsSync(join(d, 'initdb')));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Creates an empty database on the server and returns its URL. */
export async function createDatabaseOn(adminUrl: string, prefix: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface StartOptions {
  /** Durable settings for benchmarks; the tests trade durability for speed. */
  durable?: boolean;
  maxConnections?: number;
}

export async function startThrowawayPostgres(options: StartOptions = {}): Promise<ThrowawayPostgres> {
  const bindir = findPostgresBindir();
  if (!bindir) throw new Error('PostgreSQL server binaries not found: apt-get install -y postgresql');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'amparo-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bindir, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bindir, tool), ...args] : args;
    const r = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const settings = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${dir}'`,
    `max_connections = ${options.maxConnections ?? 200}`,
    'shared_buffers = 256MB',
    ...(options.durable ? ['synchronous_commit = on', 'fsync = on'] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
  ];
  writeFileSync(join(dir, 'extra.conf'), settings.join('\n') + '\n');
  if (asRoot) execFileSync('chown', ['postgres:postgres', join(dir, 'extra.conf')]);
  execFileSync('sh', ['-c', `echo "include '${join(dir, 'extra.conf')}'" >> ${join(data, 'postgresql.conf')}`]);
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { adminUrl: urlFor('postgres'), urlFor, bindir, port, stop };
}
