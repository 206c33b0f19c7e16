// better-sqlite3 built for Electron's ABI, next to (never over) the Node build that the CLI and
// the tests use. Built once by scripts/build-electron-sqlite.mjs, bounded like the runtime.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBounded } from './bounded-step.mjs';

export function electronSqlitePath(root) {
  const version = JSON.parse(
    readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  return join(root, 'native', `electron-${version}`, 'better_sqlite3.node');
}

/** Resolves null when the addon is in place, or the one-line reason it could not be built. */
export async function ensureElectronSqlite({ root, env = process.env, out = process.stderr }) {
  if (existsSync(electronSqlitePath(root))) return null;
  out.write('Building better-sqlite3 for Electron (once)…\n');
  const temp = mkdtempSync(join(tmpdir(), 'webrun-desk-sqlite-'));
  try {
    const result = await runBounded({
      label: 'Building better-sqlite3 for Electron',
      command: process.execPath,
      args: [join(root, 'scripts/build-electron-sqlite.mjs')],
      cwd: root,
      env: { ...env, TMPDIR: temp, TMP: temp, TEMP: temp },
      watch: [temp],
      // A compile writes its object file only at the end of a long quiet stretch.
      stallMs: 180_000,
      limitMs: 10 * 60_000,
      reasonLine: /^better-sqlite3 for Electron:/,
      out,
    });
    return result.ok
      ? null
      : `better-sqlite3 could not be built for Electron (${result.reason.replace(/^better-sqlite3 for Electron: /, '')})`;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
