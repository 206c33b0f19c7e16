// `webrun-desk watch` and `compare` as a user runs them: child processes on one history file and
// a sandbox started here. A watch refused for a missing placeholder value exits 2 and saves
// nothing; a desk that was off for three hours lists the missed runs and catches up once when
// `watch run` starts; the run gets its verdict; `compare` reads any two runs, and a hostile
// answer never reaches the terminal raw.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
const KEY = `wr_cli_watch_${Date.now()}`;
const t = tempDir();
const DB = join(t.dir, 'watch.db');
let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ timeScale: 0.001, rateLimit: null, triggerClock: 'stopped' });
});
afterAll(async () => {
  await sb.close();
  t.cleanup();
});

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args, '--db', DB], {
    env: { ...process.env, WEBRUN_API_KEY: KEY, WEBRUN_DESK_DB: '' },
  });
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = start(args);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const SCHEMA = join(import.meta.dirname, '../fixtures/watch-kettle-schema.json');
const ADD = [
  'watch',
  'add',
  '--name',
  'Kettle',
  '--prompt',
  'Price of the kettle at {{shop}}',
  '--every',
  '1h',
  '--output-type',
  'structured_json',
  '--schema',
  SCHEMA,
  '--check',
  '{"kind":"schema"}',
];

describe('webrun-desk watch', () => {
  it('refuses a watch without a placeholder value (exit 2), then adds it', async () => {
    const refused = await cli(ADD);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^webrun-desk: No value for the placeholder\(s\) shop\.$/m);
    const added = await cli([...ADD, '--value', 'shop=shop.example', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'Kettle', state: 'active' });
    const list = await cli(['watch', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
    const bad = await cli([...ADD, '--value', 'shop=x', '--unchanged-days', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--unchanged-days must be/);
  });

  it('takes change settings as flags: watched and ignored paths, tolerances, unchanged days', async () => {
    const db = join(t.dir, 'flags.db');
    const added = await new Promise<string>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          BIN,
          ...ADD,
          '--value',
          'shop=s',
          '--watch-path',
          'price',
          '--ignore-path',
          'updatedAt',
          '--ignore-pattern',
          '^\\d{4}-',
          '--tolerance',
          '0.5',
          '--tolerance-percent',
          '2',
          '--unchanged-days',
          '3',
          '--catch-up',
          'skip',
          '--json',
          '--db',
          db,
        ],
        { env: { ...process.env, WEBRUN_API_KEY: KEY, WEBRUN_DESK_DB: '' } },
      );
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', () => resolve(out));
    });
    expect(JSON.parse(added)).toMatchObject({
      catchUp: 'skip',
      change: {
        watch: ['price'],
        ignorePaths: ['updatedAt'],
        ignorePatterns: ['^\\d{4}-'],
        tolerance: 0.5,
        tolerancePercent: 2,
        unchangedDays: 3,
      },
    });
  });

  it('lists the runs missed while off, catches up once on `watch run`, and judges the run', async () => {
    // Off for three and a half hours: the watch, made then, ran hourly from then on (its
    // occurrences 2.5, 1.5 and 0.5 hours ago were all missed, whatever the time of day now).
    const db = new Database(DB);
    db.prepare(
      'UPDATE watches SET handled_until = handled_until - 12600000, anchor_at = anchor_at - 12600000',
    ).run();
    db.close();
    const child = start(['watch', 'run', '--base-url', sb.url]);
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const judged = await new Promise<{ verdict: string }>((resolve) => {
      const look = setInterval(() => {
        const d = new Database(DB, { readonly: true });
        const row = d
          .prepare('SELECT verdict FROM watch_runs WHERE evaluated_at IS NOT NULL')
          .get() as { verdict: string } | undefined;
        d.close();
        if (row) {
          clearInterval(look);
          resolve(row);
        }
      }, 100);
    });
    expect(judged.verdict).toBe('pass');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toMatch(
      /Watch Kettle: 2 run\(s\) missed while no desk was running; caught up once\./,
    );
    const runs = await cli(['watch', 'runs', await watchId(), '--json']);
    const states = (JSON.parse(runs.stdout) as { state: string }[]).map((r) => r.state);
    expect(states).toEqual(['caught_up', 'missed', 'missed']);
    const list = await cli(['watch', 'list']);
    expect(list.stdout).toMatch(/pass 100% \(1 pass, 0 fail, 0 unverified\)/);
    expect(list.stdout).toMatch(/; 2 missed$/m);
  });
});

async function watchId(): Promise<string> {
  const list = await cli(['watch', 'list', '--json']);
  return (JSON.parse(list.stdout) as { id: string }[])[0]!.id.slice(0, 8);
}

describe('webrun-desk compare', () => {
  it('compares two runs by short id, and writes a hostile answer inert', async () => {
    const { db } = openStore(DB);
    const tasks = new TaskStore(db);
    const json = { outputType: 'structured_json' as const, outputSchema: { type: 'object' } };
    for (const [id, price] of [
      ['aaaa1111-0000-4000-8000-000000000001', 10],
      ['bbbb2222-0000-4000-8000-000000000002', 12],
    ] as const) {
      tasks.create({ id, prompt: 'p', startingUrl: null, createdAt: Date.now(), options: json });
      tasks.update(id, {
        status: 'completed',
        resultMessage: JSON.stringify({
          price,
          note: `\u001b]52;c;ZXZpbA==\u0007hi\u001b[2J${price}`,
        }),
      });
    }
    db.close();
    const text = await cli(['compare', 'aaaa1111', 'bbbb2222']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Output: 2 key path\(s\) changed$/m);
    expect(text.stdout).toMatch(/^ {2}~ price: 10 → 12$/m);
    expect(text.stdout.includes('\u001b') || text.stdout.includes('\u0007')).toBe(false);
    expect(text.stdout).toMatch(/hi/);
    const json_ = await cli(['compare', 'aaaa1111', 'bbbb2222', '--json']);
    expect(JSON.parse(json_.stdout)).toMatchObject({ same: false, output: { kind: 'keys' } });
    const previous = await cli(['compare', 'bbbb2222', '--json']);
    expect(JSON.parse(previous.stdout).before.id).toBe('aaaa1111-0000-4000-8000-000000000001');
    const bad = await cli(['compare', 'zzzz9999', 'bbbb2222']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/No task with an id starting zzzz9999\./);
  });
});
