// Builds better-sqlite3 for Electron's ABI into native/electron-<version>/, leaving the Node
// build in node_modules alone, so `npm test` and the CLI keep working after the desktop app
// has run. The Electron host loads it with better-sqlite3's `nativeBinding` option.
// Needs internet (Electron's headers or a prebuilt binary), so `npm start` runs it only when
// the Electron runtime is installed and the addon is missing. A failure ends with one line
// starting "better-sqlite3 for Electron:", which `npm start` shows as its reason.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const electron = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const targetDir = join(root, 'native', `electron-${electron}`);
const target = join(targetDir, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

// Everything happens on a copy of the package: the Node build in node_modules is never touched.
const work = mkdtempSync(join(tmpdir(), 'sqlite-electron-'));
const pkg = join(work, 'better-sqlite3');
try {
  cpSync(join(root, 'node_modules/better-sqlite3'), pkg, { recursive: true, dereference: true });
  rmSync(join(pkg, 'build'), { recursive: true, force: true });
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  // A prebuilt binary when one exists for this Electron, else a compile against its headers.
  let result = spawnSync(
    npx,
    ['--yes', 'prebuild-install', '--runtime', 'electron', '--target', electron],
    { cwd: pkg, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    result = spawnSync(
      npx,
      [
        '--yes',
        'node-gyp',
        'rebuild',
        '--release',
        `--target=${electron}`,
        '--dist-url=https://electronjs.org/headers',
        '--runtime=electron',
      ],
      {
        cwd: pkg,
        stdio: 'inherit',
      },
    );
  }
  const built = join(pkg, 'build', 'Release', 'better_sqlite3.node');
  if (result.status !== 0 || !existsSync(built)) {
    console.error(
      'better-sqlite3 for Electron: neither a prebuilt binary nor a compile worked (is there internet access and a C++ toolchain?)',
    );
    process.exit(1);
  }
  mkdirSync(targetDir, { recursive: true });
  // Copy then rename, so an interrupted copy never leaves a half file that looks built.
  cpSync(built, `${target}.partial`);
  renameSync(`${target}.partial`, target);
  console.log(`better-sqlite3 for Electron ${electron}: ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
