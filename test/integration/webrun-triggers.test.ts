// The triggers client against the sandbox over real HTTP: every /cron-jobs endpoint and its
// documented errors, triggers firing on the sandbox's own (time-scaled) clock, runs recorded,
// consecutive failures counted and the auto-pause at maxConsecutiveFailures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cron } from 'croner';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { WebRunClient } from '../../src-main/core/webrun/client';
import { EnvironmentsClient } from '../../src-main/core/webrun/environments-client';
import { TriggersClient, type CronJobInput } from '../../src-main/core/webrun/triggers-client';
import { failure } from '../helpers/webrun-failure';

const SCALE = 0.001;
let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ timeScale: SCALE, rateLimit: null });
});
afterAll(async () => {
  await sb.close();
});

let n = 0;
async function setup() {
  const http = new WebRunClient({ baseUrl: sb.url, apiKey: `wr_trig_${++n}_${Date.now()}` });
  const env = await new EnvironmentsClient(http).create('scheduled');
  return { http, triggers: new TriggersClient(http), envId: env.id };
}

const base = (envId: string, extra: Partial<CronJobInput> = {}): CronJobInput => ({
  name: 'Morning prices',
  environmentId: envId,
  prompt: 'Check the price of the blue kettle [duration:2s]',
  scheduleType: 'every',
  scheduleInterval: '1d',
  deliveryMode: 'bot',
  ...extra,
});

