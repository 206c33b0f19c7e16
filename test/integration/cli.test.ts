// The CLI as a user runs it: a child process, real arguments, real exit codes.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cpSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
const t = tempDir();
afterAll(() => t.cleanup());

let faulty: SandboxHandle;
beforeAll(async () => {
  faulty = await startSandbox({ timeScale: 0.001, faults: true });
});
afterAll(async () => {
  await faulty.close();
});

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        WEBRUN_API_KEY: '',
        WEBRUN_DESK_DB: join(t.dir, 'cli.db'),
        WEBRUN_SANDBOX_TIME_SCALE: '0.001',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('webrun-desk CLI', () => {
  it('lists its commands with --help', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'run', 'sandbox'])
      expect(stdout).toContain(`webrun-desk ${command}`);
  });

  it('says in one line to run npm run build when its bundle is missing, exit 1', async () => {
    // The bin alone in a folder with no out/: what a clone that was never built looks like.
    const bare = join(t.dir, 'bare/bin/webrun-desk.mjs');
    cpSync(BIN, bare);
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = spawn(process.execPath, [bare, '--help']);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('run `npm run build`'),
    ]);
  });

  it.each(['run', 'resume', 'history', 'spend', 'export', 'sessions', 'serve', 'sandbox'])(
    'answers %s --help and -h with its own usage, exit 0',
    async (command) => {
      const [long, short] = await Promise.all([
        cli([command, '--help']),
        cli([command, 'x', '-h']),
      ]);
      for (const { code, stdout, stderr } of [long, short]) {
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(stdout).toMatch(new RegExp(`^Usage: webrun-desk ${command}\\b`));
        expect(stdout).not.toContain('Environment:'); // its own usage, not the whole help
      }
      expect(short.stdout).toBe(long.stdout);
    },
  );

  it.each(['run', 'resume', 'sessions', 'serve'])(
    'accepts --base-url on %s and refuses one that is not http(s)',
    async (command) => {
      const args = command === 'run' ? ['run', 'x'] : [command];
      const { code, stderr } = await cli([...args, '--base-url', 'ftp://example.com']);
      expect(stderr.trim().split('\n')).toEqual([
        'webrun-desk: --base-url must be an http(s) URL.',
        expect.stringMatching(new RegExp(`^Usage: webrun-desk ${command}\\b`)),
      ]);
      expect(code).toBe(2);
    },
  );

  it('talks to the --base-url backend from resume and sessions', async () => {
    const db = join(t.dir, 'base-url.db');
    const key = 'wr_cli_base_url_test';
    const run = await cli(
      [
        'run',
        'Count the stars [duration:60s]',
        '--no-wait',
        '--json',
        '--db',
        db,
        '--base-url',
        faulty.url,
      ],
      { WEBRUN_API_KEY: key },
    );
    expect(run.code).toBe(0);
    expect(faulty.submittedTasks(key)).toBe(1);
    const resumed = await cli(['resume', '--json', '--db', db, '--base-url', faulty.url], {
      WEBRUN_API_KEY: key,
    });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject([{ status: 'completed' }]);
    const sessions = await cli(['sessions', '--json', '--db', db, '--base-url', faulty.url], {
      WEBRUN_API_KEY: key,
    });
    expect(sessions.code).toBe(0);
    expect(faulty.submittedTasks(key)).toBe(1); // resume followed the task, never resent it
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['run'], /exactly one prompt/],
    [['run', 'x', '--no-such-flag'], /no-such-flag/],
    [['serve', '--port', 'eighty'], /--port must be a whole number/],
    [['run', 'x', '--starting-url', 'ftp://example.com'], /http/],
  ])('rejects %j with one sentence, the usage line and exit code 2', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    const [sentence, usage, ...more] = stderr.trim().split('\n');
    expect(sentence).toMatch(message);
    expect(sentence).toMatch(/^webrun-desk: [^\n]+[.?]$/);
    expect(usage).toMatch(/^Usage: webrun-desk /);
    expect(more).toEqual([]);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('runs a task on the sandbox and prints it as JSON, exit 0', async () => {
    const { code, stdout, stderr } = await cli(['run', 'Find the weather in Lisbon', '--json']);
    expect(stderr).toContain('built-in sandbox');
    expect(code).toBe(0);
    const task = JSON.parse(stdout) as { status: string; usage: { cost: number } };
    expect(task.status).toBe('completed');
    expect(task.usage.cost).toBeGreaterThan(0);
  });

  it('exits 1 when the task fails, with the reason', async () => {
    const { code, stdout } = await cli(['run', 'Open the page [fail:NAVIGATION_TIMEOUT]']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^failed/);
    expect(stdout).toMatch(/Navigation timeout/i);
  });

  it('prints every documented field in --json', async () => {
    const { code, stdout } = await cli([
      'run',
      'Download the reports [files:2] [network:5]',
      '--json',
      '--db',
      join(t.dir, 'json.db'),
    ]);
    expect(code).toBe(0);
    const task = JSON.parse(stdout) as Record<string, unknown> & {
      usage: Record<string, unknown>;
      network: unknown[];
      files: { localPath: string | null }[];
    };
    expect(Object.keys(task).sort()).toEqual([
      'costSource',
      'error',
      'files',
      'id',
      'message',
      'network',
      'sessionId',
      'status',
      'taskId',
      'usage',
    ]);
    expect(Object.keys(task.usage).sort()).toEqual([
      'completion_time',
      'completion_tokens',
      'cost',
      'prompt_tokens',
      'total_tokens',
    ]);
    expect(task).toMatchObject({ status: 'completed', costSource: 'reported', error: null });
    expect(task.network.length).toBeGreaterThanOrEqual(5);
    expect(task.files).toHaveLength(2);
    // The files were copied next to the history, so they outlive WebRun's links.
    for (const f of task.files) expect(f.localPath).toContain(join(t.dir, 'files'));
  });

  it('exits 3 when the agent asks a question and there is nobody to ask', async () => {
    const { code, stdout } = await cli([
      'run',
      'Log in [guardrail:I need login credentials]',
      '--json',
    ]);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'needs_input', error: null });
  });

  it('answers the question with --answer and completes, never printing the answer', async () => {
    const { code, stdout, stderr } = await cli([
      'run',
      'Log in [guardrail:I need login credentials]',
      '--answer',
      'pw-s3cret-42',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'completed' });
    expect(stdout + stderr).not.toContain('pw-s3cret-42');
  });

  it('exits 4 when the submission got no answer, and never resubmits it', async () => {
    faulty.faults!.inject('POST /start/run-task', { type: 'reset' });
    const key = 'wr_cli_unknown_test';
    const { code, stdout } = await cli(
      ['run', 'Buy the ticket', '--json', '--base-url', faulty.url],
      { WEBRUN_API_KEY: key },
    );
    expect(code).toBe(4);
    expect(JSON.parse(stdout)).toMatchObject({
      status: 'unknown',
      error: { code: 'OUTCOME_UNKNOWN' },
    });
    expect(faulty.submittedTasks(key)).toBe(1);
  });

  it('lists history, sums spend and exports, from the same database', async () => {
    const db = join(t.dir, 'reports.db');
    await cli(['run', 'First [cost:0.25]', '--db', db]);
    await cli(['run', 'Second [cost:0.5] [fail:PAGE_CRASH]', '--db', db]);
    const history = await cli(['history', '--json', '--db', db]);
    expect(history.code).toBe(0);
    expect((JSON.parse(history.stdout) as { prompt: string }[]).map((x) => x.prompt)).toEqual([
      'Second [cost:0.5] [fail:PAGE_CRASH]',
      'First [cost:0.25]',
    ]);
    const failed = await cli(['history', '--status', 'failed', '--json', '--db', db]);
    expect(JSON.parse(failed.stdout)).toHaveLength(1);
    const spend = await cli(['spend', '--json', '--db', db]);
    const summary = JSON.parse(spend.stdout) as { budget: { today: number } };
    expect(summary.budget.today).toBeCloseTo(
      0.25 + (JSON.parse(failed.stdout) as { usage: { cost: number } | null }[])[0]!.usage!.cost,
      6,
    );
    const exported = await cli(['export', '--format', 'csv', '--db', db]);
    expect(exported.stdout.split('\r\n')[0]).toMatch(/^id,createdAt,status,prompt/);
    expect(exported.stdout.trim().split('\r\n')).toHaveLength(3);
    const sessions = await cli(['sessions', '--json', '--db', db]);
    expect(sessions.code).toBe(0);
    expect(Array.isArray(JSON.parse(sessions.stdout))).toBe(true);
  });

  it('checks the history database in the worker bundled beside it, exit 0', async () => {
    const db = join(t.dir, 'checked.db');
    await cli(['run', 'Checked [cost:0.1]', '--db', db]);
    // The worker is found next to out/cli/main.mjs: a missing one would be state "error", exit 1.
    const json = await cli(['check', '--json', '--db', db]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      state: 'ok',
      problems: [],
      durationMs: expect.any(Number),
    });
    const text = await cli(['check', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^History database .*checked\.db: ok \(quick_check in \d+ ms\)\n$/);
  });

  it.each([
    [['history', '--status', 'lost'], /unknown status "lost"/],
    [['history', '--from', 'yesterday'], /--from must be a date/],
    [['export'], /--format must be csv or json/],
    [['spend', '--days', '0'], /--days must be a whole number/],
    [['run', 'x', '--output-type', 'xml'], /--output-type must be/],
    [['run', 'x', '--output-type', 'structured_json'], /needs a schema/],
    [['run', 'x', '--schema', '/nonexistent/schema.json'], /cannot read --schema/],
    [['run', 'x', '--max-duration', '10'], /--max-duration must be/],
  ])('rejects %j with exit code 2', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('runs structured JSON with a schema file', async () => {
    const schema = join(t.dir, 'schema.json');
    writeFileSync(
      schema,
      JSON.stringify({ type: 'object', properties: { hours: { type: 'string' } } }),
    );
    const { code, stdout } = await cli([
      'run',
      'Opening hours of the Louvre',
      '--output-type',
      'structured_json',
      '--schema',
      schema,
      '--json',
    ]);
    expect(code).toBe(0);
    const message = (JSON.parse(stdout) as { message: string }).message;
    expect(() => JSON.parse(message)).not.toThrow();
  });
});
