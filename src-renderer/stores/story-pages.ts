// A task's whole story from the core, page by page from its first step (tasks.activity pages
// oldest first), so a long story keeps its beginning. Stops at `max` steps.
import type { TaskActivity } from '../../src-main/contract/index';

export type StoryPage = (from: number, limit: number) => Promise<TaskActivity[]>;

export async function loadStory(
  page: StoryPage,
  pageSize: number,
  max: number,
): Promise<TaskActivity[]> {
  const lines: TaskActivity[] = [];
  while (lines.length < max) {
    const limit = Math.min(pageSize, max - lines.length);
    const next = await page(lines.length, limit);
    lines.push(...next);
    if (next.length < limit) break;
  }
  return lines;
}
