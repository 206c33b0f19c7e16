// Finds Electron's runtime, and installs it when it is missing by running the electron
// package's own install step (node_modules/electron/install.js): that step is what honours
// ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, the download cache, proxies and the checksums the
// package ships, so nothing here re-implements or weakens it. npm install never runs it
// (package.json allowScripts keeps installs clean offline); the first `npm start` does.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runBounded } from './bounded-step.mjs';

/** A download that writes nothing for this long has a dead network: give up well within 30 s. */
const STALL_MS = 20_000;
/** About 100 MB: generous for a slow line, but never a start that hangs forever. */
const LIMIT_MS = 15 * 60_000;

export function electronPackageDir(root) {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The runtime's executable, or null. The package's index throws until the runtime is there. */
export function electronBinary(root) {
  const dir = electronPackageDir(root);
  if (!dir) return null;
  try {
    const require = createRequire(join(dir, 'index.js'));
    delete require.cache[join(dir, 'index.js')];
    const path = require(join(dir, 'index.js'));
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

/** @electron/get reaches a proxy only through global-agent, which it loads on this switch. */
export function proxyEnv(env) {
  const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy;
  return proxy && env.ELECTRON_GET_USE_PROXY === undefined
    ? { ...env, ELECTRON_GET_USE_PROXY: '1' }
    : env;
}

/**
 * Installs the runtime once. Resolves { binary } when it is in place, or { reason } (one line).
 * @param {{ root: string, env?: NodeJS.ProcessEnv, out?: NodeJS.WriteStream }} options
 */
export async function ensureElectronRuntime({ root, env = process.env, out = process.stderr }) {
  const present = electronBinary(root);
  if (present) return { binary: present };
  const dir = electronPackageDir(root);
  if (!dir) return { reason: 'the electron package is not installed (run npm install)' };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return {
      reason: 'the Electron runtime is not installed here and ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    };
  out.write('Installing the Electron runtime (once, about 100 MB)…\n');
  // The download goes to a temp folder of our own, so its growth is the progress we show.
  const temp = mkdtempSync(join(tmpdir(), 'webrun-desk-electron-'));
  try {
    const result = await runBounded({
      label: 'Downloading the Electron runtime',
      command: process.execPath,
      args: [join(dir, 'install.js')],
      cwd: dir,
      env: { ...proxyEnv(env), TMPDIR: temp, TMP: temp, TEMP: temp },
      watch: [temp, join(dir, 'dist')],
      stallMs: STALL_MS,
      limitMs: LIMIT_MS,
      out,
    });
    if (!result.ok)
      return { reason: `the Electron runtime could not be installed (${result.reason})` };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  const binary = electronBinary(root);
  return binary
    ? { binary }
    : { reason: 'the Electron runtime was downloaded but its executable is missing' };
}
