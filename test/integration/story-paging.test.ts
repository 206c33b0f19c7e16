// A long story is paged from its first step: tasks.activity on the real desk (temporary
// database) for a task whose event log holds more steps than one call may answer.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/contract/dispatch';
import type { TaskActivity } from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { tempDir } from '../helpers/temp';

let desk: Desk;
const t = tempDir('webrun-story-');
const STEPS = 6_200;

beforeAll(async () => {
  desk = await createDesk({
    dbPath: join(t.dir, 'history.db'),
    host: 'browser',
    recover: false,
    sandbox: { timeScale: 0.05 },
  });
  desk.runner.paused = true; // the task stays as written: nothing sends it
  const store = desk.runner.store;
  store.create({ id: 'long', prompt: 'A very long session', startingUrl: null, createdAt: 1_000 });
  for (let i = 0; i < STEPS; i += 1)
    store.appendEvent('long', 'remote', {
      socket: 'agent',
      event: { kind: 'agent', content: `Step ${i}` },
    });
});
afterAll(async () => {
  await desk.close();
  t.cleanup();
});

async function activity(input: {
  id: string;
  limit?: number;
  from?: number;
}): Promise<TaskActivity[]> {
  const envelope = await dispatch(desk.handlers, 'tasks.activity', input);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as TaskActivity[];
}

describe('a story longer than one page', () => {
  it('starts at its first step, and the pages join up to the whole story in order', async () => {
    const first = await activity({ id: 'long', limit: 5_000 });
    expect(first).toHaveLength(5_000);
    expect(first[0]!.text).toBe('Queued');
    expect(first[1]!.text).toBe('Step 0');
    const rest = await activity({ id: 'long', limit: 5_000, from: 5_000 });
    expect(rest).toHaveLength(STEPS + 1 - 5_000);
    expect(rest.at(-1)!.text).toBe(`Step ${STEPS - 1}`);
    const texts = [...first, ...rest].map((l) => l.text);
    expect(new Set(texts).size).toBe(STEPS + 1);
    expect(await activity({ id: 'long', from: STEPS + 1 })).toEqual([]);
  });

  it('refuses a negative start', async () => {
    const envelope = await dispatch(desk.handlers, 'tasks.activity', { id: 'long', from: -1 });
    expect(envelope.ok).toBe(false);
  });
});
