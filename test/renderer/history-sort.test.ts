import { describe, expect, it } from 'vitest';
import {
  formatSort,
  nextSort,
  parseSort,
  sortRows,
} from '../../src-renderer/features/history/history-sort';
import { taskView } from '../helpers/task-view';

describe('the history table sort', () => {
  const rows = [
    taskView({
      id: 'a',
      prompt: 'beta',
      createdAt: 1,
      usage: {
        promptTokens: 1,
        completionTokens: 1,
        totalTokens: 2,
        completionTime: null,
        cost: 0.5,
      },
    }),
    taskView({ id: 'b', prompt: 'Alpha', createdAt: 2, usage: null }),
    taskView({
      id: 'c',
      prompt: 'gamma',
      createdAt: 3,
      usage: {
        promptTokens: 1,
        completionTokens: 1,
        totalTokens: 20,
        completionTime: null,
        cost: 0.1,
      },
    }),
  ];
  const ids = (sorted: { id: string }[]) => sorted.map((t) => t.id);

  it('sorts by cost either way, with an unknown cost last both times', () => {
    expect(ids(sortRows(rows, { column: 'cost', direction: 'desc' }))).toEqual(['a', 'c', 'b']);
    expect(ids(sortRows(rows, { column: 'cost', direction: 'asc' }))).toEqual(['c', 'a', 'b']);
  });

  it('sorts prompts without regard to case, and flips on a second click', () => {
    const first = nextSort(parseSort(''), 'prompt');
    expect(ids(sortRows(rows, first))).toEqual(['b', 'a', 'c']);
    expect(ids(sortRows(rows, nextSort(first, 'prompt')))).toEqual(['c', 'a', 'b']);
  });

  it('keeps the default (newest first) out of the URL and ignores a malformed sort', () => {
    expect(formatSort(parseSort('created:desc'))).toBe('');
    expect(parseSort('cost;drop:asc')).toEqual({ column: 'created', direction: 'desc' });
    expect(formatSort({ column: 'tokens', direction: 'asc' })).toBe('tokens:asc');
  });
});
