// The history database in trouble: a read-only file, a full disk, garbage bytes, a file from a
// newer app, and an upgrade. Each must give a clear message (core and CLI), never a crash or a
// stack trace, and never lose or rewrite what was already stored.
//
// Tests run as root, where chmod 0444 stops nothing. `chattr +i` (immutable) refuses writes
// even to root, and a 1 MB tmpfs is a real full filesystem; both need root and are skipped
// with a note where the kernel or the filesystem refuses them.
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/contract/dispatch';
import { createDesk } from '../../src-main/core/desk';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { MIGRATIONS } from '../../src-main/core/store/migrations';
import { openStore } from '../../src-main/core/store/open-store';
import { tempDir } from '../helpers/temp';
import { BIN, cli, countRows } from './support';
import { fillUp, seeded, tryRun } from './disk-support';

const t = tempDir('webrun-disk-');
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001, rateLimit: null });
});
afterAll(async () => {
  await sandbox.close();
  // Undo root-only setup even when its tests were filtered out, or cleanup cannot delete.
  tryRun('chattr', ['-i', join(t.dir, 'readonly', 'history.db')]);
  tryRun('umount', ['-l', join(t.dir, 'full')]);
  t.cleanup();
});

const KEY = 'wr_disk_key';
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const deskOn = (dbPath: string) =>
  createDesk({ dbPath, apiKey: KEY, baseUrl: sandbox.url, host: 'browser', rateLimit: null });
const cliEnv = (dbPath: string) => ({
  WEBRUN_DESK_DB: dbPath,
  WEBRUN_API_KEY: KEY,
  WEBRUN_BASE_URL: sandbox.url,
});
const newTask = {
  prompt: 'Should not be stored',
  mode: 'oneshot',
  keepSessionOpen: false,
  priority: 0,
  tags: [],
};

describe('a read-only database file (immutable, so even root cannot write it)', () => {
  const dir = join(t.dir, 'readonly');
  const dbPath = join(dir, 'history.db');
  // Probed at collection time (skipIf needs it); the real file is made immutable in beforeAll.
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'probe'), '');
  const immutable =
    tryRun('chattr', ['+i', join(dir, 'probe')]) && tryRun('chattr', ['-i', join(dir, 'probe')]);
  beforeAll(() => {
    seeded(dbPath);
    if (immutable) execFileSync('chattr', ['+i', dbPath]);
  });

  it.skipIf(!immutable)(
    'opens without crashing, keeps the stored history readable, and writes nothing',
    async () => {
      const before = sha(dbPath);
      const desk = await deskOn(dbPath);
      try {
        const listed = await dispatch(desk.handlers, 'tasks.list', {});
        expect(listed).toMatchObject({
          ok: true,
          value: { tasks: [{ id: 'kept-task', status: 'completed' }] },
        });
        const created = await dispatch(desk.handlers, 'tasks.create', newTask);
        expect(created.ok).toBe(false);
      } finally {
        await desk.close();
      }
      expect(sha(dbPath)).toBe(before);
    },
  );

  it.skipIf(!immutable)(
    'says the database is read-only, as it does for a newer schema',
    async () => {
      const desk = await deskOn(dbPath);
      try {
        const created = await dispatch(desk.handlers, 'tasks.create', newTask);
        expect(created).toMatchObject({
          ok: false,
          error: { code: 'unavailable', message: expect.stringMatching(/read-only/i) },
        });
      } finally {
        await desk.close();
      }
    },
  );

  it.skipIf(!immutable)(
    'still lists it on the command line, and refuses a run in one line',
    async () => {
      const history = await cli(['history', '--json'], cliEnv(dbPath));
      expect(history.code).toBe(0);
      expect(JSON.parse(history.stdout)).toEqual([expect.objectContaining({ id: 'kept-task' })]);
      const run = await cli(['run', 'Should not be stored'], cliEnv(dbPath));
      expect(run.code).toBe(1);
      // Detected when the file is opened (as for a newer schema): the desk's notice, then the
      // refusal as the run's one closing line, with no stack trace.
      expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^webrun-desk: .*read-?only/i);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );
});

