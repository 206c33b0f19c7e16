// Every command on a history that cannot be written (issue 22): a reading command says so in
// one line and does its job; one that sends or stores refuses in one line with exit 1 (the
// README's code), before starting anything; a command that never opens the history says
// nothing of it. Nothing in the history's folder changes. Two ways a history is read-only: its
// folder cannot be written by this user (chmod, the commands run as nobody when the suite is
// root), and a read-only mount (a bind mount remounted read-only, which stops root too).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_SPECS } from '../../src-main/cli/specs';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';
import { BIN } from './mcp-helpers';

const t = tempDir('webrun-desk-ro-commands-');
const asRoot = process.getuid?.() === 0;
const nobody = asRoot ? { uid: 65534, gid: 65534 } : {};
let sandbox: SandboxHandle;
const KEY = 'wr_read_only_key';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], as: object, db: string | null): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args, ...(db ? ['--db', db] : [])], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: t.dir,
        WEBRUN_API_KEY: KEY,
        WEBRUN_BASE_URL: sandbox.url,
        WEBRUN_STRICT_TIMERS: '1',
      },
      cwd: t.dir,
      ...as,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end();
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What a long-running command (serve) says before it is stopped with SIGTERM. */
function started(args: string[], as: object, db: string | null, ready: RegExp): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args, ...(db ? ['--db', db] : [])], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: t.dir,
        WEBRUN_API_KEY: KEY,
        WEBRUN_BASE_URL: sandbox.url,
      },
      cwd: t.dir,
      ...as,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (ready.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string, prefix: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      // A reader of a WAL database in a writable folder may make an empty -shm and -wal.
      else if (!/-(shm|wal)$/.test(name))
        out[`${prefix}${name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

const READ_ONLY_LINE = /read-only|cannot (be )?writ/i;
const ids = { a: '', b: '', batch: '', watch: '', env: '', trigger: '' };

type Kind = 'reads' | 'refuses';
interface Case {
  label: string;
  kind: Kind;
  /** Made when the test runs: the ids come from the history seeded before. */
  args: () => string[];
  out?: () => RegExp;
}
const reads = (label: string, args: () => string[], out: () => RegExp): Case => ({
  label,
  kind: 'reads',
  args,
  out,
});
const refuses = (label: string, args: () => string[]): Case => ({ label, kind: 'refuses', args });
/** Every command, and every action of those that have several, with what it must do. */
const TABLE: Case[] = [
  reads(
    'history',
    () => ['history'],
    () => /kettle/,
  ),
  reads(
    'history --json',
    () => ['history', '--json'],
    () => /kettle/,
  ),
  reads(
    'spend',
    () => ['spend'],
    () => /\$0\.\d+/,
  ),
  reads(
    'export',
    () => ['export', '--format', 'json'],
    () => /kettle/,
  ),
  reads(
    'check',
    () => ['check'],
    () => /: ok/,
  ),
  reads(
    'sessions',
    () => ['sessions'],
    () => /No open sessions/,
  ),
  reads(
    'batches',
    () => ['batches'],
    () => new RegExp(ids.batch),
  ),
  reads(
    'batch-status',
    () => ['batch-status', ids.batch],
    () => /line 2/,
  ),
  reads(
    'compare',
    () => ['compare', ids.a, ids.b],
    () => /./,
  ),
  reads(
    'watch list',
    () => ['watch', 'list'],
    () => /Kettle watch/,
  ),
  reads(
    'watch runs',
    () => ['watch', 'runs', ids.watch],
    () => /No runs yet/,
  ),
  reads(
    'env list',
    () => ['env', 'list'],
    () => /Shop profile/,
  ),
  reads(
    'triggers list',
    () => ['triggers', 'list'],
    () => /Nightly kettle/,
  ),
  reads(
    'triggers runs',
    () => ['triggers', 'runs', ids.trigger],
    () => /./,
  ),
  refuses('run', () => ['run', 'Find the teapot price']),
  refuses('resume', () => ['resume']),
  refuses('batch', () => ['batch', join(t.dir, 'rows.csv'), '--template', 'Price of {{product}}']),
  refuses('mcp', () => ['mcp']),
  refuses('import-runs', () => ['import-runs']),
  refuses('sessions --terminate-stray', () => ['sessions', '--terminate-stray']),
  refuses('watch add', () => ['watch', 'add', '--name', 'N', '--prompt', 'P', '--every', '1h']),
  refuses('watch run', () => ['watch', 'run']),
  refuses('watch pause', () => ['watch', 'pause', ids.watch]),
  refuses('watch resume', () => ['watch', 'resume', ids.watch]),
  refuses('watch remove', () => ['watch', 'remove', ids.watch]),
  refuses('env create', () => ['env', 'create', 'Another']),
  refuses('env upload', () => ['env', 'upload', ids.env, join(t.dir, 'profile.tar.gz')]),
  refuses('env delete', () => ['env', 'delete', ids.env]),
  refuses('triggers create', () => [
    'triggers',
    'create',
    '--name',
    'T',
    '--env',
    ids.env,
    '--prompt',
    'P',
    '--every',
    '1h',
  ]),
  refuses('triggers pause', () => ['triggers', 'pause', ids.trigger]),
  refuses('triggers resume', () => ['triggers', 'resume', ids.trigger]),
  refuses('triggers run', () => ['triggers', 'run', ids.trigger]),
  refuses('triggers delete', () => ['triggers', 'delete', ids.trigger]),
];
/** Long-running: started, then stopped with SIGTERM once ready. */
const LONG_RUNNING = ['serve', 'sandbox'];
/** Never open the history. */
const NO_HISTORY = [['version'], ['completion', 'bash']];

const seed = join(t.dir, 'seed');
beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.01, rateLimit: null });
  chmodSync(t.dir, 0o755); // mkdtemp's 0700 would keep nobody out of everything
  mkdirSync(seed);
  writeFileSync(join(t.dir, 'rows.csv'), 'product\nkettle\ntoaster\n');
  writeFileSync(join(t.dir, 'profile.tar.gz'), 'not really an archive');
  const db = join(seed, 'history.db');
  const json = async (args: string[]): Promise<{ id?: string; batchId?: string }> => {
    const ran = await cli([...args, '--json'], {}, db);
    expect(ran.code, ran.stderr).toBe(0);
    return JSON.parse(ran.stdout) as { id?: string; batchId?: string };
  };
  ids.a = (await json(['run', 'Find the kettle price [duration:5s]'])).id!;
  ids.b = (await json(['run', 'Find the kettle price [duration:5s]'])).id!;
  ids.batch = (
    await json([
      'batch',
      join(t.dir, 'rows.csv'),
      '--template',
      'Price of {{product}} [duration:5s]',
    ])
  ).batchId!;
  ids.watch = (
    await json([
      'watch',
      'add',
      '--name',
      'Kettle watch',
      '--prompt',
      'Watch the kettle',
      '--every',
      '1h',
    ])
  ).id!;
  ids.env = (await json(['env', 'create', 'Shop profile'])).id!;
  ids.trigger = (
    await json([
      'triggers',
      'create',
      '--name',
      'Nightly kettle',
      '--env',
      ids.env,
      '--prompt',
      'Kettle',
      '--every',
      '1d',
    ])
  ).id!;
}, 180_000);
afterAll(async () => {
  for (const dir of mounted) spawnSync('umount', ['-l', dir]);
  for (const name of ['folder', 'mount']) spawnSync('chmod', ['-R', 'u+w', join(t.dir, name)]);
  await sandbox.close();
  t.cleanup();
});

const mounted: string[] = [];
/** A bind mount needs root (as the suite runs here and in CI); probed once, as disk tests do. */
const canMount = ((): boolean => {
  if (!asRoot) return false;
  const probe = join(t.dir, 'mount-probe');
  mkdirSync(probe);
  const ok = spawnSync('mount', ['--bind', probe, probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  else console.warn('No read-only mount here (it needs root): only the folder case runs.');
  return ok;
})();
const layouts: Record<string, { as: object; make(dir: string): void }> = {
  /** The history's folder cannot be written by this user (SQLite cannot even make its -shm). */
  folder: {
    as: nobody,
    make: (dir) => {
      chmodSync(join(dir, 'history.db'), 0o644);
      chmodSync(dir, 0o555);
    },
  },
  /** A read-only mount: the file system refuses every write, root's too. */
  mount: {
    as: {},
    make: (dir) => {
      execFileSync('mount', ['--bind', dir, dir]);
      mounted.push(dir);
      execFileSync('mount', ['-o', 'remount,ro,bind', dir]);
    },
  },
};

describe.each(Object.entries(layouts).filter(([name]) => name !== 'mount' || canMount))(
  'every command on a history whose %s is read-only',
  (name, layout) => {
    const dir = join(t.dir, name);
    const db = join(dir, 'history.db');
    let before: Record<string, string>;
    beforeAll(() => {
      cpSync(seed, dir, { recursive: true });
      layout.make(dir);
      before = snapshot(dir);
      const probe = spawnSync(
        process.execPath,
        ['-e', `require('fs').appendFileSync(${JSON.stringify(db)}, '')`],
        layout.as,
      );
      expect(probe.status, 'the premise: this history cannot be written').not.toBe(0);
    });

    it('covers every command the CLI has', () => {
      const named = new Set([
        ...TABLE.map((c) => c.label.split(' ')[0]),
        ...LONG_RUNNING,
        ...NO_HISTORY.map((args) => args[0]),
      ]);
      expect([...named].sort()).toEqual(COMMAND_SPECS.map((s) => s.name).sort());
    });

    it.each(TABLE)(
      '$label: $kind',
      async ({ args, kind, out }) => {
        const { code, stdout, stderr } = await cli(args(), layout.as, db);
        const lines = stderr.split('\n').filter((l) => l.trim() !== '');
        expect(stderr).not.toMatch(/\n\s+at |Cannot (open|prepare)|unexpected error/);
        if (kind === 'reads') {
          expect(
            lines.filter((l) => READ_ONLY_LINE.test(l)),
            stderr,
          ).toHaveLength(1);
          expect(code, stderr).toBe(0);
          expect(stdout).toMatch(out!());
        } else {
          expect(lines, stderr).toEqual([expect.stringMatching(READ_ONLY_LINE)]);
          expect(stdout).toBe('');
          expect(code).toBe(1);
        }
        expect(snapshot(dir)).toEqual(before);
      },
      60_000,
    );

    it('serve: serves it, saying once that it is read-only, and closes cleanly', async () => {
      const ran = await started(['serve'], layout.as, db, /Open: http/);
      expect(
        ran.stderr.split('\n').filter((l) => READ_ONLY_LINE.test(l)),
        ran.stderr,
      ).toHaveLength(1);
      expect(ran.code, ran.stderr).toBe(0);
      expect(snapshot(dir)).toEqual(before);
    }, 60_000);

    it('sandbox never opens the history: says nothing of it', async () => {
      const ran = await started(['sandbox'], layout.as, null, /127\.0\.0\.1:\d+/);
      expect(ran.stderr).not.toMatch(READ_ONLY_LINE);
      expect(snapshot(dir)).toEqual(before);
    }, 60_000);

    it.each(NO_HISTORY)('%s never opens the history: says nothing of it', async (...args) => {
      const { code, stderr } = await cli(args, layout.as, null);
      expect(code).toBe(0);
      expect(stderr).not.toMatch(READ_ONLY_LINE);
    });
  },
);
