// The CLI bundle's shape, as `webrun-desk --help` meets it: help loads main.mjs and what it
// imports statically, and nothing a command needs (SQLite, zod, socket.io, the MCP SDK); each
// command's code sits in a chunk that main.mjs imports only when that command runs.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const OUT = join(import.meta.dirname, '../../out/cli');

const specifiers = (code: string, pattern: RegExp): string[] =>
  [...code.matchAll(pattern)].map((m) => m[1]!);
// Minified ESM: `import{a as b}from"./x.mjs"`, `import"./x.mjs"`, `export*from"./x.mjs"`.
const STATIC = /(?:^|[;\s}])(?:import|export)\s*(?:[^'"();]*?from\s*)?["']([^"']+)["']/gm;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** Every file `node out/cli/main.mjs` loads before any dynamic import runs. */
function staticClosure(entry: string): { files: string[]; bare: string[] } {
  const files: string[] = [];
  const bare = new Set<string>();
  const visit = (name: string): void => {
    if (files.includes(name)) return;
    files.push(name);
    for (const spec of specifiers(readFileSync(join(OUT, name), 'utf8'), STATIC)) {
      if (spec.startsWith('./')) visit(spec.slice(2));
      else if (!spec.startsWith('node:')) bare.add(spec);
    }
  };
  visit(entry);
  return { files, bare: [...bare] };
}

it('--help loads a small entry: no package, no command module, under 72 KB in all (commander, the parser, is 40 KB of it)', () => {
  const { files, bare } = staticClosure('main.mjs');
  // better-sqlite3 is external, so a store import on the help path would show up here by name.
  expect(bare).toEqual([]);
  const bytes = files.reduce((sum, f) => sum + statSync(join(OUT, f)).size, 0);
  expect(bytes, files.join(', ')).toBeLessThan(72 * 1024);
  expect(files.some((f) => /-command-/.test(f))).toBe(false);
});

it('main.mjs imports each command module on demand, and each one exists next to it', () => {
  const code = readFileSync(join(OUT, 'main.mjs'), 'utf8');
  const chunks = specifiers(code, DYNAMIC);
  // 20 commands: version and completion need no module; batches and batch-status share one.
  expect(new Set(chunks).size).toBe(17);
  for (const chunk of chunks) {
    expect(chunk).toMatch(/^\.\/[a-z-]+-command-[A-Z0-9]+\.mjs$/);
    expect(existsSync(join(OUT, chunk))).toBe(true);
  }
  // The integrity check's worker is found next to the module that starts it (run-check.ts).
  expect(existsSync(join(OUT, 'integrity-worker.mjs'))).toBe(true);
});
