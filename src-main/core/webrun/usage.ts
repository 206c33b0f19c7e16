// Usage parsing for every shape the WebRun docs show (webrun-api.md §5.2, §7.8): snake_case
// `{prompt_tokens,…,cost}`, camelCase `{inputTokens,outputTokens,computeTime,cost}`, cost-only,
// and token counts sitting inside `data` next to the agent's message. Several copies split one
// usage over two objects (tokens in `data`, cost in `usage`), so sources are merged field by
// field rather than picked whole.

import { finite, isRecord } from './json-read';
import type { Usage } from './types';

type UsageField = keyof Usage;

/** Accepted spellings per field, canonical first. */
const FIELD_ALIASES: Record<UsageField, readonly string[]> = {
  prompt_tokens: ['prompt_tokens', 'inputTokens'],
  completion_tokens: ['completion_tokens', 'outputTokens'],
  total_tokens: ['total_tokens'],
  completion_time: ['completion_time', 'computeTime'],
  cost: ['cost'],
};

const FIELDS = Object.keys(FIELD_ALIASES) as UsageField[];

function hasOwn(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/**
 * Looks a field up in one source. `found` says whether any alias key was present at all,
 * so that `{cost: null}` still counts as "usage was reported" even though its value is unknown.
 */
function readField(
  source: Record<string, unknown>,
  field: UsageField,
): { found: boolean; value: number | null } {
  let found = false;
  for (const key of FIELD_ALIASES[field]) {
    if (!hasOwn(source, key)) continue;
    found = true;
    // A negative cost, count or time is no reading (a bug or a tampered answer): unknown, so it
    // can never lower the spend a budget is judged by.
    const value = finite(source[key]);
    if (value !== null && value >= 0) return { found, value };
  }
  return { found, value: null };
}

/**
 * Merges usage from `sources` in priority order: for each field the first source with a finite
 * number wins. Non-objects are ignored. Returns null only when no source had any usage key;
 * a reported usage with unknown values becomes an all-null Usage (cost is never defaulted to 0).
 */
export function parseUsage(...sources: unknown[]): Usage | null {
  const usage: Usage = {
    prompt_tokens: null,
    completion_tokens: null,
    total_tokens: null,
    completion_time: null,
    cost: null,
  };
  let anyFound = false;
  for (const source of sources) {
    if (!isRecord(source)) continue;
    for (const field of FIELDS) {
      const { found, value } = readField(source, field);
      anyFound ||= found;
      if (usage[field] === null && value !== null) usage[field] = value;
    }
  }
  if (!anyFound) return null;
  // Only derive the total when both parts are known; guessing from one part would under-report.
  if (
    usage.total_tokens === null &&
    usage.prompt_tokens !== null &&
    usage.completion_tokens !== null
  ) {
    const total = usage.prompt_tokens + usage.completion_tokens;
    usage.total_tokens = Number.isFinite(total) ? total : null;
  }
  return usage;
}
