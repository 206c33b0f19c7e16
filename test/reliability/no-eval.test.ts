// The renderer runs under a CSP without 'unsafe-eval', and the main process has no business
// compiling strings either: no eval( or new Function anywhere in the code we write or ship.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src-main/web/security';

const ROOT = join(import.meta.dirname, '../..');
// `eval(` not preceded by a word character or a dot (so `retrieval(` or `x.eval(` of an
// unrelated API are not mistaken for it), and `new Function` in any spacing.
const FORBIDDEN = [/(?<![\w.$])eval\s*\(/, /\bnew\s+Function\s*\(/, /(?<![\w.$])Function\s*\(\s*["'`]/];

function files(dir: string, exts: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, exts) : exts.test(name) ? [path] : [];
  });
}

// decimal.js-light (through recharts) finds the global object with
// `typeof self < "u" && self && self.self == self ? self : Function("return this")()`: the
// fallback runs only where `self` is missing, never in a window, so the CSP never meets it.
// Allowed by its exact text, so any other use still fails.
const ALLOWED = [/self\.self==self\?self:Function\(`return this`\)\(\)/g];

function offenders(paths: string[]): string[] {
  return paths.flatMap((path) => {
    const text = ALLOWED.reduce((acc, re) => acc.replace(re, 'self.self==self?self:globalThis'), readFileSync(path, 'utf8'));
    return FORBIDDEN.filter((re) => re.test(text)).map((re) => `${relative(ROOT, path)}: ${re.exec(text)![0]}`);
  });
}

describe('no eval', () => {
  it('the scan finds what it looks for', () => {
    expect(FORBIDDEN.some((re) => re.test('const f = new Function("return 1")'))).toBe(true);
    expect(FORBIDDEN.some((re) => re.test('window.eval (code)'.replace('window.', '')))).toBe(true);
    expect(FORBIDDEN.some((re) => re.test('retrieval(x); evaluate(y)'))).toBe(false);
  });

  it.each(['src-main', 'src-renderer'])('none in %s', (dir) => {
    const sources = files(join(ROOT, dir), /\.(ts|tsx|js|mjs|cjs)$/);
    expect(sources.length).toBeGreaterThan(10);
    expect(offenders(sources)).toEqual([]);
  });

  it.skipIf(!existsSync(join(ROOT, 'out')))('none in the built bundles in out/', () => {
    const bundles = files(join(ROOT, 'out'), /\.(js|mjs|cjs)$/);
    expect(bundles.length).toBeGreaterThan(0);
    expect(offenders(bundles)).toEqual([]);
  });

  it('the page CSP forbids eval and inline script', () => {
    const csp = contentSecurityPolicy(4000);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/default-src 'self'/);
  });
});
