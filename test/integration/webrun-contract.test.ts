// Contract suite: WebRunClient against the real local sandbox over 127.0.0.1, once with the
// canonical (Gen2) response shapes and once with the legacy variants (webrun-api.md §7), through
// every REST endpoint and task outcome. Time runs 500x faster than real time in the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index.ts';
import { WebRunClient } from '../../src-main/core/webrun/client';
import type { Generation } from '../../src-main/core/webrun/request-body';
import type { TaskOutcome } from '../../src-main/core/webrun/types';
import { failure } from '../helpers/webrun-failure';
import { pollToEnd } from '../helpers/poll-to-end';

const SCALE = 0.002;
const KEY = 'wr_contract_tests';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ['canonical', false],
  ['legacy', true],
] as const)('WebRun contract against the sandbox (%s shapes)', (_label, legacy) => {
  let sb: SandboxHandle;
  let client: WebRunClient;
  const clientFor = (generation: Generation, apiKey = KEY) =>
    new WebRunClient({ baseUrl: sb.url, apiKey, generation });

  beforeAll(async () => {
    sb = await startSandbox({
      timeScale: SCALE,
      expiryScale: SCALE,
      legacy,
      seed: 7,
      rateLimit: null,
      maxConcurrentSessions: 200,
    });
    client = clientFor('gen2');
  });
  afterAll(async () => {
    await sb.close();
  });

  it('answers health', async () => {
    const health = await client.health();
    expect(health.healthy).toBe(true);
    expect(JSON.parse(health.raw)).toMatchObject({ success: true, status: 'healthy' });
  });

  it('completes a short run-task inline with ids, answer and usage', async () => {
    const outcome = await client.runTask({ prompt: 'Find cheap laptops [duration:10s]' });
    expect(outcome.state).toBe('completed');
    expect(outcome.sessionId).toMatch(/^[0-9a-f]{12}$/);
    expect(outcome.taskId).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(outcome.message).toContain('Completed: Find cheap laptops');
    expect(outcome.usage?.total_tokens).toBeGreaterThan(0);
    expect(outcome.usage?.cost).toBeGreaterThan(0);
    expect(outcome.network.length).toBeGreaterThan(0);
  });

  it('answers a long run-task pending, then polls running with growing usage, then completed', async () => {
    // A sandbox of its own, ten times slower than the others: its 250 s of running (after the
    // 50 s inline window) last 5 s here and span many polls even on a loaded machine. On the
    // shared one (80 ms of running) the first poll at load 11 already read the final usage.
    const slow = await startSandbox({
      timeScale: SCALE * 10,
      expiryScale: SCALE * 10,
      legacy,
      seed: 7,
      rateLimit: null,
    });
    try {
      const slowClient = new WebRunClient({ baseUrl: slow.url, apiKey: KEY, generation: 'gen2' });
      const submitted = await slowClient.runTask({
        prompt: 'Compare flight prices [duration:300s]',
      });
      expect(submitted.state).toBe('pending');
      expect(submitted.pollUrl).toBe(`${slow.url}/task/${submitted.sessionId}/${submitted.taskId}`);
      const seen: TaskOutcome[] = [];
      const done = await pollToEnd(
        slowClient,
        { sessionId: submitted.sessionId, taskId: submitted.taskId },
        seen,
      );
      expect(done.state).toBe('completed');
      expect(done.taskId).toBe(submitted.taskId);
      expect(done.completedAt).not.toBeNull();
      const running = seen.filter((o) => o.state === 'running');
      expect(running.length).toBeGreaterThan(0);
      const tokens = [...running, done].map((o) => o.usage?.total_tokens ?? -1);
      expect(tokens[0]).toBeGreaterThan(0);
      for (let i = 1; i < tokens.length; i++)
        expect(tokens[i]).toBeGreaterThanOrEqual(tokens[i - 1]!);
      expect(tokens.at(-1)).toBeGreaterThan(tokens[0]!);
      // 300 simulated seconds of work are reported as such.
      expect(done.usage?.completion_time).toBeCloseTo(300, 0);
    } finally {
      await slow.close();
    }
  });

  it('continues the same task after a guardrail answered with resume', async () => {
    const asked = await client.runTask({
      prompt: 'Log in to the portal [guardrail:I need login credentials] [duration:20s]',
    });
    expect(asked).toMatchObject({ state: 'needs_input', question: 'I need login credentials' });
    expect(asked.sessionId).not.toBeNull();
    const polled = await client.pollTask({ sessionId: asked.sessionId, taskId: asked.taskId });
    expect(polled).toMatchObject({
      state: 'needs_input',
      taskId: asked.taskId,
      question: 'I need login credentials',
    });
    await client.answerGuardrail(asked.sessionId!, 'user: ada, password: hunter2', 'resume');
    const done = await pollToEnd(client, { sessionId: asked.sessionId, taskId: asked.taskId });
    expect(done).toMatchObject({ state: 'completed', taskId: asked.taskId });
    expect(done.message).toContain('Log in to the portal');
  });

  it('ends the task when a guardrail is answered with stop', async () => {
    const asked = await client.runTask({
      prompt: 'Buy the item [guardrail:Confirm the purchase?] [duration:20s]',
    });
    expect(asked.state).toBe('needs_input');
    await client.answerGuardrail(asked.sessionId!, 'no', 'stop');
    const done = await pollToEnd(client, { sessionId: asked.sessionId, taskId: asked.taskId });
    expect(done.state).toBe('failed');
    if (!legacy) expect(done.code).toBe('TASK_STOPPED');
  });

  it.each([
    ['NAVIGATION_TIMEOUT', 'Navigation timeout after 30 seconds'],
    ['ELEMENT_NOT_FOUND', 'Could not locate element matching criteria'],
    ['PAGE_CRASH', 'Browser page crashed during execution'],
    ['TASK_TIMEOUT', 'Task exceeded maximum duration of 300000ms'],
  ])('reports the task-level failure %s inline and on poll', async (code, message) => {
    const outcome = await client.runTask({ prompt: `Open the page [fail:${code}] [duration:10s]` });
    expect(outcome).toMatchObject({ state: 'failed', message });
    // Legacy failed bodies carry no code (§1.4 "older: no ids, no code").
    expect(outcome.code).toBe(legacy ? null : code);
    const polled = await client.pollTask({ sessionId: outcome.sessionId, taskId: outcome.taskId });
    expect(polled).toMatchObject({ state: 'failed', message, code: legacy ? null : code });
  });

  it('fails with TASK_TIMEOUT when the run exceeds maxDuration', async () => {
    const outcome = await client.runTask({
      prompt: 'Crawl everything [duration:20s]',
      maxDuration: 2000,
    });
    expect(outcome).toMatchObject({
      state: 'failed',
      message: 'Task exceeded maximum duration of 2000ms',
    });
  });

  it('starts a bare session with every documented start-session field', async () => {
    const session = await client.startSession({ reachOutMode: 'guardrail_only' });
    expect(session.sessionId).toMatch(/^[0-9a-f]{12}$/);
    expect(session.socketUrl).toBe(sb.url);
    expect(session.webViewUrl).toBe(`${sb.url}/live/${session.sessionId}`);
    expect(session.webRtcUrl).toBe(`${sb.url}/live/${session.sessionId}/whep`);
    expect(session.dimensions).toEqual({ width: 1024, height: 600 });
    expect(session.expiresIn).toBe(Math.round(300_000 * SCALE));
    expect(session.balance).toBeNull();
    expect(session.taskId).toBeNull();
    expect(session.initial).toBeNull();
    await client.setState(session.sessionId, 'terminate');
  });

  it('runs follow-up tasks in one session and refuses a second task while one runs', async () => {
    const session = await client.startSession({});
    const first = await client.newTask(session.sessionId, {
      prompt: 'Find the weather in Lisbon [duration:5s]',
    });
    const second = await client.newTask(session.sessionId, {
      prompt: 'Now find the weather in Porto [duration:5s]',
    });
    expect(first).toMatchObject({ state: 'completed', sessionId: session.sessionId });
    expect(second).toMatchObject({ state: 'completed', sessionId: session.sessionId });
    expect(second.message).toContain('weather in Porto');
    expect(second.taskId).not.toBe(first.taskId);

    const long = await client.newTask(session.sessionId, {
      prompt: 'Read every review [duration:100s]',
    });
    expect(long.state).toBe('pending');
    expect(long.pollUrl).toBe(`${sb.url}/task/${session.sessionId}/${long.taskId}`);
    const busy = await failure(client.newTask(session.sessionId, { prompt: 'Something else' }));
    expect(busy).toMatchObject({
      kind: 'bad_request',
      status: 409,
      code: 'TASK_ALREADY_RUNNING',
      outcomeUnknown: false,
    });

    await client.setState(session.sessionId, 'stop');
    const stopped = await pollToEnd(client, { sessionId: session.sessionId, taskId: long.taskId });
    expect(stopped.state).toBe('failed');
    // Stop ends the task, not the session (§3).
    const after = await client.newTask(session.sessionId, { prompt: 'Last one [duration:5s]' });
    expect(after.state).toBe('completed');
    await client.setState(session.sessionId, 'terminate');
  });

  it('pauses (usage frozen) and resumes (usage grows again) a running task', async () => {
    const session = await client.startSession({}, { prompt: 'Summarise the news [duration:100s]' });
    expect(session.taskId).not.toBeNull();
    expect(session.initial).toMatchObject({
      state: 'pending',
      taskId: session.taskId,
      sessionId: session.sessionId,
    });
    const target = { sessionId: session.sessionId, taskId: session.taskId };
    await sleep(20);
    await client.setState(session.sessionId, 'pause');
    const pausedA = await client.pollTask(target);
    await sleep(40);
    const pausedB = await client.pollTask(target);
    expect(pausedA.state).toBe('running');
    expect(pausedB.usage).toEqual(pausedA.usage);
    await client.setState(session.sessionId, 'resume');
    const done = await pollToEnd(client, target);
    expect(done.state).toBe('completed');
    expect(done.usage!.total_tokens!).toBeGreaterThan(pausedA.usage!.total_tokens!);
    await client.setState(session.sessionId, 'terminate');
  });

  it('accepts every manual interaction and validates them before sending', async () => {
    const session = await client.startSession({}, { prompt: 'Fill the form [duration:100s]' });
    await client.interact(session.sessionId, { type: 'takeOverControl' });
    await client.interact(session.sessionId, { type: 'CLICK', x: 500, y: 300 });
    await client.interact(session.sessionId, { type: 'DOUBLE_CLICK', x: 10.4, y: 200 });
    await client.interact(session.sessionId, {
      type: 'TYPE',
      text: 'Hello world',
      humanLike: true,
    });
    await client.interact(session.sessionId, { type: 'KEY_PRESS', key: 'Enter' });
    // Taking over pauses the agent: its usage stays put until control is released.
    const held = await client.pollTask({ sessionId: session.sessionId, taskId: session.taskId });
    await sleep(30);
    expect(
      (await client.pollTask({ sessionId: session.sessionId, taskId: session.taskId })).usage,
    ).toEqual(held.usage);
    await client.interact(session.sessionId, { type: 'releaseControl' });
    const bad = await failure(
      client.interact(session.sessionId, { type: 'CLICK', x: Number.NaN, y: 1 }),
    );
    expect(bad.kind).toBe('bad_request');
    await client.setState(session.sessionId, 'terminate');
  });

  it('shows a task of a terminated session as terminated and forgets the session', async () => {
    const session = await client.startSession(
      {},
      { prompt: 'Watch the stock price [duration:100s]' },
    );
    await sleep(10);
    await client.setState(session.sessionId, 'terminate');
    const outcome = await client.pollTask({ sessionId: session.sessionId, taskId: session.taskId });
    expect(outcome).toMatchObject({ state: 'terminated', taskId: session.taskId });
    const gone = await failure(client.newTask(session.sessionId, { prompt: 'anything' }));
    expect(gone).toMatchObject({ kind: 'not_found', status: 404, code: 'SESSION_NOT_FOUND' });
  });

  it('expires an idle session after five (scaled) minutes', async () => {
    const session = await client.startSession({});
    await sleep(session.expiresIn! + 100);
    const gone = await failure(client.setState(session.sessionId, 'pause'));
    expect(gone).toMatchObject({ kind: 'not_found', code: 'SESSION_NOT_FOUND' });
  });

  it('uploads files and returns result files that really download', async () => {
    const uploaded = await client.uploadFiles(
      [
        { name: 'notes.txt', data: new TextEncoder().encode('hello'), type: 'text/plain' },
        { name: 'table.csv', data: new Blob(['a,b\n1,2\n'], { type: 'text/csv' }) },
      ],
      '683a1f2e4b0c1d2e3f4a5b6c',
    );
    expect(uploaded).toEqual([
      { fileId: expect.stringMatching(/^[0-9a-f]{24}$/), originalName: 'notes.txt', size: 5 },
      { fileId: expect.stringMatching(/^[0-9a-f]{24}$/), originalName: 'table.csv', size: 8 },
    ]);
    const outcome = await client.runTask({
      prompt: 'Export the sales table [files:2] [duration:5s]',
      files: uploaded.map((f) => f.fileId),
    });
    expect(outcome.state).toBe('completed');
    expect(outcome.files).toHaveLength(2);
    for (const file of outcome.files) {
      const res = await fetch(file.downloadUrl);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect((await res.text()).split('\n').length).toBeGreaterThan(1);
    }
    await expect(client.uploadFiles([])).rejects.toMatchObject({ kind: 'bad_request' });
  });

  it('maps a bad API key to auth (401) on every limited endpoint', async () => {
    const bad = clientFor('gen2', 'not-a-key');
    for (const call of [
      () => bad.runTask({ prompt: 'x' }),
      () => bad.startSession({}),
      () => bad.setState('abc', 'pause'),
    ]) {
      const error = await failure(call());
      expect(error).toMatchObject({
        kind: 'auth',
        status: 401,
        message: 'Invalid or revoked API key',
        outcomeUnknown: false,
      });
    }
  });

  it.each(['gen0', 'gen1', 'gen2'] as const)(
    'accepts %s request bodies on run-task, start-session, newTask and guardrail',
    async (generation) => {
      const gen = clientFor(generation);
      const startingUrl = `https://${generation}.example.org/start`;
      const ran = await gen.runTask({
        prompt: `Find zebra facts ${generation} [duration:5s]`,
        startingUrl,
      });
      expect(ran.state).toBe('completed');
      expect(ran.message).toContain(`Find zebra facts ${generation}`);
      // The first captured URL is the start URL: proof the sandbox read this generation's URL key.
      expect(ran.network[0]?.url).toBe(startingUrl);

      const session = await gen.startSession(
        { environmentId: '683a1f2e4b0c1d2e3f4a5b6c' },
        { prompt: `Open the ${generation} page [duration:5s]`, startingUrl },
      );
      const initial = await pollToEnd(gen, {
        sessionId: session.sessionId,
        taskId: session.taskId,
      });
      expect(initial.message).toContain(`Open the ${generation} page`);
      expect(initial.network[0]?.url).toBe(startingUrl);

      const asked = await gen.newTask(session.sessionId, {
        prompt: `Sign in ${generation} [guardrail] [duration:20s]`,
        startingUrl,
      });
      expect(asked).toMatchObject({
        state: 'needs_input',
        question: 'I need login credentials to proceed',
      });
      await gen.answerGuardrail(session.sessionId, 'pw', 'resume');
      const done = await pollToEnd(gen, { sessionId: session.sessionId, taskId: asked.taskId });
      expect(done.state).toBe('completed');
      expect(done.network[0]?.url).toBe(startingUrl);
      await gen.setState(session.sessionId, 'terminate');
    },
  );

  describe('rate limit', () => {
    let limited: SandboxHandle;
    beforeAll(async () => {
      limited = await startSandbox({
        timeScale: SCALE,
        expiryScale: SCALE,
        legacy,
        rateLimit: { max: 3, windowMs: 60_000 },
      });
    });
    afterAll(async () => {
      await limited.close();
    });

    it('answers 429 after the limit with Retry-After and X-RateLimit headers parsed', async () => {
      const unlimitedClient = new WebRunClient({
        baseUrl: limited.url,
        apiKey: KEY,
        limiter: null,
      });
      for (let i = 0; i < 3; i++) await unlimitedClient.startSession({});
      const before = Math.floor(Date.now() / 1000);
      const error = await failure(unlimitedClient.startSession({}));
      expect(error).toMatchObject({
        kind: 'rate_limited',
        status: 429,
        message: 'Rate limit exceeded. Please try again later.',
        outcomeUnknown: false,
      });
      expect(error.retryAfterMs).toBeGreaterThan(55_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(error.rateLimit).toMatchObject({ limit: 3, remaining: 0 });
      expect(error.rateLimit!.reset).toBeGreaterThanOrEqual(before + 59);
      expect(error.rateLimit!.reset).toBeLessThanOrEqual(before + 62);
      expect(error.transient).toBe(true);
      // Polls and health are not limited.
      expect((await unlimitedClient.health()).healthy).toBe(true);
    });
  });
});
