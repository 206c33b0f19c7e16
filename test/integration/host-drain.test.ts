// Quitting a long-running host while WebRun holds a run-task request (issue 22): "Nothing that
// WebRun accepted ends without its remote ids in the history." The app in browser mode (`serve`,
// what `npm start` runs without a window) and the MCP server stop on SIGTERM (or, for the MCP
// server, when its client closes stdin) while a submission is out; before, they closed at once,
// the answer was never read, and the next start marked the task unknown while WebRun ran and
// billed it. Now they wait for the answer (one line says so), write it, and exit 0; a second
// signal quits at once. Real processes, real signals, a scripted WebRun on loopback.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk } from '../../src-main/core/desk';
import { SAME_PRESS_MS } from '../../src-main/core/runner/drain';
import { HOLD, startHeldWebRun, type HeldWebRun } from '../helpers/held-webrun';
import { tempDir } from '../helpers/temp';
import { BIN, deskEnv, eventually } from './mcp-helpers';

const t = tempDir('webrun-host-drain-');
let webrun: HeldWebRun;
beforeAll(async () => {
  webrun = await startHeldWebRun();
});
afterAll(async () => {
  for (const h of webrun.held) h.release();
  await webrun.close();
  t.cleanup();
});

interface Host {
  child: ChildProcess;
  stderr(): string;
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | string | null>;
  /** Resolves once stderr matches. */
  said(pattern: RegExp): Promise<void>;
}

function spawnHost(args: string[], stdin: 'ignore' | 'pipe' = 'ignore'): Host {
  const child = spawn(process.execPath, [BIN, ...args, '--base-url', webrun.url], {
    env: deskEnv({ WEBRUN_API_KEY: 'wr_drain_key' }),
    stdio: [stdin, 'pipe', 'pipe'],
  });
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return {
    child,
    stderr: () => stderr,
    exited,
    said: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const look = (): void => {
          if (!pattern.test(stderr)) return;
          listeners.delete(look);
          resolve();
        };
        listeners.add(look);
        look();
        void exited.then((code) =>
          reject(new Error(`exited (${code}) before saying ${pattern}: ${stderr}`)),
        );
      }),
  };
}

