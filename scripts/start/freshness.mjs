// What `npm start` must build: each part of out/ only when a source it is made from is newer
// than what is there (or it is missing). The app bundle (electron-vite: main, preload,
// renderer) is made from src-main, src-renderer and its config; the CLI bundle (which browser
// mode runs) from src-main and its build script.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under `path` (a file or a folder, walked), or 0. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    latest = Math.max(latest, newest(join(path, entry.name)));
  }
  return latest;
}

/** The oldest of the outputs' times, or 0 when one is missing. */
function oldest(paths) {
  let earliest = Infinity;
  for (const path of paths) {
    if (!existsSync(path)) return 0;
    earliest = Math.min(earliest, statSync(path).mtimeMs);
  }
  return earliest;
}

export const TARGETS = [
  {
    name: 'app',
    script: 'build:app',
    sources: [
      'src-main',
      'src-renderer',
      'electron.vite.config.ts',
      'package.json',
      'tsconfig.json',
      'tsconfig.node.json',
      'tsconfig.web.json',
    ],
    outputs: ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'],
  },
  {
    name: 'CLI',
    script: 'build:cli',
    sources: ['src-main', 'scripts/build-cli.mjs', 'package.json'],
    outputs: ['out/cli/main.mjs'],
  },
];

/** The targets to build, each with why: "nothing built yet" or "sources changed". */
export function staleTargets(root, targets = TARGETS) {
  const stale = [];
  for (const target of targets) {
    const built = oldest(target.outputs.map((p) => join(root, p)));
    if (built === 0) stale.push({ ...target, why: 'nothing built yet' });
    else if (Math.max(...target.sources.map((s) => newest(join(root, s)))) > built)
      stale.push({ ...target, why: 'sources changed' });
  }
  return stale;
}
