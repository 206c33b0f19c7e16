// Run comparison and change detection as properties: a run compared with itself has no change,
// and ignoring a path hides exactly that path's changes (and nothing else).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChangeSettings } from '../../src-main/contract/watches';
import { detectChange } from '../../src-main/core/watches/change-detect';
import { compareRuns, diffValues } from '../../src-main/core/watches/compare-runs';
import { covers, flatten, parsePath, type Segment } from '../../src-main/core/watches/key-paths';
import type { RunSnapshot } from '../../src-main/core/watches/run-output';

const run = (result: string | null, over: Partial<RunSnapshot> = {}): RunSnapshot => ({
  id: 'a',
  status: 'completed',
  createdAt: 1,
  outputType: 'structured_json',
  outputSchema: null,
  result,
  cost: 0.01,
  tokens: 100,
  durationMs: 1000,
  steps: 3,
  hosts: ['example.com'],
  files: [],
  questions: [],
  ...over,
});

// JSON values with keys that include the characters key paths treat specially.
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'price', 'items', 'x y', 'a.b', '[0]', '*', '**', '"q"', '$', '0'),
  fc.string({ maxLength: 4 }),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.string({ maxLength: 6 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const outputType = fc.constantFrom('structured_json', 'text', 'structured_csv');

describe('a run compared with itself', () => {
  it('has no change, whatever its output and type', () => {
    fc.assert(
      fc.property(json, outputType, fc.option(fc.string()), (value, type, raw) => {
        const result = type === 'structured_json' ? JSON.stringify(value) : raw;
        const r = run(result, { outputType: type as RunSnapshot['outputType'] });
        const comparison = compareRuns(r, r);
        expect(comparison.same).toBe(true);
        expect(comparison.cost.change).toBe(0);
        expect(detectChange(r, r, ChangeSettings.parse({})).material).toBe(false);
      }),
    );
  });

  it('is a fixed point of the key-path diff, and every leaf path parses back to itself', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(diffValues(value, structuredClone(value))).toEqual([]);
        for (const leaf of flatten(value).values())
          expect(covers(parsePath(leaf.path), leaf.segments)).toBe(true);
      }),
    );
  });
});

describe('ignoring a path', () => {
  it('hides exactly the changes under that path', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const before = run(JSON.stringify(a));
        const after = run(JSON.stringify(b));
        const all = detectChange(before, after, ChangeSettings.parse({})).changes;
        for (const ignored of new Set(all.map((c) => c.path))) {
          const seen = detectChange(
            before,
            after,
            ChangeSettings.parse({ ignorePaths: [ignored] }),
          );
          const pattern = parsePath(ignored);
          expect(seen.changes).toEqual(
            all.filter((c) => !covers(pattern, parsePath(c.path) as Segment[])),
          );
        }
      }),
    );
  });
});

describe('key paths of awkward keys', () => {
  it('a key named $ (found by the property above) is not read back as the root', () => {
    const leaves = [...flatten({ $: { a: 0 } }).values()];
    expect(leaves.map((l) => l.path)).toEqual(['["$"].a']);
    expect(parsePath(leaves[0]!.path)).toEqual(['$', 'a']);
  });
});
