// The small rooms the desk wires together: live settings, settle waiters, over-long answers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendSettings, RunnerSettings, type TaskView } from '../../src-main/contract/index';
import { keepAnswer, MAX_STORED_ANSWER } from '../../src-main/core/files/long-answers';
import { LiveSettings, type SettingsChange } from '../../src-main/core/settings/live-settings';
import { SettleWaiters } from '../../src-main/core/tasks/settle-waiters';
import { openStore } from '../../src-main/core/store/open-store';
import { SettingsStore } from '../../src-main/core/settings/settings-store';
import { tempDir } from '../helpers/temp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('LiveSettings', () => {
  function open(keyChanged = () => false) {
    const { db } = openStore(join(dir, 'h.db'));
    const store = new SettingsStore(db);
    return {
      db,
      store,
      live: new LiveSettings({
        store,
        startedWith: store.get('backend', BackendSettings),
        keyChanged,
      }),
    };
  }

  it('saves a change, keeps what it did not touch, and tells listeners only what changed', () => {
    const { db, store, live } = open();
    const changes: SettingsChange[] = [];
    live.onChange((change) => changes.push(change));
    const next = live.update({ runner: { concurrency: 2 } });
    expect(next.runner).toMatchObject({ concurrency: 2, pollIntervalMs: 2_500 });
    expect(live.runner.concurrency).toBe(2);
    expect(store.get('runner', RunnerSettings).concurrency).toBe(2);
    expect(changes).toEqual([{ runner: next.runner }]);
    db.close();
    const reopened = open();
    expect(reopened.live.runner.concurrency).toBe(2);
    reopened.db.close();
  });

  it('refuses a bad value without saving anything', () => {
    const { db, live } = open();
    expect(() => live.update({ runner: { concurrency: 0 } })).toThrow();
    expect(live.runner.concurrency).toBe(5);
    db.close();
  });

  it('asks for a restart after a backend change or a new key, not after other changes', () => {
    let keyChanged = false;
    const { db, live } = open(() => keyChanged);
    expect(live.update({ budget: { dailyCap: 5 } }).restartRequired).toBe(false);
    expect(live.update({ backend: { generation: 'gen1' } }).restartRequired).toBe(true);
    expect(live.update({ backend: { generation: 'gen2' } }).restartRequired).toBe(false);
    keyChanged = true;
    expect(live.get().restartRequired).toBe(true);
    db.close();
  });
});

describe('SettleWaiters', () => {
  const task = (status: TaskView['status']) => ({ id: 't1', status }) as TaskView;

  it('resolves at once for a settled task and on the first settled change otherwise', async () => {
    const waiters = new SettleWaiters();
    await expect(waiters.wait(task('needs_input'))).resolves.toMatchObject({
      status: 'needs_input',
    });
    const waiting = waiters.wait(task('queued'));
    let resolved: TaskView | null = null;
    void waiting.then((t) => (resolved = t));
    waiters.changed(task('running'));
    await Promise.resolve();
    expect(resolved).toBeNull();
    waiters.changed(task('completed'));
    await expect(waiting).resolves.toMatchObject({ status: 'completed' });
  });
});

describe('keepAnswer', () => {
  it('keeps a short answer as it is and saves a long one whole beside a preview', () => {
    expect(keepAnswer(join(dir, 't'), 'short')).toBe('short');
    const long = 'x'.repeat(MAX_STORED_ANSWER + 10);
    const kept = keepAnswer(join(dir, 't'), long);
    expect(kept.startsWith('x'.repeat(MAX_STORED_ANSWER))).toBe(true);
    expect(kept).toContain(join(dir, 't', 'answer.txt'));
    expect(readFileSync(join(dir, 't', 'answer.txt'), 'utf8')).toBe(long);
  });

  it('says so when the whole answer cannot be saved', () => {
    writeFileSync(join(dir, 'blocker'), ''); // a file where the task's folder should go
    const kept = keepAnswer(join(dir, 'blocker', 't'), 'y'.repeat(MAX_STORED_ANSWER + 1));
    expect(kept).toMatch(/the rest could not be saved/);
    expect(existsSync(join(dir, 'blocker', 't'))).toBe(false);
  });
});