/** Waits (polling the API, an event source) until `done` holds. */
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('cron jobs: the endpoints', () => {
  it('creates (201 body), lists, gets with recent runs, updates, deletes', async () => {
    const { triggers, envId } = await setup();
    const job = await triggers.create(
      base(envId, {
        scheduleType: 'cron',
        scheduleCron: '0 9 * * *',
        timezone: 'Europe/Paris',
        scheduleInterval: undefined,
      }),
    );
    expect(job).toMatchObject({
      name: 'Morning prices',
      environmentId: envId,
      scheduleType: 'cron',
      scheduleCron: '0 9 * * *',
      timezone: 'Europe/Paris',
      status: 'active',
    });
    expect(job.nextRunAt).not.toBeNull();
    expect((await triggers.list()).map((j) => j.id)).toEqual([job.id]);
    const got = await triggers.get(job.id);
    expect(got.job.id).toBe(job.id);
    expect(got.recentRuns).toEqual([]);
    const updated = await triggers.update(job.id, {
      name: 'Evening prices',
      scheduleCron: '0 18 * * *',
    });
    expect(updated).toMatchObject({
      name: 'Evening prices',
      scheduleCron: '0 18 * * *',
      timezone: 'Europe/Paris',
    });
    await triggers.delete(job.id);
    expect(await triggers.list()).toEqual([]);
    expect(await failure(triggers.get(job.id))).toMatchObject({
      status: 404,
      message: 'Cron job not found',
    });
    expect((await failure(triggers.delete(job.id))).message).toBe('Cron job not found');
  });

  it('answers the documented create errors with WebRun’s messages', async () => {
    const { triggers, envId } = await setup();
    const cases: [Partial<CronJobInput>, string][] = [
      [{ name: '' }, 'name is required'],
      [{ prompt: '' }, 'prompt is required'],
      [{ environmentId: 'nope' }, 'Valid environmentId is required'],
      [
        { deliveryMode: 'webhook' },
        'webhook config is required when deliveryMode includes webhook',
      ],
      [
        { deliveryMode: undefined },
        'webhook config is required when deliveryMode includes webhook',
      ],
      [{ scheduleType: 'cron', scheduleCron: 'not a cron' }, 'Invalid cron expression'],
      [{ timezone: 'Mars/Olympus' }, 'Invalid timezone: Mars/Olympus'],
    ];
    for (const [patch, message] of cases) {
      const body = { ...base(envId), ...patch } as CronJobInput;
      const error = await failure(triggers.create(body));
      expect(error.status).toBe(400);
      expect(error.message).toContain(message);
    }
    const missingEnv = await failure(triggers.create(base('0123456789abcdef01234567')));
    expect(missingEnv).toMatchObject({ status: 404, message: 'Environment not found' });
    const raw = await fetch(`${sb.url}/cron-jobs`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${(triggers as unknown as { http: { apiKey: string } }).http.apiKey}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(base(envId)),
    });
    expect(raw.status).toBe(201);
    expect(await raw.json()).toMatchObject({
      success: true,
      cronJob: {
        _id: expect.any(String),
        status: 'active',
        nextRunAt: expect.any(String),
        createdAt: expect.any(String),
      },
    });
    // With a webhook, the default delivery is fine.
    const hooked = await triggers.create({
      ...base(envId),
      deliveryMode: undefined,
      webhook: { url: 'https://example.com/hook' },
    });
    expect(hooked.status).toBe('active');
  });

  it('pauses and resumes, refusing the same state twice with the documented 400s', async () => {
    const { triggers, envId } = await setup();
    const job = await triggers.create(base(envId));
    expect(await triggers.pause(job.id)).toEqual({ status: 'paused' });
    expect((await failure(triggers.pause(job.id))).message).toBe(
      'Cannot pause a job with status "paused"',
    );
    expect((await triggers.get(job.id)).job.nextRunAt).toBeNull();
    const resumed = await triggers.resume(job.id);
    expect(resumed.status).toBe('active');
    expect(resumed.nextRunAt).not.toBeNull();
    expect((await failure(triggers.resume(job.id))).message).toBe(
      'Cannot resume a job with status "active"',
    );
  });

  it('runs now on demand and pages through the runs; one run by id', async () => {
    const { triggers, envId } = await setup();
    const job = await triggers.create(base(envId));
    expect(await triggers.trigger(job.id)).toBe('Job triggered. Check runs endpoint for results.');
    await triggers.trigger(job.id);
    await triggers.trigger(job.id);
    const page = await until(
      () => triggers.runs(job.id, 1, 2),
      (p) => p.total === 3 && p.runs.every((r) => r.status === 'completed'),
      'three runs',
    );
    expect(page).toMatchObject({ page: 1, limit: 2, total: 3, totalPages: 2 });
    expect(page.runs).toHaveLength(2);
    const second = await triggers.runs(job.id, 2, 2);
    expect(second.runs).toHaveLength(1);
    const run = await triggers.run(job.id, page.runs[0]!.id);
    expect(run).toMatchObject({ cronJobId: job.id, status: 'completed' });
    expect(run.sessionId).toBeTruthy();
    expect(run.taskId).toBeTruthy();
    expect(run.message).toBeTruthy();
    expect((await failure(triggers.run(job.id, 'run_nope'))).message).toBe('Run not found');
    expect((await triggers.runs(job.id, 1, 500)).limit).toBe(50);
    const recent = (await triggers.get(job.id)).recentRuns;
    expect(recent).toHaveLength(3);
    // The task behind a run polls like any other, with its usage and cost.
    const task = await new WebRunClient({ baseUrl: sb.url, apiKey: 'wr_any_poller' }).pollTask({
      sessionId: run.sessionId,
      taskId: run.taskId,
    });
    expect(task.state).toBe('completed');
    expect(task.usage?.cost).toBeGreaterThan(0);
  });
});