describe('a full disk (a 1 MB tmpfs)', () => {
  const dir = join(t.dir, 'full');
  const dbPath = join(dir, 'history.db');
  mkdirSync(dir, { recursive: true });
  const mounted =
    tryRun('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]) && tryRun('umount', [dir]);
  beforeAll(() => {
    if (mounted) execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
  });

  const fillDisk = (): (() => void) => fillUp(dir);

  let refusal: string | null = null;

  it.skipIf(!mounted)(
    'refuses new work once the disk is full and loses nothing already stored',
    async () => {
      seeded(dbPath);
      const desk = await deskOn(dbPath);
      await desk.handlers['queue.pause']({}); // nothing is sent while the disk is full
      const free = fillDisk();
      for (let i = 0; i < 500 && refusal === null; i++) {
        const reply = await dispatch(desk.handlers, 'tasks.create', {
          ...newTask,
          prompt: `Filler ${i} ${'x'.repeat(2000)}`,
        });
        if (!reply.ok) refusal = reply.error.message;
      }
      free();
      // Room again: the same desk goes on working.
      expect(await dispatch(desk.handlers, 'tasks.create', newTask)).toMatchObject({ ok: true });
      await desk.close();
      expect(refusal).not.toBeNull();
      const db = new Database(dbPath, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare("SELECT result_message FROM tasks WHERE id = 'kept-task'").get()).toEqual({
        result_message: 'the answer',
      });
      db.close();
    },
  );

  it.skipIf(!mounted)('says the disk is full, not "failed unexpectedly"', () => {
    expect(refusal).toMatch(/disk is full|no space/i);
  });

  it.skipIf(!mounted)(
    'ends a CLI run whose disk fills mid-task with one clear line, not a crash',
    async () => {
      // Start with room: the test above filled this small disk with its own history on purpose.
      for (const file of [
        'history.db',
        'history.db-wal',
        'history.db-shm',
        'filler.bin',
        'secrets.json',
        'history.db.reserve',
      ])
        rmSync(join(dir, file), { force: true });
      seeded(dbPath);
      // An hour of simulated time (36 s at 0.01): at 400 s (4 s) a slow start could let the task
      // end before the disk filled. Nothing waits for it: the first write after the fill ends it.
      const child = spawn(process.execPath, [BIN, 'run', 'Watch the auction [duration:60m]'], {
        env: {
          ...process.env,
          ...cliEnv(dbPath),
          WEBRUN_API_KEY: '',
          WEBRUN_BASE_URL: '',
          WEBRUN_SANDBOX_TIME_SCALE: '0.01',
        },
      });
      let stderr = '';
      let free: (() => void) | null = null;
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (!free && /: running/.test(stderr)) free = fillDisk();
      });
      const code = await new Promise<number | null>((resolve) => {
        // A hang is a failure too. A safety net, not a measure: under load (issue 30) starting the
        // CLI and its history's sandbox took more than the 15 s this once allowed.
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('close', (c) => (clearTimeout(timer), resolve(c)));
      });
      (free as (() => void) | null)?.();
      expect(free, stderr).not.toBeNull();
      expect(code).toBe(1);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stderr.trim().split('\n').at(-1)).toMatch(/^webrun-desk: .*(disk is full|no space)/i);
      expect(countRows(dbPath)).toBeGreaterThanOrEqual(2);
    },
    180_000,
  );

  it.skipIf(!mounted)(
    "ends a batch whose disk fills with the disk's message: no row lost, none sent twice, exit 1 (not 13)",
    async () => {
      for (const file of [
        'history.db',
        'history.db-wal',
        'history.db-shm',
        'filler.bin',
        'history.db.reserve',
      ])
        rmSync(join(dir, file), { force: true });
      seeded(dbPath);
      const rows = join(t.dir, 'rows.csv'); // beside the small disk: the rows file is the user's
      writeFileSync(rows, `item\n${[1, 2, 3, 4, 5, 6].map((i) => `lot ${i}`).join('\n')}\n`);
      const key = 'wr_disk_batch_key';
      const child = spawn(
        process.execPath,
        // An hour each (3.6 s at 0.001; a longer [duration] is ignored, as 20000s once was).
        [BIN, 'batch', rows, '--template', 'Watch the auction of {{item}} [duration:60m]'],
        { env: { ...process.env, ...cliEnv(dbPath), WEBRUN_API_KEY: key } },
      );
      let stderr = '';
      let free: (() => void) | null = null;
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (!free && /Batch \S+: 6 rows/.test(stderr)) free = fillDisk();
      });
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000); // a hang is a failure too
        child.on('close', (c) => (clearTimeout(timer), resolve(c)));
      });
      (free as (() => void) | null)?.();
      expect(free, stderr).not.toBeNull();
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stderr.trim().split('\n').at(-1)).toMatch(/^webrun-desk: .*(disk is full|no space)/i);
      expect(code).toBe(1);
      expect(countRows(dbPath, 'batch_rows')).toBe(6);
      // Every task WebRun accepted has its ids in the history, and none was sent twice.
      const db = new Database(dbPath, { readonly: true });
      try {
        const withIds = db
          .prepare(
            "SELECT count(*) FROM tasks WHERE id != 'kept-task' AND (remote_task_id IS NOT NULL OR session_id IS NOT NULL)",
          )
          .pluck()
          .get() as number;
        expect(sandbox.submittedTasks(key)).toBe(withIds);
        expect(withIds).toBeLessThanOrEqual(6);
      } finally {
        db.close();
      }
    },
    180_000,
  );
});

