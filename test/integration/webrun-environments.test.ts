// The environments and profiles client against the sandbox over real HTTP: every endpoint,
// every documented error, the profiles' own rate limit, environmentId (and Gen1's profileId)
// on run-task and start-session, and what environments are for: logging in once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { WebRunClient } from '../../src-main/core/webrun/client';
import { EnvironmentsClient } from '../../src-main/core/webrun/environments-client';
import { SlidingWindowLimiter } from '../../src-main/core/webrun/rate-limiter';
import { failure } from '../helpers/webrun-failure';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ timeScale: 0.001, expiryScale: 0.001, rateLimit: null });
});
afterAll(async () => {
  await sb.close();
});

let n = 0;
function clients(
  options: {
    key?: string;
    api?: 'environments' | 'profiles';
    generation?: 'gen1' | 'gen2';
    limiter?: SlidingWindowLimiter | null;
  } = {},
) {
  const http = new WebRunClient({
    baseUrl: sb.url,
    apiKey: options.key ?? `wr_env_test_${++n}_${Date.now()}`,
    generation: options.generation,
  });
  return {
    http,
    envs: new EnvironmentsClient(http, options.api ?? 'environments', {
      profileLimiter: options.limiter,
    }),
  };
}

const archive = (name = 'profile.tar.gz', bytes = 2048) => ({
  name,
  data: new Uint8Array(bytes).fill(7),
});

async function finalOutcome(
  http: WebRunClient,
  ids: { sessionId: string | null; taskId: string | null },
) {
  for (let i = 0; i < 500; i++) {
    const outcome = await http.pollTask(ids);
    if (outcome.state !== 'running' && outcome.state !== 'pending') return outcome;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('task never settled');
}

describe('environments', () => {
  it('creates, lists, deletes, with the documented bodies', async () => {
    const { envs } = clients();
    const created = await envs.create('Work account', 'logged into the CRM');
    expect(created).toMatchObject({
      name: 'Work account',
      description: 'logged into the CRM',
      status: 'empty',
    });
    expect(created.id).toMatch(/^[a-f0-9]{24}$/);
    expect((await envs.list()).map((e) => e.id)).toEqual([created.id]);
    await envs.delete(created.id);
    expect(await envs.list()).toEqual([]);
    const gone = await failure(envs.delete(created.id));
    expect(gone).toMatchObject({
      kind: 'not_found',
      status: 404,
      message: 'Environment not found',
    });
  });

  it('refuses a missing name and a 21st environment with WebRun’s messages', async () => {
    const { envs } = clients();
    expect((await failure(envs.create('  '))).message).toBe('Environment name is required');
    for (let i = 0; i < 20; i++) await envs.create(`env ${i}`);
    const over = await failure(envs.create('one too many'));
    expect(over).toMatchObject({
      kind: 'bad_request',
      status: 400,
      message: 'Maximum of 20 environments allowed',
    });
  });

  it('uploads a .tar.gz profile (ready, with its size) and refuses anything else before sending', async () => {
    const { http, envs } = clients();
    const env = await envs.create('upload');
    const uploaded = await envs.upload(env.id, archive('chrome.tgz', 4096));
    expect(uploaded).toMatchObject({ id: env.id, status: 'ready', blobSize: 4096 });
    expect(uploaded.blobUploadedAt).not.toBeNull();
    let sent = 0;
    const counting = new EnvironmentsClient({
      baseUrl: http.baseUrl,
      timeouts: http.timeouts,
      request: (r) => (sent++, http.request(r)),
    });
    const refused = await failure(counting.upload(env.id, archive('profile.zip')));
    expect(refused.kind).toBe('bad_request');
    expect(refused.message).toMatch(/Only \.tar\.gz files are allowed/);
    expect(sent).toBe(0);
  });

  it('answers the upload errors itself when a client sends a wrong archive or none', async () => {
    const { envs } = clients();
    const env = await envs.create('raw');
    const key = `wr_env_raw_${Date.now()}`;
    const own = clients({ key });
    const mine = await own.envs.create('mine');
    const form = new FormData();
    form.append('file', new Blob(['x']), 'profile.zip');
    const post = (body: FormData) =>
      fetch(`${sb.url}/environments/${mine.id}/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}` },
        body,
      });
    expect(await (await post(form)).json()).toEqual({
      success: false,
      message: 'Only .tar.gz files are allowed',
    });
    const empty = new FormData();
    empty.append('other', 'x');
    const none = await post(empty);
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({ success: false, message: 'No file provided' });
    // Someone else's environment is not found, not forbidden: its existence is not revealed.
    expect((await failure(own.envs.upload(env.id, archive()))).message).toBe(
      'Environment not found',
    );
  });

  it('lists and deletes the files uploaded with an environmentId', async () => {
    const { http, envs } = clients();
    const env = await envs.create('files');
    const [file] = await http.uploadFiles(
      [{ name: 'invoice.pdf', data: new Uint8Array(300) }],
      env.id,
    );
    const files = await envs.files(env.id);
    expect(files).toEqual([
      {
        fileId: file!.fileId,
        originalName: 'invoice.pdf',
        size: 300,
        createdAt: expect.any(String),
      },
    ]);
    await envs.deleteFile(env.id, file!.fileId);
    expect(await envs.files(env.id)).toEqual([]);
    expect((await failure(envs.deleteFile(env.id, file!.fileId))).message).toBe('File not found');
    expect((await failure(envs.files('0123456789abcdef01234567'))).message).toBe(
      'Environment not found',
    );
  });

  it('gives the documented 401 for a bad key', async () => {
    const { envs } = clients({ key: 'not-a-key' });
    expect(await failure(envs.list())).toMatchObject({
      kind: 'auth',
      status: 401,
      message: 'Invalid or revoked API key',
    });
  });
});

