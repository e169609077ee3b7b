import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

/**
 * The rules of STYLE.md that a reviewer would otherwise have to remember:
 * SQL lives in stores, HTTP lives in routes and plugins, and no import cycles.
 */
const SRC = resolve(import.meta.dirname, '../src');

function sources(dir = SRC, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = sources();
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);

const mayUseKysely = (f: string) => /(^|\/)(store|[\w-]+-store|tables)\.ts$/.test(f) || f.startsWith('db/');
const mayUseFastify = (f: string) =>
  /(^|\/)(routes|[\w-]+-plugin)\.ts$/.test(f) || f === 'app.ts' || f === 'server.ts' || f.startsWith('http/') || f === 'health/metrics.ts';

describe('architecture', () => {
  it('keeps SQL in stores: only store files and db/ import kysely', () => {
    const offenders = files.map((f) => relative(SRC, f)).filter((f) => !mayUseKysely(f) && importsOf(join(SRC, f)).some((i) => i === 'kysely'));
    assert.deepEqual(offenders, []);
  });

  it('keeps HTTP at the edge: services never import fastify', () => {
    const offenders = files
      .map((f) => relative(SRC, f))
      .filter((f) => !mayUseFastify(f) && importsOf(join(SRC, f)).some((i) => i === 'fastify' || i.startsWith('@fastify/') || i.startsWith('fastify-')));
    assert.deepEqual(offenders, []);
  });

  it('has no import cycles', () => {
    const graph = new Map(
      files.map((f) => [f, importsOf(f).filter((i) => i.startsWith('.')).map((i) => resolve(dirname(f), i))] as const),
    );
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' -> '));
        return;
      }
      state.set(f, 'visiting');
      for (const next of graph.get(f) ?? []) visit(next, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    assert.deepEqual(cycles, []);
  });
});
