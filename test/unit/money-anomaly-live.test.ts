// The anomaly flag on the fake clock: a running task is flagged on the very poll answer (or
// socket event) whose cost crosses its template's threshold, not one later, and never before;
// a template without a baseline is never flagged, however high the cost.
import { describe, expect, it, vi } from 'vitest';
import type { MoneyAlert } from '../../src-main/contract/index';
import { MoneyMonitor } from '../../src-main/core/money/money-monitor';
import { MoneyStore } from '../../src-main/core/money/money-store';
import {
  CAPPED_POLL_INTERVAL_MS,
  healthyPollInterval,
} from '../../src-main/core/runner/poll-policy';
import {
  changes,
  db,
  flush,
  makeRunner,
  outcome,
  scriptedClient,
  store,
  submit,
  usage,
  useRunnerHarness,
} from '../helpers/runner-harness';

useRunnerHarness();

const POLL_MS = 2_500;

function earlierRuns(prompt: string, costs: (number | null)[]): void {
  costs.forEach((cost, i) => {
    const id = `earlier-${prompt.length}-${i}`;
    store.create({ id, prompt, startingUrl: null, createdAt: Date.now() - 10_000 });
    store.update(id, {
      status: 'completed',
      endedAt: Date.now() - 5_000,
      usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2, completionTime: 1, cost },
    });
  });
}

function monitor(alerts: MoneyAlert[]): MoneyMonitor {
  return new MoneyMonitor({
    store: new MoneyStore(db),
    history: { spendBy: () => [] },
    settings: { get: () => ({ day: null }) as never, set: () => {} },
    budget: () => ({
      dailyCap: null,
      monthlyCap: null,
      stopRunningAtCap: false,
      runwayWarningDays: 7,
    }),
    budgetStatus: () => ({
      today: 0,
      month: 0,
      todayUnknownCost: 0,
      monthUnknownCost: 0,
      dailyCap: null,
      monthlyCap: null,
      level: 'ok',
      message: null,
    }),
    simulated: false,
    now: Date.now,
    publish: () => {},
    alert: (a) => alerts.push(a),
  });
}

const running = (cost: number | null) =>
  outcome({
    state: 'running',
    sessionId: 's1',
    taskId: 't1',
    pollUrl: 'http://w/task/s1/t1',
    usage: usage(cost),
  });

