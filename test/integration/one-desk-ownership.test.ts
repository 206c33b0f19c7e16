// Two processes on one history (issue 22): while `run` waits for WebRun's answer to run-task
// (WebRun may hold it 50 s), the app opening on the same history must leave the task alone: it
// is held by a live process. The answer that then arrives is kept, with its ids. Only when the
// process that sent it is provably gone (SIGKILL: its heartbeat goes stale) does the app take
// the task over, and a task caught mid-submission then becomes unknown, never resent.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { tempDir } from '../helpers/temp';
import { BIN, deskEnv, eventually } from './mcp-helpers';

const t = tempDir('webrun-one-desk-');
const db = join(t.dir, 'history.db');
let server: Server;
let baseUrl = '';
/** run-task requests WebRun holds: answered when the test says so. */
const held: { prompt: string; key: string; answer: (body: object) => void }[] = [];
let submissions = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const reply = (body: object): void => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/start/run-task') {
        submissions += 1;
        const body = JSON.parse(text) as { task?: { prompt?: string }; prompt?: string };
        held.push({
          prompt: body.task?.prompt ?? body.prompt ?? '',
          key: req.headers.authorization ?? '',
          answer: reply,
        });
        return;
      }
      reply({ success: false, message: 'not here' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  t.cleanup();
});

