// Every status set the app reasons about, pinned member by member (contract/task-status.ts):
// one status moved in or out of a set changes what recovery adopts, what counts as spend, or
// what the user may cancel, so each set is written out here in full.
import { describe, expect, it } from 'vitest';
import {
  ACTIVE,
  CANCELLABLE,
  ENDED,
  HAS_REMOTE_IDS,
  NEEDS_WATCHING,
  RERUNNABLE,
  SETTLED,
  TASK_STATUSES,
  TERMINAL,
  UNFINISHED,
  isActive,
  isEnded,
  isTerminal,
  sqlList,
} from '../../src-main/contract/task-status';

const members = (s: ReadonlySet<string>): string[] => [...s].sort();

describe('task status sets', () => {
  it('has the ten statuses, each once', () => {
    expect([...TASK_STATUSES]).toEqual([
      'queued',
      'submitting',
      'running',
      'needs_input',
      'paused',
      'completed',
      'failed',
      'stopped',
      'cancelled',
      'unknown',
    ]);
  });
  it('names each set exactly', () => {
    expect(members(TERMINAL)).toEqual(['cancelled', 'completed', 'failed', 'stopped']);
    expect(members(ENDED)).toEqual(['cancelled', 'completed', 'failed', 'stopped', 'unknown']);
    expect(members(ACTIVE)).toEqual(['needs_input', 'paused', 'running', 'submitting']);
    expect(members(UNFINISHED)).toEqual([
      'needs_input',
      'paused',
      'queued',
      'running',
      'submitting',
    ]);
    expect(members(HAS_REMOTE_IDS)).toEqual(['needs_input', 'paused', 'running']);
    expect(members(CANCELLABLE)).toEqual([
      'needs_input',
      'paused',
      'queued',
      'running',
      'submitting',
    ]);
    expect(members(RERUNNABLE)).toEqual(members(ENDED));
    expect(members(SETTLED)).toEqual([...members(ENDED), 'needs_input'].sort());
    expect(members(NEEDS_WATCHING)).toEqual([
      'needs_input',
      'paused',
      'running',
      'submitting',
      'unknown',
    ]);
  });
  it('splits every status into unfinished or ended, never both', () => {
    for (const s of TASK_STATUSES) expect(UNFINISHED.has(s) !== ENDED.has(s)).toBe(true);
  });
  it('answers the predicates from the sets, and false for what is no status', () => {
    for (const s of TASK_STATUSES) {
      expect(isTerminal(s)).toBe(TERMINAL.has(s));
      expect(isEnded(s)).toBe(ENDED.has(s));
      expect(isActive(s)).toBe(ACTIVE.has(s));
    }
    for (const p of [isTerminal, isEnded, isActive]) expect(p('bogus')).toBe(false);
  });
  it('writes a set as a SQL list literal', () => {
    expect(sqlList(HAS_REMOTE_IDS)).toBe("'running', 'needs_input', 'paused'");
  });
});