/** `serve` on `db`, with its API reached through the URL it prints. */
async function startServe(db: string) {
  const host = spawnHost(['serve', '--db', db]);
  const url = await new Promise<URL>((resolve, reject) => {
    host.child.stdout!.on('data', (chunk: Buffer) => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(String(chunk));
      if (match) resolve(new URL(match[1]!));
    });
    void host.exited.then((code) => reject(new Error(`serve exited (${code}): ${host.stderr()}`)));
  });
  const api = async (method: string, input: unknown = {}): Promise<unknown> => {
    const response = await fetch(`${url.origin}/api/${method}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${url.searchParams.get('token')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(input),
    });
    const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
    if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
    return envelope.value;
  };
  return { ...host, api };
}

interface Row {
  prompt: string;
  status: string;
  session: string | null;
  remote: string | null;
}

function read<T>(db: string, sql: string): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all() as T[];
  } finally {
    d.close();
  }
}
const tasks = (db: string): Row[] =>
  read<Row>(
    db,
    'SELECT prompt, status, session_id AS session, remote_task_id AS remote FROM tasks ORDER BY created_at, rowid',
  );
const heldFor = (word: string) =>
  eventually(async () => webrun.held.find((h) => h.prompt.includes(word)), 60_000);
/**
 * A person's second press: past the window in which one Ctrl+C arrives several times (npm,
 * start.mjs), counted from the host's line, which it says only once it took the first signal.
 */
const pastSamePress = (since: number) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, since + SAME_PRESS_MS + 200 - Date.now())),
  );

/** Another desk on the history, as the next start: it follows what the host left running. */
async function followedToTheEnd(db: string, prompts: string[]): Promise<void> {
  const desk = await createDesk({
    dbPath: db,
    apiKey: 'wr_drain_key',
    baseUrl: webrun.url,
    host: 'browser',
    rateLimit: null,
    runner: { useSockets: false, pollIntervalMs: () => 100 },
  });
  try {
    for (const prompt of prompts)
      await eventually(async () => {
        const task = desk.history.list({}, 100).tasks.find((x) => x.prompt === prompt);
        return task?.status === 'completed' ? task : null;
      }, 60_000);
  } finally {
    await desk.close();
  }
}

describe('the app in browser mode (serve) stopped while WebRun holds run-task', () => {
  it("waits for WebRun's answers, writes their ids, sends nothing new, then exits 0", async () => {
    const db = join(t.dir, 'serve.db');
    const serve = await startServe(db);
    // Two slots: two tasks held at WebRun, a third queued behind them.
    await serve.api('settings.update', { runner: { concurrency: 2 } });
    const prompts = [`Serve one ${HOLD}`, `Serve two ${HOLD}`, 'Serve three, queued'];
    for (const prompt of prompts) await serve.api('tasks.create', { prompt });
    const held = [await heldFor('Serve one'), await heldFor('Serve two')];

    serve.child.kill('SIGTERM');
    await serve.said(
      /Waiting for WebRun to answer 2 tasks being submitted \(Ctrl\+C again to quit now\)…/,
    );
    for (const request of held) request.release();
    // Before, it closed at once: exit 0 with both tasks submitting and no ids (unknown next).
    expect(await serve.exited).toBe(0);

    const rows = tasks(db);
    expect(rows.map((r) => [r.prompt, r.status, r.remote])).toEqual([
      [prompts[0], 'running', held[0]!.taskId],
      [prompts[1], 'running', held[1]!.taskId],
      [prompts[2], 'queued', null],
    ]);
    // Nothing new was claimed while it waited: the queued one was never sent.
    expect(webrun.submissions.get(prompts[2]!)).toBeUndefined();
    // Closed cleanly: no host left holding tasks, and the next start finds no unclean close.
    expect(read(db, 'SELECT id FROM desk_hosts')).toEqual([]);
    expect(
      read<{ value: string }>(db, "SELECT value FROM settings WHERE key = 'integrity'").map(
        (r) => JSON.parse(r.value) as { openSince: unknown },
      ),
    ).toEqual([expect.objectContaining({ openSince: null })]);
    // The next start follows the two to their end and sends the third: each sent once.
    await followedToTheEnd(db, prompts);
    for (const prompt of prompts) expect(webrun.submissions.get(prompt)).toBe(1);
  }, 180_000);

  it('quits at once on a second signal, leaving the task being sent for recovery', async () => {
    const db = join(t.dir, 'serve-twice.db');
    const serve = await startServe(db);
    await serve.api('tasks.create', { prompt: `Serve impatient ${HOLD}` });
    const request = await heldFor('Serve impatient');
    serve.child.kill('SIGTERM');
    await serve.said(/Waiting for WebRun to answer 1 task being submitted/);
    await pastSamePress(Date.now());
    serve.child.kill('SIGTERM');
    // WebRun still holds the request: only the second signal can have ended the wait.
    expect(await serve.exited).toBe(0);
    expect(serve.stderr()).toMatch(/Not waiting: a task still being submitted becomes unknown/);
    expect(tasks(db)).toEqual([expect.objectContaining({ status: 'submitting', remote: null })]);
    request.release();
  }, 180_000);
});

/** The SDK's own client over a process this test spawned, so the test closes its stdin itself. */
class ChildTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private readonly buffer = new ReadBuffer();
  constructor(private readonly child: ChildProcess) {}
  async start(): Promise<void> {
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (let m = this.buffer.readMessage(); m; m = this.buffer.readMessage()) this.onmessage?.(m);
    });
    this.child.on('exit', () => this.onclose?.());
  }
  async send(message: JSONRPCMessage): Promise<void> {
    this.child.stdin!.write(serializeMessage(message));
  }
  async close(): Promise<void> {}
}

async function startMcp(db: string) {
  const host = spawnHost(['mcp', '--db', db], 'pipe');
  const client = new Client({ name: 'Drain Test', version: '1.0.0' });
  await client.connect(new ChildTransport(host.child));
  const start = async (prompt: string): Promise<string> => {
    const result = (await client.callTool({
      name: 'start_browser_task',
      arguments: { prompt },
    })) as { structuredContent?: { taskId?: string } };
    return result.structuredContent!.taskId!;
  };
  return { ...host, client, start };
}

describe('the MCP server stopped while WebRun holds run-task', () => {
  it("waits for WebRun's answer when its client closes stdin, writes its ids, then exits 0", async () => {
    const db = join(t.dir, 'mcp.db');
    const mcp = await startMcp(db);
    const prompt = `Assistant asks ${HOLD}`;
    await mcp.start(prompt);
    const request = await heldFor('Assistant asks');
    mcp.child.stdin!.end();
    // On stderr: stdout carries the protocol alone.
    await mcp.said(/Waiting for WebRun to answer 1 task being submitted/);
    request.release();
    expect(await mcp.exited).toBe(0);
    expect(tasks(db)).toEqual([
      { prompt, status: 'running', session: request.sessionId, remote: request.taskId },
    ]);
    expect(read(db, 'SELECT id FROM desk_hosts')).toEqual([]);
    await followedToTheEnd(db, [prompt]);
    expect(webrun.submissions.get(prompt)).toBe(1);
  }, 180_000);

  it('on SIGTERM waits the same way, and quits at once on a second SIGTERM, closing cleanly', async () => {
    const db = join(t.dir, 'mcp-twice.db');
    const mcp = await startMcp(db);
    await mcp.start(`Assistant in a hurry ${HOLD}`);
    const request = await heldFor('Assistant in a hurry');
    mcp.child.kill('SIGTERM');
    await mcp.said(
      /Waiting for WebRun to answer 1 task being submitted \(Ctrl\+C or SIGTERM again/,
    );
    await pastSamePress(Date.now());
    mcp.child.kill('SIGTERM');
    // Before, the second SIGTERM found no handler and killed it mid-way (its host row left).
    expect(await mcp.exited).toBe(0);
    expect(read(db, 'SELECT id FROM desk_hosts')).toEqual([]);
    expect(tasks(db)).toEqual([expect.objectContaining({ status: 'submitting', remote: null })]);
    request.release();
  }, 180_000);
});

describe('batch interrupted while WebRun holds run-task', () => {
  it('waits for the answers and sends no further row, even when a slot frees meanwhile (Ctrl+C)', async () => {
    const db = join(t.dir, 'batch.db');
    const rows = join(t.dir, 'rows.csv');
    writeFileSync(rows, 'item\nkettle\ntoaster\nblender\n');
    const batch = spawnHost([
      'batch',
      rows,
      '--template',
      `Batch row {{item}} ${HOLD}`,
      '--concurrency',
      '2',
      '--db',
      db,
    ]);
    batch.child.stdout!.resume();
    const kettle = await heldFor('Batch row kettle');
    const toaster = await heldFor('Batch row toaster');
    batch.child.kill('SIGINT');
    await batch.said(
      /Interrupted: Waiting for WebRun to answer 2 tasks being submitted \(Ctrl\+C again to quit now\)…/,
    );
    // The kettle ends within WebRun's window: its slot frees, and the batch hands the blender
    // row to the queue while the toaster's answer is still awaited.
    kettle.release('completed');
    await eventually(async () =>
      tasks(db).some((r) => r.prompt.includes('blender')) ? true : null,
    );
    toaster.release();
    expect(await batch.exited).toBe(130);
    expect(batch.stderr()).toMatch(/1 task\(s\) keep running at WebRun, and billing/);
    // Before, the freed slot sent the blender while the toaster's answer was awaited, and the
    // process left with it out: submitting, no ids, billed at WebRun. Now it stays queued, and
    // `resume` continues it.
    expect(tasks(db).map((r) => [r.prompt.split(' ')[2], r.status, r.remote])).toEqual([
      ['kettle', 'completed', kettle.taskId],
      ['toaster', 'running', toaster.taskId],
      ['blender', 'queued', null],
    ]);
    expect(webrun.submissions.get(`Batch row blender ${HOLD}`)).toBeUndefined();
  }, 180_000);
});
