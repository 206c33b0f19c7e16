// Turns protocol usage into what the store and UI keep, deciding where the cost came from:
// WebRun's own figure is "reported"; a figure we compute from tokens is "estimated"; with
// neither, the cost stays unknown (null), never 0.
import type { CostSource, UsageView } from '../../contract/schemas';
import { costOf } from '../../contract/pricing';
import type { Usage } from '../webrun/types';

export function toUsageView(
  usage: Usage | null,
  elapsedMs: number | null,
): { usage: UsageView | null; costSource: CostSource | null } {
  if (!usage) return { usage: null, costSource: null };
  const view: UsageView = {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    completionTime: usage.completion_time,
    cost: usage.cost,
  };
  if (usage.cost !== null) return { usage: view, costSource: 'reported' };
  if (usage.prompt_tokens !== null && usage.completion_tokens !== null) {
    const seconds = usage.completion_time ?? (elapsedMs !== null ? elapsedMs / 1000 : 0);
    view.cost = costOf(
      { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens },
      seconds / 60,
    );
    return { usage: view, costSource: 'estimated' };
  }
  return { usage: view, costSource: null };
}
