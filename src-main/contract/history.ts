// The history: finding finished (and unfinished) tasks, exporting them, deleting them.
import { Timestamp } from './bounds';
import type { MethodSpec } from './common';
import type { MethodName } from './names';
import { TaskStatus, TaskPage } from './task-view';
import { TaskIdsInput } from './tasks';
import { z } from './zod';

export const HistoryFilter = z.strictObject({
  status: z.array(TaskStatus).max(10).optional(),
  from: Timestamp.nullable().optional(),
  to: Timestamp.nullable().optional(),
  text: z.string().max(500).nullable().optional(),
  tag: z.string().max(40).nullable().optional(),
  sessionId: z.string().max(100).nullable().optional(),
  /** Only the runs of this trigger. */
  triggerId: z.string().max(64).nullable().optional(),
  /** Only the runs of this watch. */
  watchId: z.string().max(64).nullable().optional(),
});
export type HistoryFilter = z.infer<typeof HistoryFilter>;

export const HistoryListInput = z.strictObject({
  filter: HistoryFilter.default({}),
  limit: z.number().int().min(1).max(500).default(50),
  before: z.string().max(64).nullable().optional(),
});

export const ExportInput = z.strictObject({
  format: z.enum(['csv', 'json']),
  filter: HistoryFilter.default({}),
  /** Export these tasks only (the rows ticked in the history table), in this order. */
  ids: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional(),
});
export const ExportOutput = z.object({
  filename: z.string(),
  mimeType: z.string(),
  content: z.string(),
});

const DeleteOutput = z.object({ deleted: z.number().int(), skipped: z.array(z.string()) });

export const historyMethods = {
  'history.list': { input: HistoryListInput, output: TaskPage },
  'history.export': { input: ExportInput, output: ExportOutput },
  'history.delete': { input: TaskIdsInput, output: DeleteOutput },
} satisfies Partial<Record<MethodName, MethodSpec>>;
