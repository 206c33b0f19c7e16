import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../src-main/core/store/migrations';
import { openStore, StoreError } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/store/task-store';
import { tempDir } from '../helpers/temp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('openStore', () => {
  it('creates a WAL database with foreign keys and records every migration', () => {
    const { db } = openStore(join(dir, 'h.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const recorded = db.prepare('SELECT version, checksum FROM schema_migrations').all();
    expect(recorded).toHaveLength(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database whose applied migration was edited since', () => {
    const path = join(dir, 'h.db');
    openStore(path).db.close();
    const edited: Migration[] = MIGRATIONS.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => openStore(path, { migrations: edited })).toThrow(StoreError);
    expect(() => openStore(path, { migrations: edited })).toThrow(/differs from the one applied/);
  });

  it('opens a database from a newer app read-only, without writing to it', () => {
    const path = join(dir, 'h.db');
    const first = openStore(path).db;
    first.pragma('user_version = 99');
    first.close();
    const opened = openStore(path);
    expect(opened.readOnlyReason).toMatch(/newer WebRun Desk/);
    expect(() => opened.db.prepare("INSERT INTO settings (key, value) VALUES ('a', 'b')").run()).toThrow(/readonly/);
    opened.db.close();
  });

  it('backs the database up before applying a new migration to existing data', () => {
    const path = join(dir, 'h.db');
    const v1 = MIGRATIONS.filter((m) => m.version === 1);
    const first = openStore(path, { migrations: v1, now: () => 1 });
    new TaskStore(first.db).create({ id: 't1', prompt: 'kept', startingUrl: null, createdAt: 1 });
    first.db.close();
    const next: Migration[] = [...v1, { version: 2, name: 'test column', sql: 'ALTER TABLE settings ADD COLUMN note TEXT;' }];
    const opened = openStore(path, { migrations: next, now: () => 42 });
    expect(opened.backupPath).toBe(`${path}.v1-42.bak`);
    expect(existsSync(opened.backupPath!)).toBe(true);
    const backup = new Database(opened.backupPath!, { readonly: true });
    expect(backup.prepare('SELECT prompt FROM tasks').get()).toEqual({ prompt: 'kept' });
    backup.close();
    expect(opened.db.pragma('user_version', { simple: true })).toBe(2);
    opened.db.close();
  });

  it('rolls a failing migration back entirely', () => {
    const path = join(dir, 'h.db');
    const broken: Migration[] = [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE ok_table (a); THIS IS NOT SQL;' }];
    expect(() => openStore(path, { migrations: broken })).toThrow(StoreError);
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_table'").get()).toBeUndefined();
    db.close();
  });
});

describe('TaskStore', () => {
  it('logs every status change as a transition, append-only', () => {
    const { db } = openStore(join(dir, 'h.db'));
    let t = 100;
    const store = new TaskStore(db, () => t++);
    store.create({ id: 'a', prompt: 'p', startingUrl: null, createdAt: 1 });
    store.update('a', { status: 'submitting' });
    store.update('a', { sessionId: 's1', remoteTaskId: 'r1' }, { kind: 'remote', payload: { state: 'pending' } });
    store.update('a', { status: 'completed', resultMessage: 'done', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3, completionTime: 4, cost: 0.5 }, costSource: 'reported' });
    const events = store.events('a');
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['transition', null, 'queued'],
      ['transition', 'queued', 'submitting'],
      ['remote', null, null],
      ['transition', 'submitting', 'completed'],
    ]);
    expect(() => db.prepare('UPDATE task_events SET kind = ?').run('x')).toThrow(/append-only/);
    const task = store.get('a')!;
    expect(task).toMatchObject({ status: 'completed', sessionId: 's1', remoteTaskId: 'r1', resultMessage: 'done', costSource: 'reported' });
    expect(task.usage).toEqual({ promptTokens: 1, completionTokens: 2, totalTokens: 3, completionTime: 4, cost: 0.5 });
    db.close();
  });

  it('keeps an unknown cost null rather than 0', () => {
    const { db } = openStore(join(dir, 'h.db'));
    const store = new TaskStore(db);
    store.create({ id: 'a', prompt: 'p', startingUrl: null, createdAt: 1 });
    store.update('a', { usage: { promptTokens: 10, completionTokens: null, totalTokens: null, completionTime: null, cost: null } });
    expect(store.get('a')!.usage!.cost).toBeNull();
    db.close();
  });

  it('pages history newest first with a keyset cursor that never repeats or skips', () => {
    const { db } = openStore(join(dir, 'h.db'));
    const store = new TaskStore(db);
    // Equal timestamps on purpose: the id breaks ties.
    for (let i = 0; i < 25; i++) store.create({ id: `t${String(i).padStart(2, '0')}`, prompt: `p${i}`, startingUrl: null, createdAt: 1000 + Math.floor(i / 3) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = store.list(10, cursor);
      seen.push(...page.tasks.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('t24');
    expect(seen[24]).toBe('t00');
    db.close();
  });
});
