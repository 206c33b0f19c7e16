// Every balance shape WebRun documents (webrun-api.md §5.3) is read, and a 402 in either shape
// becomes a `balance` error carrying the figures; the sandbox answers in both shapes and its
// `[balance:…]` directive sets what the account holds.
import { describe, expect, it } from 'vitest';
import { parseDirectives } from '../../src-main/sandbox/directives';
import { Ledger } from '../../src-main/sandbox/ledger';
import { balanceOf } from '../../src-main/core/webrun/balance';
import { errorFromResponse } from '../../src-main/core/webrun/errors';

const refusal = (status: number, body: unknown) =>
  errorFromResponse(status, new Headers(), JSON.stringify(body), 0);

describe('balance', () => {
  it('reads the flat 402 body', () => {
    const err = refusal(402, { success: false, message: 'Insufficient balance.', balance: 0.15 });
    expect(err.kind).toBe('balance');
    expect(err.balance).toEqual({ balance: 0.15, required: null });
  });

  it('reads the coded 402 body with details, and its sentence when details are missing', () => {
    const coded = {
      success: false,
      error: 'Insufficient account balance ($0.50 remaining, $2.00 required)',
      code: 'INSUFFICIENT_BALANCE',
      details: { balance: 0.5, required: 2 },
    };
    expect(refusal(402, coded).balance).toEqual({ balance: 0.5, required: 2 });
    const words = { ...coded, details: undefined };
    expect(refusal(402, words).balance).toEqual({ balance: 0.5, required: 2 });
    // The code means money whatever status carried it.
    expect(refusal(400, coded).kind).toBe('balance');
  });

  it('accepts numeric strings and refuses nonsense rather than reading it as $0', () => {
    expect(balanceOf({ balance: '12.50' })).toEqual({ balance: 12.5, required: null });
    expect(balanceOf({ balance: 'lots' })).toBeNull();
    expect(balanceOf({ balance: -3 })).toBeNull();
    expect(balanceOf({ balance: null })).toBeNull();
    expect(refusal(402, { success: false, message: 'Payment required' }).balance).toBeNull();
    expect(refusal(403, { success: false, message: 'Account is deactivated' }).balance).toBeNull();
  });

  it('the [balance:…] directive sets what is left, keeping what is spent and held', () => {
    expect(parseDirectives('go [balance:0.25]').balance).toBe(0.25);
    expect(parseDirectives('go [balance:$3]').balance).toBe(3);
    expect(parseDirectives('go [balance:much]').balance).toBeUndefined();
    const ledger = new Ledger(null);
    expect(ledger.remaining()).toBeNull();
    ledger.reserve('a', 0.1);
    ledger.setRemaining(0.05);
    expect(ledger.remaining()).toBe(0.05);
    ledger.settle('a', 0.08);
    expect(ledger.remaining()).toBeCloseTo(0.07, 9);
  });
});
