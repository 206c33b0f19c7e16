// Key paths into structured output, the one vocabulary of comparison, checks and change
// detection: `price`, `items[0].name`, `["a key with spaces"]`, with `*` for any one key or
// index and `**` for any depth (`items[*].price`, `**.updatedAt`). A pattern covers a path when
// it matches the path or one of its ancestors, so watching or ignoring `items` covers
// `items[3].price`. Output is web content: nothing here evaluates it, and depth is bounded.

export type Segment = string | number;
/** Wildcards are symbols, so a key literally named `*` (written `["*"]`) stays a key. */
export const ANY: unique symbol = Symbol('any key or index');
export const DEEP: unique symbol = Symbol('any depth');
export type PatternSegment = Segment | typeof ANY | typeof DEEP;

/** The path of the whole output (a number or text at the top). */
export const ROOT = '$';

/** Structured output nested deeper than this is cut: its rest compares as one opaque value. */
export const MAX_DEPTH = 64;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    // A key named `$` is quoted: bare, it would read back as the root.
    else if (IDENTIFIER.test(segment) && segment !== '$')
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? ROOT : out;
}

/** Parses a key path or pattern; throws a message for a person when it cannot. */
export function parsePath(text: string): PatternSegment[] {
  const out: PatternSegment[] = [];
  let i = 0;
  // `$` (the whole output) and a leading `$.` are the JSONPath habit; both mean the root.
  const source = text.trim().replace(/^\$(?=$|[.[])/, '');
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '.') {
      i += 1;
      continue;
    }
    if (ch === '[') {
      const close = findClose(source, i);
      const inner = source.slice(i + 1, close).trim();
      if (inner === '*') out.push(ANY);
      else if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (inner.startsWith('"')) out.push(JSON.parse(inner) as string);
      else throw new Error(`Key path "${text}": [${inner}] is not an index, * or a "quoted key".`);
      i = close + 1;
      continue;
    }
    const match = /^[^.[]+/.exec(source.slice(i))!;
    const word = match[0].trim();
    out.push(word === '*' ? ANY : word === '**' ? DEEP : word);
    i += match[0].length;
  }
  return out;
}

function findClose(source: string, open: number): number {
  let inString = false;
  for (let j = open + 1; j < source.length; j += 1) {
    const ch = source[j];
    if (inString) {
      if (ch === '\\') j += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === ']') return j;
  }
  throw new Error(`Key path "${source}" has a [ without its ].`);
}

/** `items.0` names index 0 as `items[0]` does. */
function segmentMatches(p: PatternSegment, s: Segment): boolean {
  return p === ANY || p === s || (typeof s === 'number' && p === String(s));
}

function matcher(
  pattern: readonly PatternSegment[],
  path: readonly Segment[],
  prefix: boolean,
): boolean {
  const match = (i: number, j: number): boolean => {
    if (i === pattern.length) return prefix || j === path.length;
    const p = pattern[i]!;
    if (p === DEEP) return match(i + 1, j) || (j < path.length && match(i, j + 1));
    if (j === path.length) return false;
    return segmentMatches(p, path[j]!) && match(i + 1, j + 1);
  };
  return match(0, 0);
}

/** True when `pattern` matches `path` or one of its ancestors. */
export function covers(pattern: readonly PatternSegment[], path: readonly Segment[]): boolean {
  return matcher(pattern, path, true);
}

/** True when `pattern` matches `path` exactly (no ancestor). */
export function matchesExactly(
  pattern: readonly PatternSegment[],
  path: readonly Segment[],
): boolean {
  return matcher(pattern, path, false);
}

export interface Leaf {
  path: string;
  segments: Segment[];
  /** A primitive, or an empty object or list (so `{}` and `[]` are values too). */
  value: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every leaf of a JSON value, keyed by its path, in document order. */
export function flatten(value: unknown): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const walk = (node: unknown, segments: Segment[]): void => {
    const children: [Segment, unknown][] = Array.isArray(node)
      ? node.map((child, index) => [index, child])
      : isObject(node)
        ? Object.entries(node)
        : [];
    if (children.length === 0 || segments.length >= MAX_DEPTH) {
      const path = formatPath(segments);
      out.set(path, { path, segments, value: node });
      return;
    }
    for (const [segment, child] of children) walk(child, [...segments, segment]);
  };
  walk(value, []);
  return out;
}

/** Every value a pattern names, with its concrete path (wildcards may name many). */
export function valuesAt(root: unknown, pattern: readonly PatternSegment[]): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: unknown, i: number, segments: Segment[]): void => {
    if (segments.length > MAX_DEPTH) return;
    if (i === pattern.length) {
      out.push({ path: formatPath(segments), segments, value: node });
      return;
    }
    const p = pattern[i]!;
    const entries: [Segment, unknown][] = Array.isArray(node)
      ? node.map((child, index) => [index, child])
      : isObject(node)
        ? Object.entries(node)
        : [];
    if (p === DEEP) {
      walk(node, i + 1, segments);
      for (const [s, child] of entries) walk(child, i, [...segments, s]);
      return;
    }
    for (const [s, child] of entries) {
      if (segmentMatches(p, s)) walk(child, i + 1, [...segments, s]);
    }
  };
  walk(root, 0, []);
  // `**` can reach one node along several routes: each path once.
  const seen = new Set<string>();
  return out.filter((leaf) => !seen.has(leaf.path) && seen.add(leaf.path));
}
