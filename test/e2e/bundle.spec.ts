// Checks on what `electron-vite build` produced: the sandboxed preload is one CommonJS file
// that requires nothing but electron, and no shipped bundle evaluates strings as code (the
// CSP forbids it, so such code would break at run time anyway).
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evalOffenders, filesUnder } from '../helpers/no-eval-scan';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));
}

test('the preload is a single CommonJS file that requires only electron', () => {
  expect(files('out/preload', '.js').concat(files('out/preload', '.mjs'))).toEqual([]);
  const preload = readFileSync('out/preload/index.cjs', 'utf8');
  const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  expect([...new Set(required)]).toEqual(['electron']);
  expect(preload).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
});

test('no shipped bundle uses eval or new Function', () => {
  // The same scanner as the sources' check; out/ must exist here (this spec runs after the build).
  // The app's bundles: the CLI's (out/cli, a plain Node program under no CSP) carries the MCP
  // SDK's ajv, which compiles its JSON Schema validators with new Function.
  const bundles = ['out/main', 'out/preload', 'out/renderer'].flatMap((dir) => {
    const found = filesUnder(dir, /\.(js|mjs|cjs)$/);
    expect(found.length, dir).toBeGreaterThan(0);
    return found;
  });
  expect(evalOffenders(bundles, process.cwd())).toEqual([]);
});

test('the renderer is minified and split so no chunk is oversized', () => {
  const chunks = files('out/renderer/assets', '.js').map((f) => readFileSync(f, 'utf8'));
  expect(chunks.length).toBeGreaterThan(1); // the charts load on demand
  for (const code of chunks.filter((c) => c.length > 10_000)) {
    // Minified code runs on for thousands of characters a line (strings keep their own newlines).
    expect(code.length / code.split('\n').length).toBeGreaterThan(1_000);
    expect(code.length).toBeLessThan(500 * 1024);
  }
});
