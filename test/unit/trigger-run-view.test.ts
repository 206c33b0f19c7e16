// The Schedules view is honest about what WebRun documents: a trigger run carries only
// {_id, cronJobId, status, createdAt}; without the ids of its task the app cannot read the
// result, which WebRun delivered to the trigger's webhook or bot.
import { describe, expect, it } from 'vitest';
import { triggerRunView } from '../../src-main/core/triggers/trigger-handlers';
import type { CronRun } from '../../src-main/core/webrun/triggers-client';

const documented: CronRun = {
  id: 'run-1',
  cronJobId: 'job-1',
  status: 'completed',
  createdAt: '2026-12-07T09:00:00.000Z',
  completedAt: null,
  sessionId: null,
  taskId: null,
  message: null,
  error: null,
  code: null,
  raw: {
    _id: 'run-1',
    cronJobId: 'job-1',
    status: 'completed',
    createdAt: '2026-12-07T09:00:00.000Z',
  },
};

describe('a trigger run in the Schedules view', () => {
  it('without task ids: its status, and no claim to a result', () => {
    expect(triggerRunView(documented, null)).toEqual({
      id: 'run-1',
      status: 'completed',
      createdAt: Date.UTC(2026, 11, 7, 9),
      completedAt: null,
      taskId: null,
      cost: null,
      error: null,
      hasTask: false,
    });
  });

  it('with the ids of its task (a sandbox extra, or a richer WebRun): readable', () => {
    const rich = {
      ...documented,
      sessionId: 's',
      taskId: 't',
      raw: { ...documented.raw, usage: { cost: 0.02 } },
    };
    expect(triggerRunView(rich, null)).toMatchObject({ hasTask: true, cost: 0.02 });
    expect(triggerRunView(rich, { taskId: 'local', cost: 0.03 })).toMatchObject({
      taskId: 'local',
      cost: 0.03,
    });
  });
});
