/**
 * Lists the licences of the production dependencies and fails on any that a
 * government could not ship in an MPL-2.0 product (AGPL, GPL, SSPL, BUSL, "no
 * licence", …). Development tools (tests, bundler) are not shipped and not checked.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ALLOWED = new Set([
  'MIT', 'MIT-0', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'Apache-2.0', 'MPL-2.0',
  'BlueOak-1.0.0', 'CC0-1.0', 'Unlicense', 'Python-2.0', 'CC-BY-3.0', 'CC-BY-4.0', 'Zlib',
]);

interface Node {
  path?: string;
  dependencies?: Record<string, Node>;
}

const tree = JSON.parse(execFileSync('npm', ['ls', '--omit=dev', '--all', '--json', '--long'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Node;
const seen = new Map<string, string>();
const walk = (node: Node) => {
  for (const [name, child] of Object.entries(node.dependencies ?? {})) {
    if (!child.path || seen.has(child.path)) continue;
    const pkg = JSON.parse(readFileSync(join(child.path, 'package.json'), 'utf8')) as { version: string; license?: unknown; licenses?: { type: string }[] };
    const licence = typeof pkg.license === 'string' ? pkg.license : (pkg.licenses?.map((l) => l.type).join(' OR ') ?? 'UNKNOWN');
    seen.set(child.path, `${name}@${pkg.version}\t${licence}`);
    walk(child);
  }
};
walk(tree);

/** An SPDX expression is acceptable when every AND-term has an allowed alternative. */
const acceptable = (expression: string) =>
  expression
    .replace(/[()]/g, '')
    .split(/\s+AND\s+/)
    .every((term) => term.split(/\s+OR\s+/).some((id) => ALLOWED.has(id.trim())));

const counts = new Map<string, number>();
const refused: string[] = [];
for (const line of seen.values()) {
  const licence = line.split('\t')[1]!;
  counts.set(licence, (counts.get(licence) ?? 0) + 1);
  if (!acceptable(licence)) refused.push(line);
}
console.log(`production dependencies: ${seen.size}`);
for (const [licence, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${licence}`);
if (refused.length) {
  console.error(`\nlicences not allowed in a shipped product:\n  ${refused.join('\n  ')}`);
  process.exit(1);
}