describe('live cost anomalies', () => {
  it('flags the task on the poll whose cost crosses 3× the median, with one alert', async () => {
    earlierRuns('Check the price', [0.01, 0.01, 0.01, 0.01, 0.01, null, null]);
    const alerts: MoneyAlert[] = [];
    const money = monitor(alerts);
    const s = scriptedClient();
    s.onSubmit(async () => running(0.01));
    // Threshold $0.03: the third poll crosses it.
    for (const cost of [0.02, null, 0.03, 0.0301, 0.06]) s.onPoll(async () => running(cost));
    let flaggedAtPoll: number | null = null;
    const r = makeRunner(s.client, {
      pollIntervalMs: () => POLL_MS,
      onTaskChanged: (t) => {
        changes.push(t);
        money.observe(t);
        if (alerts.length > 0 && flaggedAtPoll === null)
          flaggedAtPoll = s.client.pollTask.mock.calls.length;
      },
    });
    const task = submit(r, { prompt: 'Check the price' });
    await flush();
    for (let poll = 1; poll <= 3; poll++) {
      await vi.advanceTimersByTimeAsync(POLL_MS);
      expect(s.client.pollTask).toHaveBeenCalledTimes(poll);
      expect(alerts).toEqual([]);
    }
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(flaggedAtPoll).toBe(4);
    expect(alerts).toEqual([
      {
        kind: 'anomaly',
        taskId: task.id,
        title: 'A task costs far more than usual',
        text: 'Costs $0.0301 so far, past $0.03 (usually $0.01, p95 $0.01 over 5 earlier runs).',
      },
    ]);
    expect(money.status(0).anomalies).toMatchObject([
      { taskId: task.id, running: true, cost: 0.0301 },
    ]);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(alerts).toHaveLength(1); // flagged once, not on every later poll
  });

  it('flags on the socket event that crosses, without waiting for a poll', async () => {
    earlierRuns('Read the news', [0.1, 0.1, 0.1, 0.1, 0.1]);
    const alerts: MoneyAlert[] = [];
    const money = monitor(alerts);
    const s = scriptedClient();
    s.onSubmit(async () => running(0.1));
    const r = makeRunner(s.client, {
      pollIntervalMs: () => 60_000,
      onTaskChanged: (t) => money.observe(t),
    });
    const task = submit(r, { prompt: 'Read the news' });
    await flush();
    r.apply(task.id, running(0.29));
    expect(alerts).toEqual([]);
    r.apply(task.id, running(0.31));
    expect(alerts.map((a) => a.taskId)).toEqual([task.id]);
    expect(s.client.pollTask).not.toHaveBeenCalled();
  });

  it('never flags a task whose template has fewer than 5 runs of known cost', async () => {
    earlierRuns('Rare task', [0.01, 0.01, 0.01, 0.01, null, null, null]);
    const alerts: MoneyAlert[] = [];
    const money = monitor(alerts);
    const s = scriptedClient();
    s.onSubmit(async () => running(100));
    const r = makeRunner(s.client, { onTaskChanged: (t) => money.observe(t) });
    const task = submit(r, { prompt: 'Rare task' });
    await flush();
    expect(alerts).toEqual([]);
    expect(money.baselineFor(task).explanation).toBe(
      'No baseline: 4 earlier runs with a known cost, and it takes 5 (3 earlier runs of unknown cost left out).',
    );
  });
});

describe('anomalies known only at the end', () => {
  it('flags a task seen running whose final cost is over, as ended; a re-shown old task is never judged', async () => {
    earlierRuns('Count the links', [0.01, 0.01, 0.01, 0.01, 0.01]);
    const alerts: MoneyAlert[] = [];
    const money = monitor(alerts);
    const s = scriptedClient();
    s.onSubmit(async () => running(null));
    s.onPoll(async () =>
      outcome({
        state: 'completed',
        sessionId: 's1',
        taskId: 't1',
        message: 'ok',
        usage: usage(0.5),
      }),
    );
    const r = makeRunner(s.client, {
      pollIntervalMs: () => POLL_MS,
      onTaskChanged: (t) => money.observe(t),
    });
    const task = submit(r, { prompt: 'Count the links' });
    await flush();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.get(task.id)?.status).toBe('completed');
    expect(alerts.map((a) => a.title)).toEqual(['A task cost far more than usual']);
    expect(money.status(0).anomalies).toMatchObject([{ taskId: task.id, running: false }]);
    // The same stored task shown again (a history reload) is not judged again.
    money.observe(store.get('earlier-15-0')!);
    money.observe(store.get(task.id)!);
    expect(alerts).toHaveLength(1);
  });

  it('polls a watched task as often as a capped one', () => {
    earlierRuns('Watch me', [0.01, 0.01, 0.01, 0.01, 0.01]);
    const money = monitor([]);
    const watched = store.create({ id: 'w', prompt: 'Watch me', startingUrl: null, createdAt: 1 });
    const unwatched = store.create({
      id: 'u',
      prompt: 'New prompt',
      startingUrl: null,
      createdAt: 1,
    });
    expect(money.watches(watched)).toBe(true);
    expect(money.watches(unwatched)).toBe(false);
    expect(healthyPollInterval({ costCap: null, costWatched: true }, 60_000)).toBe(
      CAPPED_POLL_INTERVAL_MS,
    );
    expect(healthyPollInterval({ costCap: null, costWatched: false }, 60_000)).toBe(60_000);
  });
});
