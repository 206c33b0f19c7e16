import { describe, expect, it } from 'vitest';
import { atMost, exitCodeOf, formatTable } from '../bench/report';

describe('bench report table', () => {
  it('gives a scenario that threw its own row, with the first line of its error', () => {
    const table = formatTable(
      [atMost('1 a', 'fast thing', 3, 5, 'ms')],
      [
        {
          scenario: '4 store at scale',
          message: 'RangeError: Missing named parameter "x"\n    at plan (scenario-store.ts:1:1)',
        },
      ],
    );
    const rows = table.split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatch(
      /^4 store at scale\s+\| scenario error\s+\|.*\| ERROR\s+\| RangeError: Missing named parameter "x"$/,
    );
    expect(table).not.toContain('at plan');
  });
});

describe('bench exit code', () => {
  const met = atMost('3 runner', 'desk CPU per task', 2, 3, 'ms');
  const missed = atMost('3 runner', 'desk CPU per task', 5, 3, 'ms');
  const context = { ...met, target: null, met: null };
  const error = { scenario: '7 soak', message: 'Error: 3 tasks never finished' };

  it('fails a full run (all scenarios or --only) that missed a target', () => {
    expect(exitCodeOf({ mode: 'full', figures: [met, missed], errors: [] })).toBe(2);
  });

  it('passes a full run whose targets were all met, context figures aside', () => {
    expect(exitCodeOf({ mode: 'full', figures: [met, context], errors: [] })).toBe(0);
  });

  it('passes a smoke run that missed a target: its sizes are too small to judge', () => {
    expect(exitCodeOf({ mode: 'smoke', figures: [missed], errors: [] })).toBe(0);
  });

  it('fails on a scenario error in either mode, missed targets or not', () => {
    expect(exitCodeOf({ mode: 'smoke', figures: [met], errors: [error] })).toBe(1);
    expect(exitCodeOf({ mode: 'full', figures: [missed], errors: [error] })).toBe(1);
  });

  it('does not count a figure that could not be measured as missed', () => {
    const unmeasured = atMost('3 runner', 'ratio', null, 3, '×');
    expect(exitCodeOf({ mode: 'full', figures: [unmeasured], errors: [] })).toBe(0);
  });
});
