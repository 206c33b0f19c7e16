// Builds better-sqlite3 for Electron's ABI into native/electron-<version>/, leaving the Node
// build in node_modules alone, so `npm test` and the CLI keep working after the desktop app
// has run. The Electron host loads it with better-sqlite3's `nativeBinding` option.
// Needs internet (Electron's headers or a prebuilt binary), so `npm start` runs it only when
// the Electron binary is installed and the addon is missing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const target = join('native', `electron-${electron}`, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'sqlite-electron-'));
try {
  cpSync('node_modules/better-sqlite3', join(work, 'better-sqlite3'), { recursive: true });
  rmSync(join(work, 'better-sqlite3', 'build'), { recursive: true, force: true });
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  // A prebuilt binary when one exists for this Electron, else a compile against its headers.
  let result = spawnSync(npx, ['--yes', 'prebuild-install', '--runtime', 'electron', '--target', electron], { cwd: join(work, 'better-sqlite3'), stdio: 'inherit' });
  if (result.status !== 0) {
    result = spawnSync(npx, ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electron}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'], {
      cwd: join(work, 'better-sqlite3'),
      stdio: 'inherit',
    });
  }
  const built = join(work, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (result.status !== 0 || !existsSync(built)) {
    console.error('Could not build better-sqlite3 for Electron (is there internet access?). The desktop app will not start until it is built.');
    process.exit(1);
  }
  mkdirSync(join('native', `electron-${electron}`), { recursive: true });
  cpSync(built, target);
  console.log(`better-sqlite3 for Electron ${electron}: ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
