// The one door for a task (core/tasks/task-service.ts): every caller (the task methods, a
// batch's rows, a watch's runs, an assistant over MCP, a trigger's runs) creates, re-runs,
// restores and takes back tasks here. A new task is checked once, by the contract's schema, with
// every problem named by its field; a refusal writes nothing and sends nothing; the status of an
// existing task is written only by the runner's controls (the engine here records what it is
// asked); a full disk is refused with its reason, whoever asked.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../src-main/contract/dispatch';
import { SessionStore } from '../../src-main/core/sessions/session-store';
import { openStore } from '../../src-main/core/store/open-store';
import { writableCheck } from '../../src-main/core/store/writable';
import { ImportedTasks, type ImportedRun } from '../../src-main/core/tasks/imported-tasks';
import { TaskDetailsStore } from '../../src-main/core/tasks/task-details-store';
import type { TaskEngine } from '../../src-main/core/tasks/task-engine';
import { checkNewTask, TaskService } from '../../src-main/core/tasks/task-service';
import { TaskStore, type StoredTask } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function setup(
  o: { readOnlyReason?: string; holdsOwnTasks?: boolean; unreadable?: string[] } = {},
) {
  const { db } = openStore(join(dir, 'h.db'));
  const store = new TaskStore(db, () => 1_000);
  const asked: string[] = [];
  const held: string[] = [];
  const engine = {
    enqueue: (task: StoredTask) => void asked.push(`enqueue ${task.id.length} ${task.status}`),
    controls: {
      restore: (id: string) => {
        asked.push(`restore ${id}`);
        return store.get(id)!;
      },
      unqueue: (id: string, reason: { code: string }) => (
        asked.push(`unqueue ${id} ${reason.code}`),
        true
      ),
    },
  } as unknown as TaskEngine;
  const service = new TaskService({
    store,
    sessions: new SessionStore(db, 'run-1'),
    secrets: { credentialsFor: () => ({ secrets: [], unreadable: o.unreadable ?? [] }) },
    engine,
    imported: new ImportedTasks(db, new TaskDetailsStore(db)),
    writable: writableCheck(o.readOnlyReason ?? null),
    now: () => 2_000,
    holding: (create) => {
      const created = create();
      held.push(created.id);
      return created;
    },
    holdsOwnTasks: o.holdsOwnTasks ?? false,
  });
  const count = () => (db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
  return { db, store, service, asked, held, count };
}

const refusal = (act: () => unknown): DeskError => {
  try {
    act();
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('the task service', () => {
  it('checks a new task once with the contract schema, naming every field that is wrong, and writes nothing then', () => {
    const { service, asked, count } = setup();
    const error = refusal(() =>
      service.create({ prompt: '', options: { outputType: 'structured_json' }, priority: 99 }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^prompt: /);
    expect(error.message).toContain('priority: ');
    expect(error.message).toContain(
      'options.outputSchema: Structured output needs a schema: a JSON Schema object for structured_json',
    );
    expect(count()).toBe(0);
    expect(asked).toEqual([]);
    // The same check, for callers that list problems instead of refusing (batch rows, watches).
    const checked = checkNewTask({ prompt: 'x', priority: 99 });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.issues.map((i) => i.path)).toEqual(['priority']);
  });

  it('writes a new task queued and hands it to the runner once, answering its public view', () => {
    const { service, asked, held, count } = setup();
    const view = service.create({ prompt: 'Find the opening hours', tags: ['a'] });
    expect(view).toMatchObject({ prompt: 'Find the opening hours', status: 'queued', tags: ['a'] });
    expect(view).not.toHaveProperty('pollUrl');
    expect(count()).toBe(1);
    expect(asked).toEqual(['enqueue 36 queued']);
    expect(held).toEqual([]);
  });

  it('holds what it creates for this process when asked to (an assistant’s task), or when the desk holds all its own', () => {
    const one = setup();
    const mcp = one.service.create({ prompt: 'p' }, { hold: true });
    expect(one.held).toEqual([mcp.id]);
    const own = setup({ holdsOwnTasks: true });
    const row = own.service.create({ prompt: 'p' });
    expect(own.held).toEqual([row.id]);
  });

  it('refuses on a read-only history and with credentials it cannot read, writing and sending nothing', () => {
    const ro = setup({ readOnlyReason: 'The history was written by a newer app.' });
    expect(refusal(() => ro.service.create({ prompt: 'p' }))).toMatchObject({
      code: 'unavailable',
      message: 'The history was written by a newer app.',
    });
    expect(ro.count()).toBe(0);
    const creds = setup({ unreadable: ['example.org'] });
    expect(
      refusal(() => creds.service.create({ prompt: 'p', credentials: ['example.org'] })).code,
    ).toBe('conflict');
    expect([...ro.asked, ...creds.asked]).toEqual([]);
  });

  it('turns a full disk into a refusal with its reason, whoever asked', () => {
    const { service, store } = setup();
    store.create = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    expect(refusal(() => service.create({ prompt: 'p' }))).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^The disk is full/),
    });
  });

  it('leaves every status write of an existing task to the runner’s controls', () => {
    const { service, store, asked } = setup();
    store.create({ id: 't', prompt: 'p', startingUrl: null, createdAt: 1_000 });
    service.restore('t');
    expect(service.unqueue('t', { code: 'BATCH_PAUSED', message: 'taken back' })).toBe(true);
    expect(asked).toEqual(['restore t', 'enqueue 1 queued', 'unqueue t BATCH_PAUSED']);
  });

  it('records a trigger’s run as one finished task, exactly once however often it is seen', () => {
    const { service, store, count } = setup();
    const run: ImportedRun = {
      taskId: 'run-task',
      triggerId: 'cron-1',
      runId: 'run-1',
      environmentId: null,
      prompt: 'Every morning',
      startingUrl: null,
      status: 'completed',
      createdAt: 1_000,
      endedAt: 1_500,
      sessionId: null,
      remoteTaskId: null,
      resultMessage: 'done',
      usage: null,
      costSource: null,
      error: null,
      network: [],
      files: [],
    };
    expect(service.recordRun(run)).toBe(true);
    expect(service.recordRun({ ...run, taskId: 'again' })).toBe(false);
    expect(count()).toBe(1);
    expect(store.get('run-task')).toMatchObject({ status: 'completed', triggerId: 'cron-1' });
  });
});
