// npm start: build, then open the desktop window; where Electron cannot run (no binary, no
// display) say so in one line and serve the same UI in browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const build = spawnSync(npm, ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('WebRun Desk: the build failed (see above).');
  process.exit(build.status ?? 1);
}

function electronBinary() {
  try {
    // The electron package exports the path of its binary, and throws when the binary
    // was never downloaded (as on machines without internet access).
    const path = require('electron');
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

function whyNoWindow() {
  const binary = electronBinary();
  if (!binary) return 'the Electron runtime is not installed here';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display';
  return null;
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

let reason = whyNoWindow();
if (!reason) {
  // The desktop app needs better-sqlite3 built for Electron, kept apart from the Node build.
  const native = spawnSync(process.execPath, ['scripts/build-electron-sqlite.mjs'], { stdio: 'inherit' });
  if (native.status !== 0) reason = 'better-sqlite3 could not be built for Electron';
}
if (reason) {
  console.log(`No desktop window: ${reason}. Serving WebRun Desk in browser mode instead.`);
  run(process.execPath, ['bin/webrun-desk.mjs', 'serve', ...process.argv.slice(2)]);
} else {
  run(electronBinary(), ['.', ...process.argv.slice(2)]);
}
