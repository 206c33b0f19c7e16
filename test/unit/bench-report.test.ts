import { describe, expect, it } from 'vitest';
import { atMost, formatTable } from '../bench/report';

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
