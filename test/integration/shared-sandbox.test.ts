// One sandbox per history: every process on a history without an API key (run, resume, serve,
// mcp) talks to the one sandbox the first of them started, detached, beside the history. Real
// processes, real files: a task one process sends is followed and answered from another, two
// processes started at once share one sandbox, a killed sandbox is replaced (and that is said),
// and it stops by itself once quiet, never under an unfinished task.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { readSandboxFile, sandboxFilePath } from '../../src-main/core/shared-sandbox/index';
import { pidAlive } from '../../src-main/core/shared-sandbox/pid';
import { tempDir } from '../helpers/temp';
import { BIN, eventually, sandboxEnv, startMcp, startServe } from './mcp-helpers';

const t = tempDir('webrun-desk-shared-');
/** Every sandbox pid a test saw: none may outlive the suite. */
const seen = new Set<number>();
afterAll(async () => {
  t.cleanup();
  // A sandbox whose history is deleted stops at once (host.ts): none is left behind.
  for (const pid of seen) await eventually(async () => (pidAlive(pid) ? null : true), 30_000);
});

// A long quiet period, so a test reads the file of a sandbox that is surely still there after
// its commands ended (the quiet test sets a short one); deleting the histories stops them all.
const SCALE = { WEBRUN_SANDBOX_TIME_SCALE: '0.05', WEBRUN_SANDBOX_QUIET_MS: '120000' };