describe('cron jobs on the sandbox clock', () => {
  it('fires an "every" trigger three times, time-scaled, recording each run', async () => {
    const { triggers, envId } = await setup();
    const before = Date.now();
    // 30 simulated minutes at a time scale of 0.001: 1.8 real seconds.
    const job = await triggers.create(base(envId, { scheduleInterval: '30m' }));
    const due = Date.parse(job.nextRunAt!) - before;
    expect(due).toBeGreaterThan(1_500);
    expect(due).toBeLessThan(2_300);
    await triggers.pause(job.id);

    const fast = await triggers.create(base(envId, { name: 'fast', scheduleInterval: '1m' }));
    const created = Date.parse(fast.createdAt!);
    const page = await until(
      () => triggers.runs(fast.id),
      (p) => p.runs.filter((r) => r.status === 'completed').length >= 3,
      'three scheduled runs',
    );
    await triggers.pause(fast.id);
    const scheduled = page.runs.filter((r) => r.raw.trigger === 'schedule');
    expect(scheduled.length).toBeGreaterThanOrEqual(3);
    const times = scheduled.map((r) => Date.parse(r.createdAt!)).sort((a, b) => a - b);
    // The k-th run comes k simulated minutes (k × 60 real ms) after creation, never earlier:
    // the schedule is anchored, so a late run does not push the next ones back.
    times.forEach((t, i) => expect(t - created).toBeGreaterThanOrEqual((i + 1) * 60 - 2));
  });

  it('computes a cron trigger’s next run in its time zone on the simulated clock', async () => {
    const { triggers, envId } = await setup();
    const job = await triggers.create(
      base(envId, {
        scheduleType: 'cron',
        scheduleCron: '0 9 * * *',
        timezone: 'Asia/Tokyo',
        scheduleInterval: undefined,
      }),
    );
    const realDelay = Date.parse(job.nextRunAt!) - Date.parse(job.createdAt!);
    // At most one simulated day away, i.e. 86.4 real seconds at this scale.
    expect(realDelay).toBeGreaterThan(0);
    expect(realDelay).toBeLessThanOrEqual(86_400_000 * SCALE + 100);
    // It lands on 09:00 in Tokyo on the simulated clock: check with croner independently.
    const simCreated = Date.parse(job.createdAt!); // the sim clock is close to real time right after start
    const expectedSimNext = new Cron('0 9 * * *', { timezone: 'Asia/Tokyo', paused: true })
      .nextRun(new Date(simCreated))!
      .getTime();
    expect(realDelay / SCALE).toBeLessThanOrEqual(expectedSimNext - simCreated + 5 * 60_000);
  });

  it('runs an "at" trigger once, then marks it completed', async () => {
    const { triggers, envId } = await setup();
    // Ten simulated seconds from now: 10 real milliseconds.
    const job = await triggers.create(
      base(envId, {
        scheduleType: 'at',
        scheduleAt: new Date(Date.now() + 10_000).toISOString(),
        scheduleInterval: undefined,
      }),
    );
    const done = await until(
      () => triggers.get(job.id),
      (g) => g.job.status === 'completed' && g.recentRuns.length === 1,
      'the one run',
    );
    expect(done.job.nextRunAt).toBeNull();
  });

  it('counts consecutive failures and pauses itself at maxConsecutiveFailures, with its reason', async () => {
    const { triggers, envId } = await setup();
    const job = await triggers.create(
      base(envId, {
        prompt: 'Open the page [fail:NAVIGATION_TIMEOUT] [duration:2s]',
        // 600 real ms apart: a busy machine can finish each 2 ms run before the next one starts
        // (at 60 ms a fourth run began before the third failure paused the trigger).
        scheduleInterval: '10m',
        maxConsecutiveFailures: 3,
      }),
    );
    const paused = await until(
      () => triggers.get(job.id),
      (g) => g.job.status === 'paused',
      'the auto-pause',
    );
    expect(paused.job).toMatchObject({ status: 'paused', consecutiveFailures: 3, nextRunAt: null });
    expect(paused.job.pausedReason).toBe('Paused automatically after 3 consecutive failures');
    const runs = await triggers.runs(job.id);
    expect(runs.total).toBe(3);
    expect(runs.runs.every((r) => r.status === 'failed' && r.code === 'NAVIGATION_TIMEOUT')).toBe(
      true,
    );
    expect(runs.runs[0]!.error).toBe('Navigation timeout after 30 seconds');
    // Resuming starts the count again.
    expect((await triggers.resume(job.id)).status).toBe('active');
    expect((await triggers.get(job.id)).job.consecutiveFailures).toBe(0);
    await triggers.pause(job.id);
  });
});
