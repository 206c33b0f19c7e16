// Browser mode serves the local copies of downloaded files to the page: only with the token,
// only files the store lists for that task, and never a path outside the files folder.
import Database from 'better-sqlite3';
import { realpathSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { isInside } from '../../src-main/core/files/local-copy';
import { startBrowserServer, type BrowserServer } from '../../src-main/web/server';
import { tempDir } from '../helpers/temp';

let desk: Desk;
let server: BrowserServer;
let dbPath: string;
let cleanup: () => void;
let taskId: string;
let filename: string;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  dbPath = join(t.dir, 'history.db');
  desk = await createDesk({ dbPath, host: 'browser', sandbox: { timeScale: 0.001 } });
  server = await startBrowserServer({ desk, staticRoot: null });
  const task = await desk.handlers['tasks.create']({
    prompt: 'Export the quarterly report [files:2]',
    mode: 'oneshot',
    keepSessionOpen: false,
    priority: 0,
    tags: [],
  });
  taskId = task.id;
  await desk.waitForSettled(taskId);
  await desk.filesSettled(taskId);
  filename = desk.details.files(taskId)[0]!.filename;
});

afterAll(async () => {
  await server.close();
  await desk.close();
  cleanup();
});

function get(
  path: string,
  headers: Record<string, string> = { Authorization: `Bearer ${server.token}` },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: 'GET', headers },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const fileUrl = (name: string) =>
  `/files/${encodeURIComponent(taskId)}/${encodeURIComponent(name)}`;

describe('GET /files/<task>/<name> in browser mode', () => {
  it('serves the local copy to a request with the token, sandboxed', async () => {
    const reply = await get(fileUrl(filename));
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBeGreaterThan(0);
    expect(reply.headers['content-security-policy']).toMatch(/sandbox/);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a request without the token', async () => {
    expect((await get(fileUrl(filename), {})).status).toBe(403);
    expect((await get(fileUrl(filename), { Authorization: 'Bearer wrong' })).status).toBe(403);
  });

  it('answers 404 for a file the task does not have, whatever the name tries', async () => {
    expect((await get(fileUrl('nope.pdf'))).status).toBe(404);
    expect((await get(`/files/${taskId}/..%2F..%2Fhistory.db`)).status).toBe(404);
    expect((await get(`/files/${taskId}/a/b`)).status).toBe(404);
  });

  it('refuses a stored path outside the files folder (a tampered row)', async () => {
    const db = new Database(dbPath);
    try {
      db.prepare('UPDATE files SET local_path = ? WHERE task_id = ? AND filename = ?').run(
        dbPath,
        taskId,
        filename,
      );
    } finally {
      db.close();
    }
    const reply = await get(fileUrl(filename));
    expect(reply.status).toBe(403);
    expect(reply.body).toMatch(/outside the files folder/);
  });

  it('says the desktop-only files.open is not for browser mode', async () => {
    await expect(desk.handlers['files.open']({ taskId, filename })).rejects.toThrow(/desktop app/);
  });
});

describe('files.open in the desktop app (the host gives shell.openPath)', () => {
  it('opens the local copy with the OS, and refuses a stored path outside the files folder', async () => {
    const t = tempDir();
    const opened: string[] = [];
    const desktop = await createDesk({
      dbPath: join(t.dir, 'history.db'),
      host: 'electron',
      sandbox: { timeScale: 0.001 },
      openPath: async (path) => {
        opened.push(path);
        return '';
      },
    });
    try {
      const task = await desktop.handlers['tasks.create']({
        prompt: 'Export the invoices [files:1]',
        mode: 'oneshot',
        keepSessionOpen: false,
        priority: 0,
        tags: [],
      });
      await desktop.waitForSettled(task.id);
      await desktop.filesSettled(task.id);
      const name = desktop.details.files(task.id)[0]!.filename;
      await desktop.handlers['files.open']({ taskId: task.id, filename: name });
      expect(opened).toHaveLength(1);
      expect(isInside(realpathSync(desktop.filesDir), opened[0]!)).toBe(true);

      await expect(
        desktop.handlers['files.open']({ taskId: task.id, filename: 'missing.csv' }),
      ).rejects.toThrow(/No local copy/);
      const db = new Database(join(t.dir, 'history.db'));
      db.prepare('UPDATE files SET local_path = ? WHERE task_id = ?').run(
        join(t.dir, 'history.db'),
        task.id,
      );
      db.close();
      await expect(
        desktop.handlers['files.open']({ taskId: task.id, filename: name }),
      ).rejects.toThrow(/outside the files folder/);
      expect(opened).toHaveLength(1);
    } finally {
      await desktop.close();
      t.cleanup();
    }
  });
});
