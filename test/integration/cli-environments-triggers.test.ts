// `webrun-desk env`, `triggers`, `import-runs` and `run --env` as a user runs them: a child
// process against a sandbox started here (so its environments and triggers outlive each
// command), with --json, --db and --base-url, real exit codes and WebRun's own messages.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { WebRunClient } from '../../src-main/core/webrun/client';
import { EnvironmentsClient } from '../../src-main/core/webrun/environments-client';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
const KEY = `wr_cli_env_${Date.now()}`;
const t = tempDir();
let sb: SandboxHandle;
beforeAll(async () => {
  // The trigger clock is stopped: at 0.001 a day passes in 86 s, so 'every day at 09:00' could
  // add a scheduled run while the test counts the one it ran by hand.
  sb = await startSandbox({ timeScale: 0.001, rateLimit: null, triggerClock: 'stopped' });
});
afterAll(async () => {
  await sb.close();
  t.cleanup();
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // `history` reads only the local database, so it takes no --base-url.
    const where = args[0] === 'history' ? [] : ['--base-url', sb.url];
    const child = spawn(process.execPath, [BIN, ...args, '--db', join(t.dir, 'cli.db'), ...where], {
      env: { ...process.env, WEBRUN_API_KEY: KEY, WEBRUN_DESK_DB: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function json<T>(args: string[]): Promise<T> {
  const { code, stdout, stderr } = await cli([...args, '--json']);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as T;
}

describe('webrun-desk env', () => {
  it('creates, lists, uploads and deletes environments with --json', async () => {
    const created = await json<{ id: string; name: string; status: string }>([
      'env',
      'create',
      'Work account',
      '--description',
      'CRM login',
    ]);
    expect(created).toMatchObject({
      name: 'Work account',
      description: 'CRM login',
      status: 'empty',
    });
    expect((await json<{ id: string }[]>(['env', 'list'])).map((e) => e.id)).toContain(created.id);

    const archive = join(t.dir, 'chrome-profile.tar.gz');
    writeFileSync(archive, Buffer.alloc(3 * 1024 * 1024 + 17, 1));
    const up = await cli(['env', 'upload', created.id, archive]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain('uploaded 100%');
    const listed = (
      await json<{ id: string; status: string; size: number }[]>(['env', 'list'])
    ).find((e) => e.id === created.id);
    expect(listed).toMatchObject({ status: 'ready', size: 3 * 1024 * 1024 + 17 });

    const zip = await cli(['env', 'upload', created.id, join(t.dir, 'profile.zip')]);
    expect(zip.code).toBe(2);
    expect(zip.stderr).toMatch(/not a \.tar\.gz or \.tgz archive/);

    expect((await cli(['env', 'delete', created.id])).code).toBe(0);
    const again = await cli(['env', 'delete', created.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Environment not found');
  });

  it('gives WebRun’s own message for the 21st environment, exit 1', async () => {
    const direct = new EnvironmentsClient(new WebRunClient({ baseUrl: sb.url, apiKey: KEY }));
    const have = (await direct.list()).length;
    for (let i = have; i < 20; i++) await direct.create(`filler ${i}`);
    const { code, stderr } = await cli(['env', 'create', 'one too many']);
    expect(code).toBe(1);
    expect(stderr).toContain('Maximum of 20 environments allowed');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    for (const env of await direct.list()) await direct.delete(env.id);
  });

  it('rejects a bad command line with exit 2', async () => {
    expect((await cli(['env', 'frobnicate'])).code).toBe(2);
    expect((await cli(['env', 'create'])).code).toBe(2);
  });
});

describe('webrun-desk triggers and import-runs', () => {
  it('creates a trigger, runs it, lists runs, imports them once, pauses, resumes and deletes', async () => {
    const env = await json<{ id: string }>(['env', 'create', 'Scheduled']);
    const created = await json<{ id: string; scheduleText: string; status: string }>([
      'triggers',
      'create',
      '--name',
      'Daily prices',
      '--env',
      env.id,
      '--prompt',
      'Check the kettle price [duration:5s]',
      '--cron',
      '0 9 * * *',
      '--timezone',
      'Europe/Paris',
    ]);
    expect(created).toMatchObject({
      scheduleText: 'every day at 09:00 Europe/Paris',
      status: 'active',
    });
    expect((await json<{ id: string }[]>(['triggers', 'list'])).map((x) => x.id)).toContain(
      created.id,
    );

    const run = await cli(['triggers', 'run', created.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Job triggered. Check runs endpoint for results.');
    let runs: { runs: { status: string; cost: number | null }[] } = { runs: [] };
    for (let i = 0; i < 100 && !runs.runs.some((r) => r.status === 'completed'); i++)
      runs = await json(['triggers', 'runs', created.id]);
    expect(runs.runs[0]).toMatchObject({ status: 'completed' });

    expect(await json(['import-runs'])).toEqual({ imported: 1, failed: [] });
    expect(await json(['import-runs'])).toEqual({ imported: 0, failed: [] });
    const history = await json<{ triggerId: string | null }[]>(['history']);
    expect(history.filter((task) => task.triggerId === created.id)).toHaveLength(1);

    expect((await cli(['triggers', 'pause', created.id])).code).toBe(0);
    const twice = await cli(['triggers', 'pause', created.id]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('Cannot pause a job with status "paused"');
    expect((await json<{ status: string }>(['triggers', 'resume', created.id])).status).toBe(
      'active',
    );
    expect((await cli(['triggers', 'delete', created.id])).code).toBe(0);
    expect((await cli(['triggers', 'delete', created.id])).stderr).toContain('Cron job not found');
    // A safety net, not a measure: this is fifteen CLI processes one after another, and on a
    // busy 2-core machine (a load of 15-20) each took 5-6 s to start and answer, past the
    // suite's 90 s (issue 30). What it waits on in the sandbox (a 5 s run at 0.001) is instant.
  }, 300_000);

  it('creates --every and --at triggers and refuses a missing or doubled schedule with exit 2', async () => {
    const env = await json<{ id: string }>(['env', 'create', 'More']);
    const every = await json<{ scheduleText: string }>([
      'triggers',
      'create',
      '--name',
      'n',
      '--env',
      env.id,
      '--prompt',
      'p',
      '--every',
      '30m',
    ]);
    expect(every.scheduleText).toBe('every 30 minutes');
    const at = await json<{ scheduleType: string }>([
      'triggers',
      'create',
      '--name',
      'n',
      '--env',
      env.id,
      '--prompt',
      'p',
      '--at',
      '2099-01-01T09:00:00Z',
    ]);
    expect(at.scheduleType).toBe('at');
    expect(
      (await cli(['triggers', 'create', '--name', 'n', '--env', env.id, '--prompt', 'p'])).code,
    ).toBe(2);
    expect(
      (
        await cli([
          'triggers',
          'create',
          '--name',
          'n',
          '--env',
          env.id,
          '--prompt',
          'p',
          '--every',
          '5m',
          '--cron',
          '* * * * *',
        ])
      ).code,
    ).toBe(2);
    expect(
      (
        await cli([
          'triggers',
          'create',
          '--name',
          'n',
          '--env',
          env.id,
          '--prompt',
          'p',
          '--every',
          'often',
        ])
      ).code,
    ).toBe(2);
    const missing = await cli([
      'triggers',
      'create',
      '--name',
      'n',
      '--env',
      '0123456789abcdef01234567',
      '--prompt',
      'p',
      '--every',
      '5m',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Environment not found');
  });

  it('runs a task in an environment with run --env, and the task records it', async () => {
    const env = await json<{ id: string }>(['env', 'create', 'For run']);
    const task = await json<{ status: string; id: string }>([
      'run',
      'Look at my orders [duration:2s]',
      '--env',
      env.id,
    ]);
    expect(task.status).toBe('completed');
    const listed = (await json<{ id: string; usageCount: number | null }[]>(['env', 'list'])).find(
      (e) => e.id === env.id,
    );
    expect(listed?.usageCount).toBe(1);
    const history = await json<{ id: string; environmentId: string | null }[]>(['history']);
    expect(history.find((h) => h.id === task.id)?.environmentId).toBe(env.id);
  });
});
