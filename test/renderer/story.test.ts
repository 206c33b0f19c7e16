import { describe, expect, it } from 'vitest';
import {
  appendUnique,
  eventFingerprint,
  isRepeat,
} from '../../src-main/contract/event-fingerprint';
import { buildStory, type StoredEvent } from '../../src-main/core/tasks/story';

const transition = (
  at: number,
  fromStatus: string | null,
  toStatus: string,
  payload: unknown = null,
): StoredEvent => ({ at, kind: 'transition', fromStatus, toStatus, payload });
const remote = (at: number, payload: unknown): StoredEvent => ({
  at,
  kind: 'remote',
  fromStatus: null,
  toStatus: null,
  payload,
});
const socket = (at: number, event: { kind: string } & Record<string, unknown>): StoredEvent =>
  remote(at, { socket: event.kind, event });

describe('the event fingerprint shared by the core and the UI', () => {
  it('ignores the arrival time and tells different content apart', () => {
    const a = { kind: 'agent', content: 'Reading' };
    expect(eventFingerprint(a)).toBe(eventFingerprint({ ...a }));
    expect(eventFingerprint(a)).not.toBe(
      eventFingerprint({ kind: 'agent', content: 'Clicking' } as { kind: string }),
    );
  });

  it('counts a repeat only within the window, so a step redone much later is kept', () => {
    expect(isRepeat(['x', 'y'], 'x', 2)).toBe(true);
    expect(isRepeat(['x', 'y', 'z'], 'x', 2)).toBe(false);
    const e = (fingerprint: string | null) => ({ fingerprint });
    expect(
      appendUnique([e('x'), e(null)], [e('x'), e(null), e('y')]).map((l) => l.fingerprint),
    ).toEqual(['x', null, null, 'y']);
  });
});

describe('a task story from the store', () => {
  const events: StoredEvent[] = [
    transition(1_000, null, 'queued'),
    transition(1_100, 'queued', 'submitting'),
    transition(1_500, 'submitting', 'running'),
    socket(2_000, { kind: 'agent', content: 'Opening the catalogue' }),
    transition(3_000, 'running', 'needs_input'),
    transition(15_000, 'needs_input', 'running', { guardrail: 'answered' }),
    remote(15_001, { answeredBy: 'cli' }),
    remote(16_000, { control: 'takeOverControl' }),
    socket(20_000, { kind: 'task_completed', outcome: {} }),
    transition(21_000, 'running', 'completed'),
  ];
  const story = buildStory('t1', {
    events,
    guardrails: [
      { question: 'Which branch?', askedAt: 3_000, answeredAt: 15_000, outcome: 'answered' },
    ],
    samples: [
      { at: 1_800, cost: 0.01 },
      { at: 19_000, cost: null },
      { at: 20_500, cost: 0.03 },
    ],
    network: [
      { url: 'https://a.example/', at: 2_500 },
      { url: 'https://a.example/', at: 2_600 },
    ],
  });

  it('starts at the first step and tells each step once, in time order', () => {
    expect(story.map((e) => e.text)).toEqual([
      'Queued',
      'Sent to WebRun',
      'Running',
      'Opening the catalogue',
      'https://a.example/',
      'Waiting for an answer',
      'Asked: Which branch?',
      'Running again',
      'Answered from the CLI after 12 s',
      'You took over the browser; the agent waits',
      'Completed',
    ]);
  });

  it('gives socket lines the fingerprint the runner streams them with, and each line the cost so far', () => {
    expect(story[3]).toMatchObject({
      kind: 'agent',
      fingerprint: eventFingerprint({ kind: 'agent', content: 'Opening the catalogue' } as {
        kind: string;
      }),
      cost: 0.01,
    });
    expect(story[0]!.cost).toBeNull();
    expect(story.at(-1)!.cost).toBe(0.03);
  });

  it('says a question nobody answered stopped the task', () => {
    const timedOut = buildStory('t1', {
      events: [],
      guardrails: [{ question: 'Code?', askedAt: 0, answeredAt: 60_000, outcome: 'timed_out' }],
      samples: [],
      network: [],
    });
    expect(timedOut.map((e) => e.text)).toEqual([
      'Asked: Code?',
      'Not answered within 60 s; the task was stopped',
    ]);
  });
});

describe('the timeline rows', () => {
  it('give the wait since the step before and since the start, readable at any scale', async () => {
    const { formatGap, timelineRows } =
      await import('../../src-renderer/features/task-detail/timeline');
    const line = (at: number) => ({ taskId: 't', at, kind: 'agent' as const, text: String(at) });
    expect(
      timelineRows([line(100), line(350.5), line(20_350.5)]).map((r) => [r.gap, r.sinceStart]),
    ).toEqual([
      [null, 0],
      [250.5, 250.5],
      [20_000, 20_250.5],
    ]);
    expect([formatGap(222.379), formatGap(2_500), formatGap(20_000), formatGap(125_000)]).toEqual([
      '+222 ms',
      '+2.5 s',
      '+20 s',
      '+2 min 5 s',
    ]);
  });
});
