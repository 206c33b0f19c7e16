// Several processes opening one new history at the same moment (`run` and `batch` started
// together, the app and an assistant's MCP server) must all end on one migrated database. Each
// read the schema version, then applied what it thought was missing: the second failed with
// "duplicate column name" and its command exited 1 (found by shared-sandbox.test.ts at load 11).
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../src-main/core/store/migrations';
import { tempDir } from '../helpers/temp';

const openStoreEntry = fileURLToPath(
  new URL('../../src-main/core/store/open-store.ts', import.meta.url),
);
const root = fileURLToPath(new URL('../..', import.meta.url));

// Each child loads everything first, says "ready", then spins until the go file appears, so
// the opens start within a millisecond of each other rather than a module load apart.
const child = `
import { existsSync } from 'node:fs';
import { openStore } from ${JSON.stringify(openStoreEntry)};
const [path, go] = process.argv.slice(-2);
console.log('ready');
while (!existsSync(go)) {}
try {
  openStore(path).db.close();
  console.log('opened');
} catch (error) {
  console.log('failed: ' + error.message);
  process.exitCode = 1;
}
`;

function opener(path: string, go: string) {
  const p = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', child, '--', path, go],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const ready = new Promise<void>((resolve) =>
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready')) resolve();
    }),
  );
  const exited = new Promise<{ code: number | null; out: string }>((resolve) =>
    p.on('exit', (code) => resolve({ code, out: out.replace('ready\n', '').trim() })),
  );
  return { ready, exited };
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('opening one new history from several processes at once', () => {
  it('migrates it once: every process opens it, each migration recorded once', async () => {
    const ROUNDS = 2;
    const PROCESSES = 4;
    for (let round = 0; round < ROUNDS; round++) {
      const path = join(dir, `h${round}.db`);
      const go = join(dir, `go${round}`);
      const openers = Array.from({ length: PROCESSES }, () => opener(path, go));
      await Promise.all(openers.map((o) => o.ready));
      expect(existsSync(path)).toBe(false); // new: nobody opened it before the signal
      writeFileSync(go, '');
      const results = await Promise.all(openers.map((o) => o.exited));
      expect(results, `round ${round}`).toEqual(
        Array.from({ length: PROCESSES }, () => ({ code: 0, out: 'opened' })),
      );
      const db = new Database(path, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
      expect(applied).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }
  }, 300_000);
});
