import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatUsd, UNKNOWN_AMOUNT } from '../../src-main/contract/money-format';

/** The figure a written amount stands for, read back the way a person reads it. */
const readBack = (text: string): number => {
  const negative = text.startsWith('-');
  const value = Number(text.replace(/^-/, '').replace(/^\$/, '').replaceAll(',', ''));
  return negative ? -value : value;
};

describe('formatUsd, the one money writer', () => {
  it.each([
    // Unknown is unknown, never $0.00 and never a dash.
    [null, 'unknown'],
    [undefined, 'unknown'],
    [Number.NaN, 'unknown'],
    [Number.POSITIVE_INFINITY, 'unknown'],
    [Number.NEGATIVE_INFINITY, 'unknown'],
    // Nothing is $0.00, whatever its sign.
    [0, '$0.00'],
    [-0, '$0.00'],
    // Under a dollar: the cents at least, up to four decimals.
    [0.5, '$0.50'],
    [0.1, '$0.10'],
    [0.01, '$0.01'],
    [0.03, '$0.03'],
    [0.0301, '$0.0301'],
    [0.0612, '$0.0612'],
    [0.123456, '$0.1235'],
    [0.999949, '$0.9999'],
    [0.99996, '$1.00'],
    // Under a cent: two significant digits, so a non-zero cost never reads $0.00.
    [0.0049999, '$0.005'],
    [0.00015, '$0.00015'],
    [0.000045, '$0.000045'],
    [0.0000999, '$0.0001'],
    [1e-9, '$0.000000001'],
    // From a dollar: dollars and cents, thousands grouped.
    [1, '$1.00'],
    [3.5, '$3.50'],
    [12.3456, '$12.35'],
    [1_000_000, '$1,000,000.00'],
    // Half away from zero on the decimal figure, not on the binary one as toFixed rounds.
    [1.005, '$1.01'],
    [2.675, '$2.68'],
    [0.00125, '$0.0013'],
    // A negative amount (a delta, an overdrawn balance) keeps its sign in front.
    [-0.5, '-$0.50'],
    [-0.0000001, '-$0.0000001'],
    [-1234.5, '-$1,234.50'],
  ])('%s is "%s"', (amount, text) => {
    expect(formatUsd(amount)).toBe(text);
  });

  it('says unknown with the one word every writer shares', () => {
    expect(UNKNOWN_AMOUNT).toBe('unknown');
  });

  it('writes every finite amount in one shape, close to its figure, with its sign', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (amount) => {
        const text = formatUsd(amount);
        expect(text).toMatch(/^-?\$(\d{1,3}(,\d{3})*\.\d{2}|0\.\d{2,})$/);
        const back = readBack(text);
        if (amount === 0) {
          expect(text).toBe('$0.00');
          return;
        }
        // Never $0.00 for a non-zero amount, and never the other side of zero.
        expect(back).not.toBe(0);
        expect(Math.sign(back)).toBe(Math.sign(amount));
        const size = Math.abs(amount);
        // From $1 to the cent; under it to the hundredth of a cent or two significant digits.
        const allowed = size >= 1 ? 0.005 : Math.max(0.00005, size * 0.05);
        expect(Math.abs(back - amount)).toBeLessThanOrEqual(allowed * (1 + 1e-9) + 1e-12);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never writes a larger amount as a smaller figure', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(readBack(formatUsd(low))).toBeLessThanOrEqual(readBack(formatUsd(high)));
        },
      ),
    );
  });
});
