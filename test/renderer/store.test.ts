import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../src-main/core/store/migrations';
import { openStore, StoreError } from '../../src-main/core/store/open-store';
import { HistoryStore } from '../../src-main/core/history/history-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { mergeTasks } from '../../src-renderer/stores/reduce-tasks';
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
    const edited: Migration[] = MIGRATIONS.map((m) =>
      m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m,
    );
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
    expect(() =>
      opened.db.prepare("INSERT INTO settings (key, value) VALUES ('a', 'b')").run(),
    ).toThrow(/readonly/);
    opened.db.close();
  });

  it('upgrades a database of every earlier schema version, backing it up first and keeping its rows', () => {
    for (let version = 1; version < MIGRATIONS.length; version++) {
      const path = join(dir, `v${version}.db`);
      const old = openStore(path, { migrations: MIGRATIONS.filter((m) => m.version <= version) });
      // Written as that version of the app wrote it: plain SQL against the old schema.
      old.db
        .prepare(
          "INSERT INTO tasks (id, prompt, status, created_at, updated_at, result_message) VALUES ('t1', 'find the louvre hours', 'completed', 1, 1, 'open 9 to 6')",
        )
        .run();
      old.db.close();

      const opened = openStore(path, { now: () => 42 });
      expect(opened.backupPath).toBe(`${path}.v${version}-42.bak`);
      const backup = new Database(opened.backupPath!, { readonly: true });
      expect(backup.pragma('user_version', { simple: true })).toBe(version);
      expect(backup.prepare('SELECT prompt FROM tasks').get()).toEqual({
        prompt: 'find the louvre hours',
      });
      backup.close();
      expect(opened.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const task = new TaskStore(opened.db).get('t1')!;
      expect(task).toMatchObject({
        prompt: 'find the louvre hours',
        status: 'completed',
        mode: 'oneshot',
        tags: [],
      });
      expect(
        opened.db.prepare("SELECT task_id FROM tasks_fts WHERE tasks_fts MATCH 'louvre'").all(),
      ).toEqual([{ task_id: 't1' }]);
      opened.db.close();
    }
  });

  it('takes no backup of a brand-new database', () => {
    const opened = openStore(join(dir, 'fresh.db'));
    expect(opened.backupPath).toBeNull();
    opened.db.close();
  });

  it('rolls a failing migration back entirely', () => {
    const path = join(dir, 'h.db');
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: 99, name: 'broken', sql: 'CREATE TABLE ok_table (a); THIS IS NOT SQL;' },
    ];
    expect(() => openStore(path, { migrations: broken })).toThrow(StoreError);
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_table'").get(),
    ).toBeUndefined();
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
    store.update(
      'a',
      { sessionId: 's1', remoteTaskId: 'r1' },
      { kind: 'remote', payload: { state: 'pending' } },
    );
    store.update('a', {
      status: 'completed',
      resultMessage: 'done',
      usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3, completionTime: 4, cost: 0.5 },
      costSource: 'reported',
    });
    const events = store.events('a');
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['transition', null, 'queued'],
      ['transition', 'queued', 'submitting'],
      ['remote', null, null],
      ['transition', 'submitting', 'completed'],
    ]);
    expect(() => db.prepare('UPDATE task_events SET kind = ?').run('x')).toThrow(/append-only/);
    const task = store.get('a')!;
    expect(task).toMatchObject({
      status: 'completed',
      sessionId: 's1',
      remoteTaskId: 'r1',
      resultMessage: 'done',
      costSource: 'reported',
    });
    expect(task.usage).toEqual({
      promptTokens: 1,
      completionTokens: 2,
      totalTokens: 3,
      completionTime: 4,
      cost: 0.5,
    });
    db.close();
  });

  // Bug: a task claimed in the millisecond it was created carried the same stamp as its queued
  // snapshot, so the create call's late answer put "Queued" back over "Submitting" in the UI
  // (which keeps a snapshot unless the one it holds is newer) for the whole 50 s submission.
  it('stamps every change of a task later than the one before, even within one millisecond', () => {
    const { db } = openStore(join(dir, 'h.db'));
    const store = new TaskStore(db, () => 500);
    const created = store.create({ id: 'a', prompt: 'p', startingUrl: null, createdAt: 500 });
    const claimed = store.claim('a', 500)!;
    const running = store.update('a', { status: 'running', sessionId: 's1' });
    const noted = store.update('a', { currentUrl: 'https://example.com/hours' });
    const stamps = [created, claimed, running, noted].map((t) => t.updatedAt);
    expect(stamps).toEqual([...stamps].sort((x, y) => x - y));
    expect(new Set(stamps).size).toBe(4);
    // As the UI folds them: the queued snapshot arriving last does not move the task back.
    const held = mergeTasks({}, [claimed])!;
    expect(mergeTasks(held, [created])).toBeNull();
    db.close();
  });

  it('keeps an unknown cost null rather than 0', () => {
    const { db } = openStore(join(dir, 'h.db'));
    const store = new TaskStore(db);
    store.create({ id: 'a', prompt: 'p', startingUrl: null, createdAt: 1 });
    store.update('a', {
      usage: {
        promptTokens: 10,
        completionTokens: null,
        totalTokens: null,
        completionTime: null,
        cost: null,
      },
    });
    expect(store.get('a')!.usage!.cost).toBeNull();
    db.close();
  });

  it('pages history newest first with a keyset cursor that never repeats or skips', () => {
    const { db } = openStore(join(dir, 'h.db'));
    const store = new TaskStore(db);
    const history = new HistoryStore(db);
    // Equal timestamps on purpose: the id breaks ties.
    for (let i = 0; i < 25; i++)
      store.create({
        id: `t${String(i).padStart(2, '0')}`,
        prompt: `p${i}`,
        startingUrl: null,
        createdAt: 1000 + Math.floor(i / 3),
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = history.list({}, 10, cursor);
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
