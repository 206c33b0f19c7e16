// The history table's columns and how each sorts. Sorting applies to the rows loaded so far
// (the core pages newest first); the page says so when more remain.
import type { TaskStatus, TaskView } from '../../../src-main/contract/index';

export type SortColumn = 'status' | 'prompt' | 'cost' | 'duration' | 'tokens' | 'tags' | 'created';
export type SortDirection = 'asc' | 'desc';
export interface Sort {
  column: SortColumn;
  direction: SortDirection;
}

export const COLUMNS: { id: SortColumn; label: string }[] = [
  { id: 'status', label: 'Status' },
  { id: 'prompt', label: 'Prompt' },
  { id: 'cost', label: 'Cost' },
  { id: 'duration', label: 'Duration' },
  { id: 'tokens', label: 'Tokens' },
  { id: 'tags', label: 'Tags' },
  { id: 'created', label: 'Created' },
];

export const DEFAULT_SORT: Sort = { column: 'created', direction: 'desc' };

export function parseSort(text: string): Sort {
  const [column, direction] = text.split(':');
  if (!COLUMNS.some((c) => c.id === column) || (direction !== 'asc' && direction !== 'desc'))
    return DEFAULT_SORT;
  return { column: column as SortColumn, direction };
}

export function formatSort(sort: Sort): string {
  return sort.column === DEFAULT_SORT.column && sort.direction === DEFAULT_SORT.direction
    ? ''
    : `${sort.column}:${sort.direction}`;
}

/** A header click: the same column flips, another starts with its natural direction. */
export function nextSort(current: Sort, column: SortColumn): Sort {
  if (current.column === column)
    return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return {
    column,
    direction: column === 'prompt' || column === 'status' || column === 'tags' ? 'asc' : 'desc',
  };
}

export function durationOf(task: TaskView): number | null {
  return task.startedAt !== null && task.endedAt !== null
    ? Math.max(0, task.endedAt - task.startedAt)
    : null;
}

const STATUS_ORDER: TaskStatus[] = [
  'needs_input',
  'running',
  'paused',
  'submitting',
  'queued',
  'unknown',
  'failed',
  'stopped',
  'cancelled',
  'completed',
];

function keyOf(task: TaskView, column: SortColumn): number | string | null {
  switch (column) {
    case 'status':
      return STATUS_ORDER.indexOf(task.status);
    case 'prompt':
      return task.prompt.toLowerCase();
    case 'cost':
      return task.usage?.cost ?? null;
    case 'duration':
      return durationOf(task);
    case 'tokens':
      return task.usage?.totalTokens ?? null;
    case 'tags':
      return task.tags.length ? task.tags.join(' ').toLowerCase() : null;
    case 'created':
      return task.createdAt;
  }
}

/** Rows in the order asked for; unknown values (no cost yet, no tags) go last either way. */
export function sortRows(rows: readonly TaskView[], sort: Sort): TaskView[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((task, index) => ({ task, index, key: keyOf(task, sort.column) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null)
        return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
      const order =
        typeof a.key === 'string'
          ? a.key.localeCompare(b.key as string)
          : a.key - (b.key as number);
      return order !== 0 ? sign * order : a.index - b.index;
    })
    .map((r) => r.task);
}
