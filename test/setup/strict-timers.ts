// Every Vitest file runs with strict timers (a negative or non-numeric delay throws where it is
// made) and fails if Node printed a TimeoutOverflowWarning: a delay above 2^31 - 1 ms that Node
// ran after 1 ms. Issue 31 found 4,239 of those in one run, from a timer re-armed in a 1 ms loop.
import { afterAll, expect } from 'vitest';
import { setStrictTimers } from '../../src-main/contract/timers';

setStrictTimers(true);

const overflows: string[] = [];
process.on('warning', (warning) => {
  if (warning.name === 'TimeoutOverflowWarning') overflows.push(warning.message);
});

afterAll(() => {
  expect(overflows, 'a timer was set beyond 2^31 - 1 ms and ran after 1 ms').toEqual([]);
});
