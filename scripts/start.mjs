// npm start: build what changed (nothing, when out/ is newer than the sources), with one
// progress line, then open the desktop window. The first start installs Electron's runtime
// (npm install never does, so that installs stay clean offline) and builds better-sqlite3 for
// it, each once and in bounded time. Where the window cannot open (no runtime to be had, no
// display, `--browser`) it says why in one line and serves the same UI in browser mode.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronRuntime } from './start/electron-runtime.mjs';
import { ensureElectronSqlite } from './start/electron-sqlite.mjs';
import { staleTargets } from './start/freshness.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const forceBrowser = process.argv.includes('--browser');
const args = process.argv.slice(2).filter((a) => a !== '--browser');

/** Runs one npm script quietly; resolves its exit code and what it said on stderr. */
function quietly(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    child.stderr.on('data', (c) => (said += c));
    child.on('close', (code) => resolve({ code, said }));
  });
}

/** Builds what is stale, on one line that counts the seconds (rewritten in place on a terminal). */
async function buildStale() {
  const stale = staleTargets(root);
  if (stale.length === 0) return;
  const what = stale.map((t) => `${t.name}: ${t.why}`).join('; ');
  const started = Date.now();
  const line = () =>
    `Building WebRun Desk (${what})… ${Math.round((Date.now() - started) / 1000)} s`;
  const tty = process.stdout.isTTY;
  if (tty) process.stdout.write(line());
  else console.log(`Building WebRun Desk (${what})…`);
  const ticker = tty ? setInterval(() => process.stdout.write(`\r${line()}`), 1000) : null;
  for (const target of stale) {
    const { code, said } = await quietly(target.script);
    if (code !== 0) {
      if (ticker) clearInterval(ticker);
      if (tty) process.stdout.write('\n');
      process.stderr.write(said);
      console.error(`WebRun Desk: building the ${target.name} failed (see above).`);
      process.exit(code ?? 1);
    }
  }
  if (ticker) clearInterval(ticker);
  const done = `Built WebRun Desk in ${Math.round((Date.now() - started) / 1000)} s.`;
  if (tty) process.stdout.write(`\r${done}\x1b[K\n`);
  else console.log(done);
}

await buildStale();

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
