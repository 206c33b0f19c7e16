// The one budget-cap check (core/budget/caps.ts), shared by the dispatch block (budget-guard),
// an assistant's refusal (mcp/limits) and pre-flight's budget left: which caps are set, when one
// is reached (at the cap, not only past it), when spending more would pass one, what is left.
import { describe, expect, it } from 'vitest';
import { capsOf, isReached, leftUnder, wouldPass } from '../../src-main/core/budget/caps';

describe('budget caps', () => {
  it('lists the caps set, daily first, each with its period’s spend', () => {
    expect(capsOf({ dailyCap: null, monthlyCap: null, today: 3, month: 9 })).toEqual([]);
    expect(capsOf({ dailyCap: 5, monthlyCap: 50, today: 3, month: 9 })).toEqual([
      { name: 'daily', cap: 5, spent: 3 },
      { name: 'monthly', cap: 50, spent: 9 },
    ]);
    expect(capsOf({ dailyCap: null, monthlyCap: 50, today: 3, month: 9 })).toEqual([
      { name: 'monthly', cap: 50, spent: 9 },
    ]);
  });

  it('is reached at the cap itself, and passed only past it', () => {
    const cap = { name: 'daily' as const, cap: 1, spent: 0.75 };
    expect(isReached(cap)).toBe(false);
    expect(isReached({ ...cap, spent: 1 })).toBe(true);
    expect(wouldPass(cap, 0.25)).toBe(false);
    expect(wouldPass(cap, 0.125, 0.25)).toBe(true);
  });

  it('leaves what the tightest cap allows, never less than nothing, and null without a cap', () => {
    expect(leftUnder([])).toBeNull();
    expect(
      leftUnder([
        { name: 'daily', cap: 5, spent: 3 },
        { name: 'monthly', cap: 50, spent: 49 },
      ]),
    ).toBe(1);
    expect(leftUnder([{ name: 'daily', cap: 5, spent: 7 }])).toBe(0);
  });
});
