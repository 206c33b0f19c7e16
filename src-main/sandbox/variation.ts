// Output that varies between runs of the same prompt, on demand, so watches (checks, change
// detection, alerts) can be tried without an account. A run's index is how many tasks with the
// same prompt this sandbox was sent before it (0 for the first; counted since the sandbox
// started). Three directives, each naming a key path in the structured JSON answer
// (`price`, `items[0].name`, `items[*].price`), each usable more than once:
//   [drift:<path>:<step>]    the number there moves by <step> each run (base + index × step)
//   [noise:<path>]           the value there differs on every run (a timestamp or a counter)
//   [shrink:<path>[:<n>]]    the list there loses one item every <n> runs (default 1)
// Everything else in the answer stays as the seed made it, so only what was asked for changes.

export type Variation =
  | { kind: 'drift'; path: string; step: number }
  | { kind: 'noise'; path: string }
  | { kind: 'shrink'; path: string; every: number };

type Segment = string | number | '*';

const PATH = /^[A-Za-z0-9_$.[\]*-]{1,200}$/;

/** A directive's value as a variation, or null when it is malformed (ignored, like the others). */
export function parseVariation(name: string, value: string): Variation | null {
  const [path = '', arg] = value.split(':').map((part) => part.trim());
  if (!PATH.test(path) || segmentsOf(path) === null) return null;
  if (name === 'noise') return arg === undefined ? { kind: 'noise', path } : null;
  if (name === 'drift') {
    const step = Number(arg);
    return arg !== undefined && arg !== '' && Number.isFinite(step)
      ? { kind: 'drift', path, step }
      : null;
  }
  if (name === 'shrink') {
    const every = arg === undefined ? 1 : Number(arg);
    return Number.isInteger(every) && every >= 1 && every <= 1000
      ? { kind: 'shrink', path, every }
      : null;
  }
  return null;
}

function segmentsOf(path: string): Segment[] | null {
  const out: Segment[] = [];
  for (const part of path.replace(/\[/g, '.[').split('.')) {
    if (part === '') continue;
    const index = /^\[(\d+|\*)\]$/.exec(part);
    if (index) out.push(index[1] === '*' ? '*' : Number(index[1]));
    else if (/^[^[\]]+$/.test(part)) out.push(part);
    else return null;
  }
  return out.length > 0 ? out : null;
}

const isContainer = (v: unknown): v is Record<string | number, unknown> =>
  v !== null && typeof v === 'object';

/** Calls `change` with each parent and key the path names, creating missing object keys. */
function visit(
  node: unknown,
  segments: Segment[],
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): void {
  if (!isContainer(node)) return;
  const [head, ...rest] = segments;
  const keys: (string | number)[] =
    head === '*' ? (Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node)) : [head!];
  for (const key of keys) {
    if (rest.length === 0) change(node, key);
    else {
      if (!isContainer(node[key]) && !Array.isArray(node)) node[key] = {};
      visit(node[key], rest, change);
    }
  }
}

/** The JSON answer of run `index` with the variations applied; text that is not JSON is kept. */
export function applyVariations(message: string, variations: Variation[], index: number): string {
  if (variations.length === 0) return message;
  let value: unknown;
  try {
    value = JSON.parse(message) as unknown;
  } catch {
    return message;
  }
  for (const v of variations) {
    visit(value, segmentsOf(v.path)!, (parent, key) => {
      const current = parent[key];
      if (v.kind === 'drift') {
        const base = typeof current === 'number' ? current : 100;
        parent[key] = Math.round((base + index * v.step) * 1e6) / 1e6;
      } else if (v.kind === 'noise') {
        // A moment that moves with every run (a "last updated" line), or a counter.
        parent[key] =
          typeof current === 'number'
            ? Math.round(current) + index * 7 + 1
            : new Date(Date.UTC(2026, 0, 1) + index * 61_000).toISOString();
      } else if (Array.isArray(current)) {
        parent[key] = current.slice(0, Math.max(0, current.length - Math.floor(index / v.every)));
      }
    });
  }
  return JSON.stringify(value);
}
