import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration } from '../../src-main/contract/duration-format';

describe('formatDuration, the one duration writer', () => {
  it.each([
    [-5, '0 ms'],
    [0, '0 ms'],
    [222.4, '222 ms'],
    [999.4, '999 ms'],
    [1_000, '1 s'],
    [2_500, '2.5 s'],
    [3_000, '3 s'],
    [9_949, '9.9 s'],
    [9_960, '10 s'],
    [20_000, '20 s'],
    [89_400, '89 s'],
    [90_000, '1 min 30 s'],
    [120_000, '2 min'],
    [125_000, '2 min 5 s'],
    [599_000, '9 min 59 s'],
    [600_000, '10 min'],
    [25 * 60_000 + 20_000, '25 min'],
    [59 * 60_000 + 40_000, '1 h'],
    [3_600_000, '1 h'],
    [80 * 60_000, '1 h 20 min'],
    [50 * 3_600_000, '50 h'],
  ])('%d ms is "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('never writes a unit with a zero part or a 60 in it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000 * 3_600_000 }), (ms) => {
        const text = formatDuration(ms);
        expect(text).toMatch(/^(\d+ ms|\d+(\.\d)? s|\d+ min( \d+ s)?|\d+ h( \d+ min)?)$/);
        expect(text).not.toMatch(/(^| )0 (s|min)|\b60 (s|min)/);
      }),
    );
  });
});