function cli(
  db: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args, '--db', db], {
      env: { ...sandboxEnv(SCALE), WEBRUN_STRICT_TIMERS: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The sandbox the history's file names (and remembers its pid for the leftover check). */
function sandboxOf(db: string): { pid: number; url: string; token: string } {
  const file = readSandboxFile(sandboxFilePath(db));
  if (!file) throw new Error(`no sandbox file beside ${db}`);
  seen.add(file.pid);
  return file;
}

function historyDb(name: string): string {
  return join(t.dir, `${name}.db`);
}

const untilGone = (pid: number): Promise<true> =>
  eventually(async () => (pidAlive(pid) ? null : true), 60_000);

describe('one sandbox per history', () => {
  it('resumes in a second process a task that `run --no-wait` sent from a first', async () => {
    const db = historyDb('resume');
    const sent = await cli(db, ['run', 'Compare three laptops [duration:120s]', '--no-wait']);
    expect(sent.code).toBe(0);
    const id = /id: ([0-9a-f-]{36})/.exec(sent.stdout)?.[1];
    expect(id).toBeDefined();
    const resumed = await cli(db, ['resume']);
    expect(resumed.stderr).not.toMatch(/not found|does not exist/i);
    expect(resumed.code).toBe(0);
    const shown = await cli(db, ['history', '--json']);
    const task = (JSON.parse(shown.stdout) as { id: string; status: string }[]).find(
      (row) => row.id === id,
    );
    expect(task?.status).toBe('completed');
    const sandbox = sandboxOf(db);
    expect(resumed.stderr).toContain(`using this history's built-in sandbox at ${sandbox.url}`);
  });

  it('answers in the app (browser mode) the question of a task the MCP server runs on the same history', async () => {
    const db = historyDb('mcp');
    const mcp = await startMcp(db, null, 'Test Assistant', SCALE);
    const serve = await startServe(db, null, SCALE);
    try {
      const call = mcp.client.callTool(
        {
          name: 'run_browser_task',
          arguments: { prompt: 'Pick a size [duration:40s] [guardrail:Which size, M or L?]' },
        },
        undefined,
        { timeout: 90_000 },
      );
      call.catch(() => {}); // awaited below; a failure before then must not go unhandled
      const item = await eventually(
        async () =>
          (await serve.api<{ taskId: string; question: string }[]>('inbox.list')).find((i) =>
            /Which size/.test(i.question),
          ),
        60_000,
      );
      await serve.api('tasks.answer', { id: item.taskId, answer: 'L' });
      const result = (await call) as CallToolResult;
      expect((result.structuredContent as { status: string }).status).toBe('completed');
      expect(mcp.stderr()).not.toMatch(/does not exist|expired/);
      sandboxOf(db);
    } finally {
      await mcp.close();
      await serve.stop();
    }
  });

  it('puts two processes started at the same moment on one sandbox: one file, one pid', async () => {
    const db = historyDb('race');
    const [a, b] = await Promise.all([
      cli(db, ['run', 'First errand [duration:20s]']),
      cli(db, ['run', 'Second errand [duration:20s]']),
    ]);
    expect([a.code, b.code], `${a.stderr}\n---\n${b.stderr}`).toEqual([0, 0]);
    const pids = [a.stderr, b.stderr].map(
      (text) => /built-in sandbox at \S+ \(pid (\d+)/.exec(text)?.[1],
    );
    expect(pids[0]).toBeDefined();
    expect(pids[1]).toBe(pids[0]);
    // Exactly one of them started it; the other found it.
    const started = [a.stderr, b.stderr].filter((text) => text.includes('started this history'));
    expect(started).toHaveLength(1);
    const files = readdirSync(t.dir).filter((name) => name.startsWith('race.db.sandbox'));
    expect(files).toEqual(['race.db.sandbox.json']);
    expect(sandboxOf(db).pid).toBe(Number(pids[0]));
  });

  it('starts a fresh sandbox after the last one was killed, and says so', async () => {
    const db = historyDb('killed');
    expect((await cli(db, ['run', 'Warm up [duration:10s]'])).code).toBe(0);
    const first = sandboxOf(db);
    process.kill(first.pid, 'SIGKILL');
    await untilGone(first.pid);
    const next = await cli(db, ['run', 'Carry on [duration:10s]']);
    expect(next.stderr).toContain(`built-in sandbox (pid ${first.pid}) had stopped unexpectedly`);
    expect(next.code).toBe(0);
    const second = sandboxOf(db);
    expect(second.pid).not.toBe(first.pid);
    expect(pidAlive(second.pid)).toBe(true);
  });

  it('starts it again at the same address when it is killed under a live process, which carries on', async () => {
    const db = historyDb('live');
    // The app checks on it every third of the quiet period (1 s here).
    const serve = await startServe(db, null, { ...SCALE, WEBRUN_SANDBOX_QUIET_MS: '3000' });
    try {
      const first = sandboxOf(db);
      process.kill(first.pid, 'SIGKILL');
      const second = await eventually(async () => {
        const file = readSandboxFile(sandboxFilePath(db));
        return file && file.pid !== first.pid ? file : null;
      }, 60_000);
      seen.add(second.pid);
      expect(second.url).toBe(first.url);
      const task = await serve.api<{ id: string }>('tasks.create', {
        prompt: 'After the restart [duration:5s]',
      });
      const done = await eventually(async () => {
        const now = await serve.api<{ status: string }>('tasks.get', { id: task.id });
        return now.status === 'completed' || now.status === 'failed' ? now : null;
      }, 60_000);
      expect(done.status).toBe('completed');
    } finally {
      await serve.stop();
    }
  });

  it('keeps its file private (0600) and its token out of the history database', async () => {
    const db = historyDb('secret');
    expect((await cli(db, ['run', 'Look around [duration:10s]'])).code).toBe(0);
    const path = sandboxFilePath(db);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const { token } = sandboxOf(db);
    for (const name of readdirSync(t.dir).filter(
      (n) => n.startsWith('secret.db') && !n.endsWith('.json'),
    ))
      expect(readFileSync(join(t.dir, name)).includes(token)).toBe(false);
  });

  it('runs with the options of the process that started it, and a later process says so', async () => {
    const db = historyDb('options');
    expect((await cli(db, ['run', 'First look [duration:10s]'])).code).toBe(0);
    const later = await cli(db, ['run', 'Second look [duration:10s]'], {
      WEBRUN_SANDBOX_TIME_SCALE: '0.02',
    });
    expect(later.code).toBe(0);
    expect(later.stderr).toContain(
      "it runs with that process's options: time scale 0.05 (this process asked for 0.02)",
    );
    sandboxOf(db);
  });

  it('stops by itself once quiet, but not while a task waits for an answer', async () => {
    // 3 s, not 300 ms: a process keeps its sandbox awake by asking it every third of the quiet
    // period, and at load 10 a CLI stalled past 300 ms, its sandbox stopped under the run-task
    // it was sending, and the run ended unknown (exit 4).
    const quiet = { WEBRUN_SANDBOX_QUIET_MS: '3000' };
    const waiting = historyDb('waiting');
    const control = historyDb('control');
    const sent = await cli(
      waiting,
      ['run', 'Book a table [duration:200s] [guardrail:For how many people?]', '--no-wait'],
      quiet,
    );
    expect(sent.code).toBe(0);
    const busy = sandboxOf(waiting);
    // The control history's sandbox, started after the busy one and with nothing left to do,
    // stops once quiet: by then the busy one has been quiet at least as long.
    const look = await cli(control, ['run', 'Quick look [duration:5s]'], quiet);
    expect(look.code).toBe(0);
    const idle = Number(/built-in sandbox at \S+ \(pid (\d+)/.exec(look.stderr)?.[1]);
    seen.add(idle);
    await untilGone(idle);
    expect(readSandboxFile(sandboxFilePath(control))).toBeNull();
    expect(pidAlive(busy.pid)).toBe(true);
    expect(sandboxOf(waiting).pid).toBe(busy.pid);
    // Another process answers the question, the task ends, and the sandbox then stops too.
    const serve = await startServe(waiting, null, { ...SCALE, ...quiet });
    try {
      const item = await eventually(
        async () =>
          (await serve.api<{ taskId: string; question: string }[]>('inbox.list')).find((i) =>
            /how many people/.test(i.question),
          ),
        60_000,
      );
      await serve.api('tasks.answer', { id: item.taskId, answer: 'four' });
      await eventually(async () => {
        const task = await serve.api<{ status: string }>('tasks.get', { id: item.taskId });
        return task.status === 'completed' ? task : null;
      }, 60_000);
    } finally {
      await serve.stop();
    }
    await untilGone(busy.pid);
    expect(readSandboxFile(sandboxFilePath(waiting))).toBeNull();
  });
});
