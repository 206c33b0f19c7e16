// What `npm pack` ships: only what runs (the bin, the built app and CLI without source maps,
// the start scripts that fetch Electron and load its native sqlite build, the README and
// package.json), never tests, sources, CI scripts or maps. Read from npm's own dry run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SHIPPED =
  /^(README\.md|LICENSE|package\.json|bin\/webrun-desk\.mjs|out\/(cli|main|preload|renderer)\/.+|scripts\/start\.mjs|scripts\/start\/[a-z-]+\.mjs|scripts\/build-electron-sqlite\.mjs)$/;

it('packs only what runs, and nothing npm warns about', () => {
  // --ignore-scripts: the list, not a fresh build (prepack builds before a real pack).
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(pack.status, pack.stderr).toBe(0);
  const [report] = JSON.parse(pack.stdout) as { files: { path: string }[] }[];
  const paths = report!.files.map((f) => f.path);
  expect(paths.filter((p) => !SHIPPED.test(p))).toEqual([]);
  expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
  expect(paths).toEqual(
    expect.arrayContaining([
      'bin/webrun-desk.mjs',
      'out/cli/main.mjs',
      'out/cli/integrity-worker.mjs',
      'scripts/start.mjs',
      'scripts/start/electron-runtime.mjs',
      'README.md',
      'package.json',
    ]),
  );
  expect(pack.stderr).not.toMatch(/warn/i);
});

it('has no install script of its own, so npm asks to allow only better-sqlite3 at a global install', () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  // npm lists a dependency's preinstall, install, postinstall and prepare as install scripts.
  for (const name of ['preinstall', 'install', 'postinstall', 'prepare'])
    expect(scripts, name).not.toHaveProperty(name);
});
