import { describe, expect, it } from 'vitest';
import type { TaskActivity } from '../../src-main/contract/index';
import { loadStory } from '../../src-renderer/stores/story-pages';

const story: TaskActivity[] = Array.from({ length: 12 }, (_, i) => ({
  taskId: 't',
  at: i,
  kind: 'agent',
  text: `step ${i}`,
}));
/** The core's paging: `limit` steps from `from`, oldest first; records each call. */
function pager(calls: [number, number][]) {
  return (from: number, limit: number) => {
    calls.push([from, limit]);
    return Promise.resolve(story.slice(from, from + limit));
  };
}

describe('a story loaded page by page', () => {
  it('starts at the first step and goes on until a short page', async () => {
    const calls: [number, number][] = [];
    const lines = await loadStory(pager(calls), 5, 100);
    expect(lines.map((l) => l.text)).toEqual(story.map((l) => l.text));
    expect(calls).toEqual([
      [0, 5],
      [5, 5],
      [10, 5],
    ]);
  });

  it('asks once more after a full last page, and stops at the cap keeping the beginning', async () => {
    const calls: [number, number][] = [];
    expect(await loadStory(pager(calls), 6, 100)).toHaveLength(12);
    expect(calls).toEqual([
      [0, 6],
      [6, 6],
      [12, 6],
    ]);
    const capped = await loadStory(pager([]), 5, 7);
    expect(capped.map((l) => l.at)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
