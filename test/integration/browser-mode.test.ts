// The browser-mode server with the real core: a real SQLite file, the in-process sandbox on
// 127.0.0.1, and HTTP requests exactly as a page (or an attacker's page) would send them.
import Database from 'better-sqlite3';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DeskEvent, TaskView } from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startBrowserServer, type BrowserServer } from '../../src-main/web/server';
import { tempDir } from '../helpers/temp';

let desk: Desk;
let server: BrowserServer;
let dbPath: string;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  dbPath = join(t.dir, 'history.db');
  desk = await createDesk({ dbPath, host: 'browser', sandbox: { timeScale: 0.001 } });
  server = await startBrowserServer({ desk, staticRoot: null });
});

afterAll(async () => {
  await server.close();
  await desk.close();
  cleanup();
});

interface Reply {
  status: number;
  body: string;
}

/** A raw HTTP request, so Host and Origin can be forged the way fetch() would never allow. */
function send(
  path: string,
  {
    method = 'POST',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const good = () => ({
  'Content-Type': 'application/json',
  Authorization: `Bearer ${server.token}`,
  Origin: server.origin,
});

function call(
  method: string,
  input: unknown,
  headers: Record<string, string> = good(),
): Promise<Reply> {
  return send(`/api/${method}`, { headers, body: JSON.stringify(input) });
}

function taskCount(): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('browser-mode boundary, over real HTTP', () => {
  it.each([
    ['no token', () => ({ 'Content-Type': 'application/json', Origin: server.origin })],
    ['a wrong token', () => ({ ...good(), Authorization: 'Bearer nope' })],
    [
      'a foreign Host (DNS rebinding)',
      () => ({ ...good(), Host: `attacker.example:${server.port}` }),
    ],
    ['a foreign Origin', () => ({ ...good(), Origin: 'https://attacker.example' })],
  ])('refuses %s with 403 and writes nothing', async (_name, headers) => {
    const before = taskCount();
    const reply = await call('tasks.create', { prompt: 'should never run' }, headers());
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(taskCount()).toBe(before);
  });

  it('refuses a foreign Host even for the page itself', async () => {
    const reply = await send('/', { method: 'GET', headers: { Host: 'attacker.example' } });
    expect(reply.status).toBe(403);
  });

  it('answers invalid input with a 400 validation envelope and no database write', async () => {
    const before = taskCount();
    const reply = await call('tasks.create', { prompt: '' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const notJson = await send('/api/tasks.create', { headers: good(), body: '{"prompt":' });
    expect(notJson.status).toBe(400);
    expect(taskCount()).toBe(before);
  });

  it('refuses unknown method names', async () => {
    const reply = await call('tasks.dropAll', {});
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([
    ['no token', (): string[] => ['webrun-desk'], {}],
    ['a wrong token', (): string[] => ['webrun-desk', 'token.nope'], {}],
    [
      'a cross-site page',
      (): string[] => ['webrun-desk', `token.${server.token}`],
      { origin: 'https://attacker.example' },
    ],
  ])('refuses an events WebSocket with %s', async (_name, protocols, options) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, protocols(), options);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => {});
    });
    expect(status).toBe(403);
    ws.terminate();
  });
});

describe('a task submitted over HTTP', () => {
  it('runs on the sandbox to completion, with its cost stored in the database file and pushed as events', async () => {
    const ws = new WebSocket(
      `ws://127.0.0.1:${server.port}/events`,
      ['webrun-desk', `token.${server.token}`],
      { origin: server.origin },
    );
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const seen: TaskView[] = [];
    ws.on('message', (data) => {
      for (const e of (JSON.parse(String(data)) as { events: DeskEvent[] }).events)
        if (e.name === 'task.updated') seen.push(e.payload);
    });

    const reply = await call('tasks.create', {
      prompt: 'Find the opening hours of the Louvre',
      startingUrl: 'https://www.louvre.fr',
    });
    expect(reply.status).toBe(200);
    const created = (JSON.parse(reply.body) as { ok: true; value: TaskView }).value;
    expect(['queued', 'submitting']).toContain(created.status);

    const done = await desk.waitForSettled(created.id);
    expect(done.status).toBe('completed');
    expect(done.resultMessage).toBeTruthy();

    const db = new Database(dbPath, { readonly: true });
    const row = db
      .prepare(
        'SELECT status, result_message, cost, cost_source, prompt_tokens, session_id, remote_task_id FROM tasks WHERE id = ?',
      )
      .get(created.id) as Record<string, unknown>;
    db.close();
    expect(row).toMatchObject({ status: 'completed', cost_source: 'reported' });
    expect(row.cost).toBeGreaterThan(0);
    expect(row.prompt_tokens).toBeGreaterThan(0);
    expect(row.session_id).toBeTruthy();
    expect(row.remote_task_id).toBeTruthy();

    const got = await call('tasks.get', { id: created.id });
    expect(JSON.parse(got.body)).toMatchObject({
      ok: true,
      value: { status: 'completed', usage: { cost: row.cost } },
    });

    await expect
      .poll(() => seen.some((t) => t.id === created.id && t.status === 'completed'))
      .toBe(true);
    ws.terminate();
  });

  it('lists history newest first', async () => {
    await call('tasks.create', { prompt: 'second task' });
    const reply = await call('tasks.list', { limit: 1 });
    const page = (
      JSON.parse(reply.body) as { value: { tasks: TaskView[]; nextCursor: string | null } }
    ).value;
    expect(page.tasks[0]!.prompt).toBe('second task');
    expect(page.nextCursor).toBe(page.tasks[0]!.id);
  });
});
