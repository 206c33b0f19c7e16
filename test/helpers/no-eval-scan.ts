// One scanner for string evaluation (eval, new Function, Function("...")), used on our sources
// (test/reliability/no-eval.test.ts) and on the built bundles (test/e2e/bundle.spec.ts, which
// runs after the build, so the shipped code is always checked and never skipped).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// `eval(` not preceded by a word character or a dot (so `retrieval(` or `x.eval(` of an
// unrelated API are not mistaken for it), and `new Function` in any spacing.
export const FORBIDDEN = [
  /(?<![\w.$])eval\s*\(/,
  /\bnew\s+Function\s*\(/,
  /(?<![\w.$])Function\s*\(\s*["'`]/,
];

// decimal.js-light (through recharts) finds the global object with
// `typeof self < "u" && self && self.self == self ? self : Function("return this")()`: the
// fallback runs only where `self` is missing, never in a window, so the CSP never meets it.
// Allowed by its exact text, so any other use still fails.
const ALLOWED = [/self\.self==self\?self:Function\(`return this`\)\(\)/g];

export function filesUnder(dir: string, exts: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, exts) : exts.test(name) ? [path] : [];
  });
}

/** Each file that evaluates strings, with what was found, relative to `root`. */
export function evalOffenders(paths: string[], root: string): string[] {
  return paths.flatMap((path) => {
    const text = ALLOWED.reduce(
      (acc, re) => acc.replace(re, 'self.self==self?self:globalThis'),
      readFileSync(path, 'utf8'),
    );
    return FORBIDDEN.filter((re) => re.test(text)).map(
      (re) => `${relative(root, path)}: ${re.exec(text)![0]}`,
    );
  });
}
