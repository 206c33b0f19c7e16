// The renderer runs under a CSP without 'unsafe-eval', and the main process has no business
// compiling strings either: no eval( or new Function anywhere in the code we write. The built
// bundles are checked by the same scanner in test/e2e/bundle.spec.ts, which runs after the
// build (here, before it, out/ may not exist yet).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src-main/web/security';
import { evalOffenders, filesUnder, FORBIDDEN } from '../helpers/no-eval-scan';

const ROOT = join(import.meta.dirname, '../..');

describe('no eval', () => {
  it('the scan finds what it looks for', () => {
    expect(FORBIDDEN.some((re) => re.test('const f = new Function("return 1")'))).toBe(true);
    expect(FORBIDDEN.some((re) => re.test('window.eval (code)'.replace('window.', '')))).toBe(true);
    expect(FORBIDDEN.some((re) => re.test('retrieval(x); evaluate(y)'))).toBe(false);
  });

  it.each(['src-main', 'src-renderer'])('none in %s', (dir) => {
    const sources = filesUnder(join(ROOT, dir), /\.(ts|tsx|js|mjs|cjs)$/);
    expect(sources.length).toBeGreaterThan(10);
    expect(evalOffenders(sources, ROOT)).toEqual([]);
  });

  it('the page CSP forbids eval and inline script', () => {
    const csp = contentSecurityPolicy(4000);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/default-src 'self'/);
  });
});
