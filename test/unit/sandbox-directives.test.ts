import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseDirectives,
  parseDuration,
  stripDirectives,
} from '../../src-main/sandbox/directives.ts';

describe('sandbox prompt directives', () => {
  it('reads every directive anywhere in the prompt, case-insensitively', () => {
    const d = parseDirectives(
      'Find [DURATION:90s] flights [Guardrail: I need login credentials ] to Lisbon [fail:navigation_timeout] [files:2] [network:40] [cost:0.25]',
    );
    expect(d).toEqual({
      durationMs: 90_000,
      guardrail: 'I need login credentials',
      fail: 'NAVIGATION_TIMEOUT',
      files: 2,
      network: 40,
      cost: 0.25,
    });
  });

  it('returns nothing for a prompt without directives', () => {
    expect(parseDirectives('Search for laptops on amazon.com [not a directive]')).toEqual({});
  });

  it.each([
    ['90s', 90_000],
    ['1500ms', 1500],
    ['2m', 120_000],
    ['1.5min', 90_000],
    ['45', 45_000],
    ['10 seconds', 10_000],
  ])('parses duration %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(parseDirectives(`x [duration:${text}]`).durationMs).toBe(ms);
  });

  it('ignores malformed values instead of failing', () => {
    expect(
      parseDirectives('[duration:soon] [files:-1] [network:lots] [cost:free] [fail:not a code]'),
    ).toEqual({});
    expect(parseDuration('0s')).toBeNull();
    expect(parseDuration('2h')).toBeNull();
  });

  it('lets the first valid occurrence win', () => {
    expect(parseDirectives('[duration:bad] [duration:5s] [duration:9s]').durationMs).toBe(5000);
    expect(parseDirectives('[files:1] [files:3]').files).toBe(1);
  });

  it('gives bare guardrail and fail directives documented defaults', () => {
    expect(parseDirectives('[guardrail] [fail]')).toEqual({
      guardrail: 'I need login credentials to proceed',
      fail: 'PAGE_CRASH',
    });
  });

  it('accepts a dollar sign on cost and caps counts', () => {
    expect(parseDirectives('[cost:$1.50]').cost).toBe(1.5);
    expect(parseDirectives('[files:21]').files).toBeUndefined();
    expect(parseDirectives('[network:1000]').network).toBe(1000);
  });

  it('strips directives from the text the agent reads', () => {
    expect(stripDirectives('Find  flights [duration:90s] to   Lisbon [fail:PAGE_CRASH]')).toBe(
      'Find flights to Lisbon',
    );
  });

  it('never throws and only yields well-formed values for arbitrary prompts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (prompt) => {
        const d = parseDirectives(prompt);
        if (d.durationMs !== undefined) expect(d.durationMs).toBeGreaterThan(0);
        if (d.files !== undefined) expect(Number.isInteger(d.files)).toBe(true);
        if (d.fail !== undefined) expect(d.fail).toMatch(/^[A-Z_][A-Z0-9_]*$/);
        expect(stripDirectives(prompt)).not.toMatch(
          /\[\s*(duration|files|network|cost)\s*:[^\]]*\]/i,
        );
      }),
    );
  });
});