describe('a corrupt database (garbage bytes)', () => {
  const dbPath = join(t.dir, 'corrupt', 'history.db');
  mkdirSync(join(t.dir, 'corrupt'), { recursive: true });
  writeFileSync(
    dbPath,
    Buffer.concat([Buffer.from('this is not SQLite at all\n'), Buffer.alloc(8192, 0xa5)]),
  );
  const before = sha(dbPath);

  it('is refused by the core with a message naming the file, and left untouched', async () => {
    await expect(deskOn(dbPath)).rejects.toThrow(
      /history database at .*history\.db.*not a database/,
    );
    expect(sha(dbPath)).toBe(before);
    expect(existsSync(`${dbPath}-wal`) ? readFileSync(`${dbPath}-wal`).length : 0).toBe(0);
  });

  it.each([['history'], ['run', 'Find the weather'], ['export', '--format', 'csv']])(
    'is refused by `%s` on the command line in one line',
    async (...args) => {
      const result = await cli(args, cliEnv(dbPath));
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n').at(-1)).toMatch(
        /^webrun-desk: Cannot .*history database .*not a database/,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(sha(dbPath)).toBe(before);
    },
  );
});

describe('a database from a newer version (user_version 999)', () => {
  const dbPath = join(t.dir, 'newer', 'history.db');
  mkdirSync(join(t.dir, 'newer'), { recursive: true });
  seeded(dbPath);
  const raw = new Database(dbPath);
  raw.pragma('user_version = 999');
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();

  it('opens read-only: history readable, writes refused with the reason, file unchanged', async () => {
    const before = sha(dbPath);
    const logs: string[] = [];
    const desk = await createDesk({
      dbPath,
      apiKey: KEY,
      baseUrl: sandbox.url,
      host: 'browser',
      rateLimit: null,
      log: (l) => logs.push(l),
    });
    try {
      expect(logs.join('\n')).toMatch(/newer WebRun Desk \(schema 999/);
      expect(await dispatch(desk.handlers, 'tasks.list', {})).toMatchObject({
        ok: true,
        value: { tasks: [{ id: 'kept-task' }] },
      });
      for (const [method, input] of [
        ['tasks.create', newTask],
        ['settings.update', { runner: { concurrency: 2 } }],
      ] as const) {
        expect(await dispatch(desk.handlers, method, input)).toMatchObject({
          ok: false,
          error: {
            code: 'unavailable',
            message: expect.stringMatching(/newer WebRun Desk.*read-only/),
          },
        });
      }
    } finally {
      await desk.close();
    }
    expect(sha(dbPath)).toBe(before);
  });

  it('is listed by the CLI, and a run is refused in one line with the reason', async () => {
    const history = await cli(['history', '--json'], cliEnv(dbPath));
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)).toEqual([expect.objectContaining({ id: 'kept-task' })]);
    const run = await cli(['run', 'Should not be stored'], cliEnv(dbPath));
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(
      /^webrun-desk: This history database was written by a newer WebRun Desk/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(countRows(dbPath)).toBe(1);
  });
});

describe('an upgrade from an older schema', () => {
  it('writes a backup holding the old rows before migrating', async () => {
    const dbPath = join(t.dir, 'old', 'history.db');
    const old = openStore(dbPath, { migrations: MIGRATIONS.slice(0, 1) });
    old.db
      .prepare(
        "INSERT INTO tasks (id, prompt, status, created_at, updated_at) VALUES ('v1-task', 'from version 1', 'completed', 1, 1)",
      )
      .run();
    old.db.close();
    const logs: string[] = [];
    const desk = await createDesk({
      dbPath,
      apiKey: KEY,
      baseUrl: sandbox.url,
      host: 'browser',
      rateLimit: null,
      log: (l) => logs.push(l),
    });
    await desk.close();
    const backup = /backed up to (\S+) before migrating/.exec(logs.join('\n'))?.[1];
    expect(backup).toMatch(/history\.db\.v1-\d+\.bak$/);
    const copy = new Database(backup!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT id FROM tasks').all()).toEqual([{ id: 'v1-task' }]);
    copy.close();
    expect(countRows(dbPath)).toBe(1);
  });
});
