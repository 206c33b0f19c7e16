// Finding or starting a history's shared sandbox, in this process (the host runs detached from
// the source tree under tsx): the start lock, stale files and locks, and the token-only key.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findOrStartSandbox,
  readSandboxFile,
  sandboxApiKey,
  sandboxFilePath,
} from '../../src-main/core/shared-sandbox/index';
import { pidAlive } from '../../src-main/core/shared-sandbox/pid';
import { probeSandbox } from '../../src-main/core/shared-sandbox/probe';
import { lockPath } from '../../src-main/core/shared-sandbox/start-lock';
import { tempDir } from '../helpers/temp';

const t = tempDir('webrun-desk-shared-unit-');
const started = new Set<number>();
afterAll(async () => {
  for (const pid of started) if (pidAlive(pid)) process.kill(pid, 'SIGTERM');
  for (const pid of started)
    for (let i = 0; i < 600 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  t.cleanup();
  expect([...started].filter(pidAlive)).toEqual([]);
});

const request = (historyPath: string) => ({
  historyPath,
  options: { timeScale: 0.01 },
  quietMs: 60_000,
});

/** A pid that certainly names no process any more: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('the shared sandbox of a history', () => {
  it('puts two starters of one moment on one sandbox, past a lock left by a dead starter', async () => {
    const history = join(t.dir, 'race.db');
    writeFileSync(history, '');
    writeFileSync(lockPath(history), String(deadPid()));
    const [a, b] = await Promise.all([
      findOrStartSandbox(request(history)),
      findOrStartSandbox(request(history)),
    ]);
    started.add(a.file.pid);
    expect(b.file.pid).toBe(a.file.pid);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    expect(readSandboxFile(sandboxFilePath(history))?.pid).toBe(a.file.pid);
    expect(existsSync(lockPath(history))).toBe(false);
  });

  it('accepts only the key derived from its token', async () => {
    const history = join(t.dir, 'key.db');
    writeFileSync(history, '');
    const { file } = await findOrStartSandbox(request(history));
    started.add(file.pid);
    // Any documented route that needs a key would do: the health route is the cheapest.
    const ask = (key: string) =>
      fetch(`${file.url}/__sandbox/health`, { headers: { Authorization: `Bearer ${key}` } });
    const other = await ask('wr_some_other_key');
    expect(other.status).toBe(401);
    expect(await other.text()).toContain('Invalid or revoked API key');
    expect((await ask(sandboxApiKey(file.token))).status).toBe(200);
    expect(await probeSandbox({ ...file, token: 'f'.repeat(48) }, { attempts: 1 })).toBe('stale');
  });

  it('treats an unreadable file, or one whose address does not answer, as stale and replaces it', async () => {
    const garbled = join(t.dir, 'garbled.db');
    writeFileSync(garbled, '');
    writeFileSync(sandboxFilePath(garbled), '{"version":1,"pid":');
    const fresh = await findOrStartSandbox(request(garbled));
    started.add(fresh.file.pid);
    expect(fresh.started).toBe(true);
    expect(readSandboxFile(sandboxFilePath(garbled))?.pid).toBe(fresh.file.pid);
    // A live pid (this test's own) at an address where nothing answers: not its sandbox.
    const impostor = { ...fresh.file, pid: process.pid, url: 'http://127.0.0.1:9' };
    expect(await probeSandbox(impostor, { attempts: 1 })).toBe('stale');
  });

  it('stops by itself, removing its file, when its history is deleted', async () => {
    const history = join(t.dir, 'deleted.db');
    writeFileSync(history, '');
    const { file } = await findOrStartSandbox({ ...request(history), quietMs: 400 });
    started.add(file.pid);
    rmSync(history);
    for (let i = 0; i < 600 && pidAlive(file.pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(pidAlive(file.pid)).toBe(false);
    expect(existsSync(sandboxFilePath(history))).toBe(false);
  });
});
