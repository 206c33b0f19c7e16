// Prompt directives: bracketed tags anywhere in a task prompt that force a sandbox scenario,
// so the app, its tests and a curious user can reach every outcome on demand.
// Documented for users in DIRECTIVES.md next to this file.

import { parseVariation, type Variation } from './variation.ts';

export interface Directives {
  /** Simulated run time in ms (before time scaling). */
  durationMs?: number;
  /** The agent stops and asks this question (guardrail_trigger). */
  guardrail?: string;
  /** The task fails with this error code. */
  fail?: string;
  /** Number of downloadable files in the result. */
  files?: number;
  /** Number of captured network URLs in the result. */
  network?: number;
  /** Final reported cost in USD. */
  cost?: number;
  /**
   * The site asks the agent to log in: `[login]` (the start page's site), `[login:example.com]`,
   * `[login:always]` (asked even when the environment is logged in: its session expired).
   */
  login?: { site: string | null; always: boolean };
  /** The account's balance (USD left) is set to this when the task is submitted. */
  balance?: number;
  /** How the structured answer varies between runs of the same prompt (variation.ts); each may repeat. */
  variations?: Variation[];
}

export const DEFAULT_GUARDRAIL = 'I need login credentials to proceed';
export const DEFAULT_FAIL_CODE = 'PAGE_CRASH';
const MAX_FILES = 20;
const MAX_NETWORK = 1000;
const MAX_DURATION_MS = 60 * 60 * 1000;

// `[name]` or `[name: value]`; the value may contain anything but a closing bracket.
const DIRECTIVE =
  /\[\s*(duration|guardrail|fail|files|network|cost|login|balance|drift|noise|shrink)\s*(?::([^\]]*))?\]/gi;

/**
 * Reads every directive in the prompt, case-insensitively. The first valid occurrence of each
 * name wins; malformed values (`[duration:soon]`, `[files:-1]`) are ignored rather than
 * rejected, because a prompt is free text and may contain brackets for other reasons.
 */
export function parseDirectives(prompt: string): Directives {
  const result: Directives = {};
  for (const match of prompt.matchAll(DIRECTIVE)) {
    const name = (match[1] ?? '').toLowerCase();
    const value = (match[2] ?? '').trim();
    applyDirective(result, name, value);
  }
  return result;
}

function applyDirective(result: Directives, name: string, value: string): void {
  switch (name) {
    case 'duration': {
      const ms = parseDuration(value);
      if (result.durationMs === undefined && ms !== null) result.durationMs = ms;
      return;
    }
    case 'guardrail':
      result.guardrail ??= value === '' ? DEFAULT_GUARDRAIL : value;
      return;
    case 'fail':
      if (result.fail === undefined && (value === '' || /^[a-z_][a-z0-9_]*$/i.test(value))) {
        result.fail = value === '' ? DEFAULT_FAIL_CODE : value.toUpperCase();
      }
      return;
    case 'files': {
      const n = parseCount(value, MAX_FILES);
      if (result.files === undefined && n !== null) result.files = n;
      return;
    }
    case 'network': {
      const n = parseCount(value, MAX_NETWORK);
      if (result.network === undefined && n !== null) result.network = n;
      return;
    }
    case 'login': {
      if (result.login !== undefined) return;
      if (value === '' || value.toLowerCase() === 'always')
        result.login = { site: null, always: value !== '' };
      else if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value))
        result.login = { site: value.toLowerCase(), always: false };
      return;
    }
    case 'cost': {
      const cost = usd(value);
      if (result.cost === undefined && cost !== null) result.cost = cost;
      return;
    }
    case 'balance': {
      const balance = usd(value);
      if (result.balance === undefined && balance !== null) result.balance = balance;
      return;
    }
    case 'drift':
    case 'noise':
    case 'shrink': {
      const variation = parseVariation(name, value);
      if (variation) (result.variations ??= []).push(variation);
      return;
    }
  }
}

/** "0.25" or "$0.25"; null when unreadable. */
function usd(value: string): number | null {
  return /^\$?\d+(\.\d+)?$/.test(value) ? Number(value.replace('$', '')) : null;
}

/** "90s", "1500ms", "2m", "1.5min", bare "45" (seconds). Null when unreadable or zero. */
export function parseDuration(value: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?)?$/i.exec(
    value.trim(),
  );
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit.startsWith('m') ? 60_000 : 1000;
  const ms = Math.round(amount * factor);
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : null;
}

function parseCount(value: string, max: number): number | null {
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

/** The prompt as the "agent" reads it: directives removed, whitespace tidied. */
export function stripDirectives(prompt: string): string {
  return prompt.replace(DIRECTIVE, ' ').replace(/\s+/g, ' ').trim();
}
