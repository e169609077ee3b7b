/**
 * A Vite plugin that builds the terminal's service worker (terminal-sw.ts) into
 * web/dist/terminal-sw.js with the list of files to keep offline: the entry script
 * and its static imports, everything the terminal's chunk loads (statically or
 * lazily: the QR decoder too), their styles, the shell and the public files the
 * manifest names. The version is a hash of that list, whose file names carry content
 * hashes: a new build is a new worker, which replaces the old cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { transformWithOxc } from 'vite';

/** What precacheFiles needs of Rollup's output bundle. */
export interface BundleFile {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  facadeModuleId?: string | null;
  imports?: string[];
  dynamicImports?: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/** Files of web/public the terminal needs offline. */
export const TERMINAL_PUBLIC_FILES = ['/index.html', '/favicon.svg', '/terminal.webmanifest', '/terminal-icon.svg', '/terminal-icon-192.png', '/terminal-icon-512.png'];

const isTerminalChunk = (file: BundleFile) => (file.facadeModuleId ?? '').replace(/\\/g, '/').endsWith('/terminal/terminal-app.tsx');

/**
 * The files to precache, as URL paths, sorted: the entry's static closure and the
 * terminal chunk's full closure (static and dynamic imports), with their CSS. Pure.
 */
export function precacheFiles(bundle: Record<string, BundleFile>, publicFiles: readonly string[] = TERMINAL_PUBLIC_FILES): string[] {
  const files = new Set<string>();
  const visit = (name: string, followDynamic: boolean) => {
    const file = bundle[name];
    if (!file || files.has(`/${file.fileName}`)) return;
    files.add(`/${file.fileName}`);
    for (const css of file.viteMetadata?.importedCss ?? []) files.add(`/${css}`);
    for (const next of file.imports ?? []) visit(next, followDynamic);
    if (followDynamic) for (const next of file.dynamicImports ?? []) visit(next, true);
  };
  const chunks = Object.values(bundle).filter((f) => f.type === 'chunk');
  for (const entry of chunks.filter((f) => f.isEntry)) visit(entry.fileName, false);
  const terminal = chunks.find(isTerminalChunk);
  if (!terminal) throw new Error('precache: the bundle has no chunk for terminal/terminal-app.tsx');
  visit(terminal.fileName, true);
  for (const file of publicFiles) files.add(file);
  return [...files].sort();
}

export function terminalServiceWorker(): Plugin {
  return {
    name: 'amparo-terminal-service-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const files = precacheFiles(bundle as unknown as Record<string, BundleFile>);
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(new URL('./terminal-sw.ts', import.meta.url), 'utf8');
      // A classic script: no module syntax may be left in it.
      const code = (await transformWithOxc(source, 'terminal-sw.ts')).code.replace(/^export \{\s*\};?\s*$/m, '');
      if (/^\s*(import|export)\s/m.test(code)) throw new Error('precache: terminal-sw.ts must not import or export');
      const filled = `const PRECACHE_FILES = ${JSON.stringify(files)};\nconst PRECACHE_VERSION = ${JSON.stringify(version)};\n${code}`;
      this.emitFile({ type: 'asset', fileName: 'terminal-sw.js', source: filled });
    },
  };
}
