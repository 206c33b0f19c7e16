// The rules an assistant's call meets before anything is queued.
import { describe, expect, it } from 'vitest';
import { McpSettings, type BudgetStatus } from '../../src-main/contract/index';
import { decideLimits } from '../../src-main/mcp/limits';

const budget = (b: Partial<BudgetStatus> = {}): BudgetStatus => ({
  today: 0,
  month: 0,
  todayUnknownCost: 0,
  monthUnknownCost: 0,
  dailyCap: null,
  monthlyCap: null,
  level: 'ok',
  message: null,
  ...b,
});
const settings = (s: Partial<McpSettings> = {}): McpSettings => McpSettings.parse(s);

describe('decideLimits', () => {
  it('refuses everything while assistants are turned off, saying where to turn them on', () => {
    const d = decideLimits(settings({ enabled: false }), budget(), undefined);
    expect(d).toEqual({
      ok: false,
      refusal: expect.stringContaining('Settings → AI assistants (MCP)'),
    });
  });

  it('refuses a costCap above the per-call maximum, and gives a call without one the maximum', () => {
    expect(decideLimits(settings({ maxCostPerCall: 0.5 }), budget(), 0.6)).toEqual({
      ok: false,
      refusal: expect.stringContaining('$0.60 is above the $0.50 per-call maximum'),
    });
    expect(decideLimits(settings({ maxCostPerCall: 0.5 }), budget(), undefined)).toEqual({
      ok: true,
      costCap: 0.5,
    });
    expect(decideLimits(settings({ maxCostPerCall: null }), budget(), undefined)).toEqual({
      ok: true,
      costCap: null,
    });
  });

  it('refuses a call that could pass the daily or monthly cap, with the cap and the spend so far', () => {
    expect(
      decideLimits(settings({ maxCostPerCall: 1 }), budget({ today: 4.5, dailyCap: 5 }), undefined),
    ).toEqual({
      ok: false,
      refusal:
        "Refused: this call may cost up to $1.00, which would pass the daily cap of $5.00 (today's spend so far: $4.50).",
    });
    expect(
      decideLimits(settings({ maxCostPerCall: 1 }), budget({ month: 20, monthlyCap: 20 }), 0.1),
    ).toEqual({
      ok: false,
      refusal: "Refused: the monthly cap of $20.00 is reached (this month's spend so far: $20.00).",
    });
    expect(
      decideLimits(settings({ maxCostPerCall: 1 }), budget({ today: 3.9, dailyCap: 5 }), 1),
    ).toEqual({ ok: true, costCap: 1 });
  });

  it('counts the caps reserved by assistant calls still in flight against the daily and monthly caps', () => {
    const s = settings({ maxCostPerCall: 0.5 });
    expect(decideLimits(s, budget({ today: 0.1, dailyCap: 1.2 }), 0.5, 0.5)).toEqual({
      ok: true,
      costCap: 0.5,
    });
    expect(decideLimits(s, budget({ today: 0.1, dailyCap: 1.2 }), 0.5, 1)).toEqual({
      ok: false,
      refusal: expect.stringContaining('$1.00 more is reserved for assistant tasks still running'),
    });
    expect(decideLimits(s, budget({ month: 9, monthlyCap: 10 }), 0.5, 0.6)).toEqual({
      ok: false,
      refusal: expect.stringContaining('monthly cap of $10.00'),
    });
  });
});
