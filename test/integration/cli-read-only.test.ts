// A history this user cannot write (its folder, or the file itself, read-only): the reading
// commands open it read-only and say so, the others refuse in one line, and nothing in the
// folder changes. The commands run as an unprivileged user (nobody, when the suite runs as root,
// whom permission bits do not stop), so the refusal comes from the system, as it would for a
// person whose history sits on a read-only share.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { BIN } from './mcp-helpers';

const t = tempDir('webrun-desk-read-only-');
const asRoot = process.getuid?.() === 0;
/** Who runs the commands: nobody when the suite is root, else the suite's own user. */
const user = asRoot ? { uid: 65534, gid: 65534 } : {};
const env = {
  PATH: process.env.PATH ?? '',
  HOME: t.dir,
  WEBRUN_API_KEY: '',
  WEBRUN_STRICT_TIMERS: '1',
  WEBRUN_SANDBOX_TIME_SCALE: '0.01',
  WEBRUN_SANDBOX_QUIET_MS: '2000',
};

function cli(
  args: string[],
  as: object = user,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: t.dir, ...as });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end();
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The folder's files and a hash of each: what "nothing changed" is checked against. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      // The shared sandbox's own file comes and goes; in a writable folder SQLite makes the -shm
      // and an empty -wal a reader of a WAL database needs: the history itself is what counts.
      .filter((name) => !name.includes('.sandbox.') && !/-(shm|wal)$/.test(name))
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  );
}

const layouts = {
  /** The case: the history's folder cannot be written (SQLite cannot even make its -shm). */
  folder: { dirMode: 0o555, fileMode: 0o644 },
  /** The file alone is read-only; its folder is writable. */
  file: { dirMode: 0o777, fileMode: 0o444 },
};

beforeAll(() => {
  chmodSync(t.dir, 0o755); // mkdtemp's 0700 would keep the other user out of everything
  writeFileSync(join(t.dir, 'rows.csv'), 'product\nkettle\n');
});
afterAll(() => {
  for (const name of Object.keys(layouts)) chmodSync(join(t.dir, name), 0o755);
  t.cleanup();
});

describe.each(Object.entries(layouts))('a history whose %s cannot be written', (name, modes) => {
  const dir = join(t.dir, name);
  const db = join(dir, 'history.db');
  let before: Record<string, string>;

  beforeAll(async () => {
    // Made by its owner, who can write it: one completed task.
    const made = await cli(['run', 'Find the kettle price [duration:5s]', '--db', db], {});
    expect(made.code).toBe(0);
    chmodSync(db, modes.fileMode);
    chmodSync(dir, modes.dirMode);
    before = snapshot(dir);
    // The premise: this user really cannot write there.
    const probe = spawnSync(
      process.execPath,
      ['-e', `require('fs').appendFileSync(${JSON.stringify(db)}, '')`],
      { ...user },
    );
    expect(probe.status).not.toBe(0);
  }, 90_000);

  it.each(['history', 'history --json', 'spend', 'export --format json', 'sessions'])(
    'reads it with `%s`, saying it is read-only',
    async (command) => {
      const { code, stdout, stderr } = await cli([...command.split(' '), '--db', db]);
      expect(stderr).toMatch(/read-only|cannot write/);
      expect(stderr).not.toMatch(/Cannot (open|prepare)/);
      expect(code).toBe(0);
      if (command !== 'sessions') expect(stdout).toMatch(/kettle|\$0\.\d+/);
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it('checks it with check, saying it is read-only, exit 0', async () => {
    const { code, stdout, stderr } = await cli(['check', '--db', db]);
    expect(stdout).toContain(': ok');
    // The README says every reading command names it on its first line; check said nothing.
    expect(stderr).toMatch(/read-only|cannot write/);
    expect(code).toBe(0);
  });

  it.each([
    ['run', 'Find the teapot price'],
    ['resume'],
    ['mcp'],
    ['batch', join(t.dir, 'rows.csv'), '--template', 'Find the price of {{product}}'],
  ])('refuses `%s` in one line, exit 1, storing and sending nothing', async (...args) => {
    const { code, stdout, stderr } = await cli([...args, '--db', db]);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/cannot be written by this user.*history, spend, export/),
    ]);
    expect(stdout).toBe('');
    expect(code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });
});