describe('profiles', () => {
  it('speaks the profile vocabulary: create, list newest first, download, delete', async () => {
    const { envs } = clients({ api: 'profiles' });
    const first = await envs.create('first');
    const second = await envs.create('second', 'with a description');
    expect(second).toMatchObject({ status: 'empty', blobSize: 0, usageCount: 0 });
    expect((await envs.list()).map((p) => p.name)).toEqual(['second', 'first']);
    expect((await failure(envs.downloadUrl(first.id))).message).toBe(
      'Profile has no data to download',
    );
    await envs.upload(first.id, archive());
    expect(await envs.downloadUrl(first.id)).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/.+\.tar\.gz\?sig=/,
    );
    await envs.delete(first.id);
    expect((await failure(envs.delete(first.id))).message).toBe('Profile not found');
    expect((await failure(envs.create(''))).message).toBe('Profile name is required');
  });

  it('refuses a 21st profile and a key without task:create', async () => {
    const { envs } = clients({ api: 'profiles' });
    for (let i = 0; i < 20; i++) await envs.create(`p${i}`);
    expect((await failure(envs.create('p20'))).message).toBe('Maximum of 20 profiles allowed');
    const readonly = clients({ api: 'profiles', key: `wr_readonly_${Date.now()}` });
    expect(await failure(readonly.envs.list())).toMatchObject({
      kind: 'forbidden',
      status: 403,
      message: 'API key missing required permission: task:create',
    });
  });

  it('counts profile requests against their own limit, 100 per 15 minutes per IP, and only those', async () => {
    const limited = await startSandbox({ timeScale: 0.001, expiryScale: 0.001, rateLimit: null });
    try {
      const limiter = new SlidingWindowLimiter({ max: 1000, windowMs: 15 * 60_000 });
      const http = new WebRunClient({ baseUrl: limited.url, apiKey: 'wr_rate_profiles' });
      const profiles = new EnvironmentsClient(http, 'profiles', { profileLimiter: limiter });
      const environments = new EnvironmentsClient(http, 'environments', {
        profileLimiter: limiter,
      });
      await environments.list();
      expect(limiter.inWindow()).toBe(0);
      for (let i = 0; i < 100; i++) await profiles.list();
      expect(limiter.inWindow()).toBe(100);
      const refused = await failure(profiles.list());
      expect(refused).toMatchObject({
        kind: 'rate_limited',
        status: 429,
        message: 'Rate limit exceeded. Please try again later.',
      });
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.rateLimit?.limit).toBe(100);
      // Environments are not under the profiles' limit.
      await environments.list();
    } finally {
      await limited.close();
    }
  });

  it('keeps its client-side copy of the limit at 100 per 15 minutes', () => {
    const { envs } = clients({ api: 'profiles' });
    const limiter = (envs as unknown as { profileLimiter: { max: number; windowMs: number } })
      .profileLimiter;
    expect(limiter).toMatchObject({ max: 100, windowMs: 900_000 });
  });
});