function startRun(prompt: string): {
  child: ChildProcess;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [BIN, 'run', prompt, '--db', db], {
    env: deskEnv({ WEBRUN_BASE_URL: baseUrl, WEBRUN_API_KEY: 'wr_one_desk_key' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout!.resume();
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return {
    child,
    exit: new Promise((r) => child.on('exit', (code) => r(code))),
    stderr: () => stderr,
  };
}

const openApp = (): Promise<Desk> =>
  createDesk({
    dbPath: db,
    apiKey: 'wr_one_desk_key',
    baseUrl,
    host: 'browser',
    rateLimit: null,
    runner: { useSockets: false },
  });

describe('one history, two processes', () => {
  it('leaves a task alone while the live process that sends it waits for WebRun, and keeps the late answer', async () => {
    const run = startRun('Held by run while WebRun thinks');
    const request = await eventually(async () => held.find((h) => h.prompt.includes('Held by')));
    const app = await openApp();
    try {
      const task = app.history.list({}, 10).tasks.find((x) => x.prompt.includes('Held by'))!;
      // Before ownership, recovery here marked it unknown ("The app stopped while ...").
      expect(task.status).toBe('submitting');
      request.answer({
        success: true,
        sessionId: 's-held',
        taskId: 't-held',
        status: 'completed',
        message: 'the answer',
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.01 },
      });
      expect(await run.exit).toBe(0);
      const done = await eventually(async () => {
        const now = await app.handlers['tasks.get']({ id: task.id });
        return now.status === 'completed' ? now : null;
      }, 60_000);
      expect(done).toMatchObject({ resultMessage: 'the answer' });
      expect(submissions).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('takes over a task only once the process that sent it is gone (SIGKILL), as unknown', async () => {
    const app = await openApp();
    try {
      const run = startRun('Sent by a process about to die');
      await eventually(async () => held.find((h) => h.prompt.includes('about to die')));
      const task = app.history.list({}, 10).tasks.find((x) => x.prompt.includes('about to die'))!;
      run.child.kill('SIGKILL');
      await run.exit;
      // Its heartbeat goes stale within seconds; the app then takes the task over.
      const taken = await eventually(async () => {
        const now = await app.handlers['tasks.get']({ id: task.id });
        return now.status === 'unknown' ? now : null;
      }, 60_000);
      expect(taken.error?.code).toBe('OUTCOME_UNKNOWN');
      expect(submissions).toBe(2); // never resent on its own
    } finally {
      await app.close();
    }
  });

  it('resume names each task it could not follow, and exits 4 when one is unknown', async () => {
    const run = startRun('Interrupted mid-submission');
    await eventually(async () => held.find((h) => h.prompt.includes('mid-submission')));
    run.child.kill('SIGKILL');
    await run.exit;
    // No wait for its heartbeat to go stale: its process is gone from this machine, and resume
    // sees that at once (HostLeases.reapDead).
    const resume = spawn(process.execPath, [BIN, 'resume', '--db', db], {
      env: deskEnv({ WEBRUN_BASE_URL: baseUrl, WEBRUN_API_KEY: 'wr_one_desk_key' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    resume.stdout!.resume();
    resume.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((r) => resume.on('exit', r));
    expect(stderr).toMatch(
      /Could not follow task \w{8}: The app stopped while this task was being submitted/,
    );
    expect(code).toBe(4);
  });

  it('keeps the answer that arrives after the app marked the task unknown, and run waits for it', async () => {
    const run = startRun('Suspended while WebRun thinks');
    const request = await eventually(async () => held.find((h) => h.prompt.includes('Suspended')));
    const app = await openApp();
    try {
      const task = app.history.list({}, 10).tasks.find((x) => x.prompt.includes('Suspended'))!;
      // Ctrl+Z on the terminal (or a laptop asleep): the process lives, its heartbeat goes
      // stale, and the app takes the task over as unknown while WebRun still holds its request.
      run.child.kill('SIGSTOP');
      await eventually(async () => {
        const now = await app.handlers['tasks.get']({ id: task.id });
        return now.status === 'unknown' ? now : null;
      }, 60_000);
      run.child.kill('SIGCONT');
      // `run` learns of it (its progress line says so) before WebRun's answer comes back.
      await eventually(async () => (/: unknown/.test(run.stderr()) ? true : null), 60_000);
      request.answer({
        success: true,
        sessionId: 's-late',
        taskId: 't-late',
        status: 'completed',
        message: 'answered late',
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.03 },
      });
      // Before the fix, run had exited 4 on `unknown` and the answer (ids, cost) was lost.
      expect(await run.exit).toBe(0);
      const kept = await app.handlers['tasks.get']({ id: task.id });
      expect(kept).toMatchObject({
        status: 'completed',
        sessionId: 's-late',
        resultMessage: 'answered late',
      });
      expect(kept.usage?.cost).toBe(0.03);
      expect(app.history.list({}, 10).tasks.find((x) => x.id === task.id)?.remoteTaskId).toBe(
        't-late',
      );
    } finally {
      run.child.kill('SIGCONT');
      await app.close();
    }
  }, 120_000);

  it('leaves alone a task run has written but not yet sent: it is held from the moment it is written', async () => {
    // The moment a loaded machine stretches: run (its runner sends only its own tasks) has
    // written the task and not yet claimed it. Before the fix the app, told of the new row,
    // claimed and sent it itself (issue 30): killing run then left the app's own request
    // waiting, never an unknown task, and run's answer would have come from the app's send.
    const app = await openApp();
    const run = await createDesk({
      dbPath: db,
      apiKey: 'wr_run_own_key',
      baseUrl,
      host: 'browser',
      rateLimit: null,
      recover: false,
      runner: { onlyOwnTasks: true, useSockets: false },
    });
    try {
      run.runner.setPaused(true);
      const looked = new Promise<void>((resolve) => {
        const off = app.onExternalChange(() => (off(), resolve()));
      });
      const task = await run.handlers['tasks.create']({
        prompt: 'Written by run, not yet sent',
        mode: 'oneshot',
        keepSessionOpen: false,
        priority: 0,
        tags: [],
      });
      // The app has seen the row and looked at its queue; its claims are written a turn later.
      await looked;
      for (let turn = 0; turn < 3; turn++) await new Promise((r) => setImmediate(r));
      expect((await app.handlers['tasks.get']({ id: task.id })).status).toBe('queued');
      run.runner.setPaused(false);
      const request = await eventually(async () =>
        held.find((h) => h.prompt.includes('not yet sent')),
      );
      expect(request.key).toBe('Bearer wr_run_own_key');
      request.answer({
        success: true,
        sessionId: 's-own',
        taskId: 't-own',
        status: 'completed',
        message: 'sent by run',
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, cost: 0.01 },
      });
      const done = await eventually(async () => {
        const now = await run.handlers['tasks.get']({ id: task.id });
        return now.status === 'completed' ? now : null;
      });
      expect(done.resultMessage).toBe('sent by run');
      expect(held.filter((h) => h.prompt.includes('not yet sent'))).toHaveLength(1);
    } finally {
      await run.close();
      await app.close();
    }
  });
});
