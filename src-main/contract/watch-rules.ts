// The rules a watch's fields are held to, zod-free so the renderer can check a field as it is
// typed without shipping zod (whose bundle holds a `new Function` the CSP and the bundle test
// forbid). contract/watches.ts builds its schemas from these, so the words are the same on both
// sides.

export const KEY_PATH_MAX = 500;
export const PATTERN_MAX = 500;
export const DOMAIN_MAX = 253;
export const DOMAINS_MAX = 100;
export const NUMBER_LIMIT = 1e15;
export const LENGTH_LIMIT = 1_000_000;
export const COST_CHECK_MAX = 10_000;
export const TOLERANCE_MAX = 1e12;
export const TOLERANCE_PERCENT_MAX = 1000;
export const UNCHANGED_DAYS_MAX = 365;

export const WORDS = {
  keyPathEmpty: 'A key path is empty.',
  keyPathLong: `A key path is too long (${KEY_PATH_MAX} characters at most).`,
  patternEmpty: 'A pattern is empty.',
  patternLong: `A pattern is too long (${PATTERN_MAX} characters at most).`,
  patternBad: 'Not a valid regular expression.',
  domain: 'A domain is letters, digits, dots and dashes (example.com).',
  timeOfDay: 'A time of day looks like 09:00.',
} as const;

export const DOMAIN = /^[a-z0-9.*-]+$/;
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether a person's regular expression compiles (with the `u` flag, as checks run it). */
export function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a key path, or null. */
export function keyPathProblem(path: string): string | null {
  const text = path.trim();
  if (text === '') return WORDS.keyPathEmpty;
  return text.length > KEY_PATH_MAX ? WORDS.keyPathLong : null;
}

/** What is wrong with a pattern, or null. */
export function patternProblem(pattern: string): string | null {
  if (pattern === '') return WORDS.patternEmpty;
  if (pattern.length > PATTERN_MAX) return WORDS.patternLong;
  return compiles(pattern) ? null : WORDS.patternBad;
}

/** What is wrong with a domain of an allow-list, or null (compared lower-cased). */
export function domainProblem(domain: string): string | null {
  const text = domain.trim().toLowerCase();
  return text.length >= 1 && text.length <= DOMAIN_MAX && DOMAIN.test(text) ? null : WORDS.domain;
}
