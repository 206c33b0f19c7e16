// npm start: build, then open the desktop window. The first start installs Electron's runtime
// (npm install never does, so that installs stay clean offline) and builds better-sqlite3 for
// it, each once and in bounded time. Where the window cannot open (no runtime to be had, no
// display, `--browser`) it says why in one line and serves the same UI in browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronRuntime } from './start/electron-runtime.mjs';
import { ensureElectronSqlite } from './start/electron-sqlite.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const forceBrowser = process.argv.includes('--browser');
const args = process.argv.slice(2).filter((a) => a !== '--browser');

const build = spawnSync(npm, ['run', '--silent', 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  console.error('WebRun Desk: the build failed (see above).');
  process.exit(build.status ?? 1);
}

/** Resolves { binary } when the window can open, else { reason } in one line. */
async function desktop() {
  if (forceBrowser) return { reason: 'browser mode was asked for (--browser)' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: 'there is no display' };
  const runtime = await ensureElectronRuntime({ root });
  if (!runtime.binary) return runtime;
  const sqlite = await ensureElectronSqlite({ root });
  return sqlite ? { reason: sqlite } : runtime;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const outcome = await desktop();
if (outcome.reason) {
  console.log(`No desktop window: ${outcome.reason}. Serving WebRun Desk in browser mode instead.`);
  run(process.execPath, [join(root, 'bin/webrun-desk.mjs'), 'serve', ...args]);
} else {
  run(outcome.binary, [root, ...args]);
}
