// Sandbox directives that make a structured answer vary between runs of one prompt: a value that
// drifts, a noisy field, a list that shrinks; everything else in the answer stays as the seed
// made it, and a malformed directive is ignored like the others.
import { describe, expect, it } from 'vitest';
import { parseDirectives } from '../../src-main/sandbox/directives.ts';
import { planTask } from '../../src-main/sandbox/simulation.ts';
import { applyVariations } from '../../src-main/sandbox/variation.ts';

const schema = {
  type: 'object',
  properties: {
    price: { type: 'number' },
    updatedAt: { type: 'string' },
    items: { type: 'array', items: { type: 'string' } },
    title: { type: 'string' },
  },
};
const answer = (prompt: string, runIndex: number) => {
  const plan = planTask(
    {
      prompt,
      startingUrl: null,
      maxDurationMs: 300_000,
      outputType: 'structured_json',
      outputSchema: schema,
    },
    7,
    undefined,
    runIndex,
  );
  if (plan.outcome.kind !== 'completed') throw new Error('expected a completed plan');
  return JSON.parse(plan.outcome.message) as {
    price: number;
    updatedAt: string;
    items: string[];
    title: string;
  };
};

describe('output variations', () => {
  it('reads drift, noise and shrink, each more than once, and ignores malformed ones', () => {
    expect(
      parseDirectives(
        'x [drift:price:0.5] [noise:updatedAt] [noise:meta.seen] [shrink:items:2] [drift:price] [shrink:a[b]',
      ),
    ).toEqual({
      variations: [
        { kind: 'drift', path: 'price', step: 0.5 },
        { kind: 'noise', path: 'updatedAt' },
        { kind: 'noise', path: 'meta.seen' },
        { kind: 'shrink', path: 'items', every: 2 },
      ],
    });
  });

  it('drifts a number, changes a noisy field every run, shrinks a list, and keeps the rest', () => {
    const prompt = 'Watch the kettle [drift:price:0.5] [noise:updatedAt] [shrink:items]';
    const runs = [0, 1, 2, 3].map((i) => answer(prompt, i));
    const base = runs[0]!.price;
    expect(runs.map((r) => r.price)).toEqual([base, base + 0.5, base + 1, base + 1.5]);
    expect(new Set(runs.map((r) => r.updatedAt)).size).toBe(4);
    expect(runs.map((r) => r.items.length)).toEqual([3, 2, 1, 0]);
    expect(new Set(runs.map((r) => r.title)).size).toBe(1);
    // Without the directives, every run answers the same.
    expect(answer('Watch the kettle', 3)).toEqual(answer('Watch the kettle', 0));
  });

  it('creates a noisy field the schema lacks, and leaves text answers alone', () => {
    const out = JSON.parse(applyVariations('{"a":1}', [{ kind: 'noise', path: 'meta.seen' }], 2));
    expect(out).toEqual({ a: 1, meta: { seen: '2026-01-01T00:02:02.000Z' } });
    expect(applyVariations('plain text', [{ kind: 'drift', path: 'a', step: 1 }], 5)).toBe(
      'plain text',
    );
  });
});