describe('environmentId on run-task and start-session', () => {
  it('binds a task to its environment (used count and time); an unknown one runs in a fresh browser', async () => {
    const { http, envs } = clients({ api: 'profiles' });
    const env = await envs.create('bound');
    const outcome = await http.runTask(
      { prompt: 'Look at my dashboard [duration:2s]' },
      { environmentId: env.id },
    );
    expect(outcome.state).toBe('completed');
    const session = await http.startSession({ environmentId: env.id });
    expect(session.sessionId).toBeTruthy();
    const [after] = await envs.list();
    expect(after).toMatchObject({ usageCount: 2 });
    expect(after!.lastUsedAt).not.toBeNull();
    // WebRun does not document an error for an unknown environment on these endpoints.
    expect(
      (
        await http.runTask(
          { prompt: 'x [duration:1s]' },
          { environmentId: '0123456789abcdef01234567' },
        )
      ).state,
    ).toBe('completed');
    expect(
      (await http.startSession({ environmentId: '0123456789abcdef01234567' })).sessionId,
    ).toBeTruthy();
    expect((await envs.list())[0]).toMatchObject({ usageCount: 2 });
  });

  it('Gen1: environmentId on run-task, and profileId beside it on start-session (§7.12)', async () => {
    const { http, envs } = clients({ generation: 'gen1', api: 'profiles' });
    const env = await envs.create('gen1');
    await http.runTask({ prompt: 'Gen1 task [duration:1s]' }, { environmentId: env.id });
    await http.startSession({ environmentId: env.id });
    expect((await envs.list())[0]).toMatchObject({ usageCount: 2 });
  });
});

describe('an environment stays logged in', () => {
  const prompt = 'Check my latest orders on shop.example.com [login] [duration:10s]';

  async function runAndAnswer(http: WebRunClient, environmentId: string | null) {
    const first = await http.runTask({ prompt }, { environmentId });
    if (first.state !== 'needs_input')
      return {
        asked: null,
        final: first.state === 'completed' ? first : await finalOutcome(http, first),
      };
    await http.answerGuardrail(first.sessionId!, 'user@example.com / hunter2', 'resume');
    return { asked: first.question, final: await finalOutcome(http, first) };
  }

  it('asks for the login once per environment, and not again in later tasks with it', async () => {
    const { http, envs } = clients();
    const env = await envs.create('shop');
    const other = await envs.create('other');

    const first = await runAndAnswer(http, env.id);
    expect(first.asked).toBe('I need login credentials for shop.example.com to proceed');
    expect(first.final.state).toBe('completed');

    // The run-task session ended, so the profile was saved back with the login.
    const second = await runAndAnswer(http, env.id);
    expect(second.asked).toBeNull();
    expect(second.final.state).toBe('completed');

    // Another environment, or none, has never logged in.
    expect((await runAndAnswer(http, other.id)).asked).toMatch(/shop\.example\.com/);
    expect((await runAndAnswer(http, null)).asked).toMatch(/shop\.example\.com/);
    expect((await envs.list()).find((e) => e.id === env.id)?.status).toBe('ready');
  });

  it('asks again when forced with [login:always] (an expired login)', async () => {
    const { http, envs } = clients();
    const env = await envs.create('forced');
    await runAndAnswer(http, env.id);
    const forced = await http.runTask(
      { prompt: 'Check my orders on shop.example.com [login:always] [duration:10s]' },
      { environmentId: env.id },
    );
    expect(forced.state).toBe('needs_input');
  });

  it('does not remember a login that was refused (stop)', async () => {
    const { http, envs } = clients();
    const env = await envs.create('refused');
    const first = await http.runTask({ prompt }, { environmentId: env.id });
    await http.answerGuardrail(first.sessionId!, 'no', 'stop');
    await finalOutcome(http, first);
    expect((await http.runTask({ prompt }, { environmentId: env.id })).state).toBe('needs_input');
  });
});
