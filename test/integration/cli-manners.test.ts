// The CLI's manners as a person at a terminal meets them: --version, shell completion, "did you
// mean", errors as a sentence and the usage line, reading commands that refuse a history that
// does not exist, history as a table with short ids, spend labelled simulated, and a sandbox
// banner that names a key the sandbox accepts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../../src-main/contract/index';
import { createDesk } from '../../src-main/core/desk';
import { startSandbox } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
const VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  }
).version;
const t = tempDir('webrun-desk-cli-manners-');
afterAll(() => t.cleanup());

type Run = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: t.dir,
        WEBRUN_DESK_DB: join(t.dir, 'default.db'),
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

describe('webrun-desk manners', () => {
  it.each([['--version'], ['-v'], ['version']])(
    'prints the version for %s, exit 0',
    async (flag) => {
      const run = await cli([flag]);
      expect(run).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    },
  );

  it.each([
    [
      ['histroy'],
      'webrun-desk: unknown command "histroy"; did you mean "history"?',
      'Usage: webrun-desk <command> [options]',
    ],
    [
      ['run', 'x', '--jsn'],
      'webrun-desk: unknown option --jsn for run; did you mean --json?',
      'Usage: webrun-desk run "<prompt>" [options]',
    ],
    [
      ['history', '--limt', '3'],
      'webrun-desk: unknown option --limt for history; did you mean --limit?',
      'Usage: webrun-desk history [options]',
    ],
    [
      ['spend', '--days'],
      'webrun-desk: --days needs a value (--days N).',
      'Usage: webrun-desk spend [options]',
    ],
  ])(
    'answers %j with one sentence (and a suggestion) and the usage line, exit 2',
    async (args, sentence, usage) => {
      const run = await cli(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${sentence}\n${usage}\n`);
    },
  );

  it('completes commands and flags in bash, and prints zsh and fish scripts naming every command', async () => {
    const bash = await cli(['completion', 'bash']);
    expect(bash.code).toBe(0);
    const script = join(t.dir, 'webrun-desk.bash');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(script, bash.stdout);
    const complete = (words: string[]): string[] =>
      spawnSync(
        'bash',
        [
          '-c',
          `source "${script}"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _webrun_desk; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      )
        .stdout.split('\n')
        .filter(Boolean);
    expect(complete(['webrun-desk', 'hist'])).toEqual(['history']);
    expect(complete(['webrun-desk', 'run', '--st'])).toEqual(['--starting-url']);
    expect(complete(['webrun-desk', 'completion', 'z'])).toEqual(['zsh']);
    for (const shell of ['zsh', 'fish']) {
      const out = await cli(['completion', shell]);
      expect(out.code).toBe(0);
      for (const command of ['run', 'history', 'batch-status', 'mcp', 'completion'])
        expect(out.stdout).toContain(command);
    }
    const wrong = await cli(['completion', 'tcsh']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.split('\n')[0]).toBe(
      'webrun-desk: completion needs one shell: bash, zsh or fish, not "tcsh".',
    );
  });

  it.each([
    [['history']],
    [['spend']],
    [['export', '--format', 'csv']],
    [['check']],
    [['batches']],
    [['batch-status', 'b1']],
  ])(
    '%j refuses a history database that does not exist, creating nothing, exit 1',
    async (args) => {
      const missing = join(t.dir, 'mistyped', 'folder', 'history.db');
      const run = await cli([...args, '--db', missing]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `webrun-desk: There is no history database at ${missing}, so there is nothing to read; check --db or WEBRUN_DESK_DB (run, batch, serve and the app create one).\n`,
      );
      expect(existsSync(join(t.dir, 'mistyped'))).toBe(false);
    },
  );

  it('lists history under a header with short ids that --session takes, and labels sandbox spend simulated', async () => {
    const db = join(t.dir, 'table.db');
    const ran = await cli(['run', 'Find the ferry times [duration:30s]', '--json', '--db', db]);
    expect(ran.code, ran.stderr).toBe(0);
    const task = JSON.parse(ran.stdout) as { id: string; sessionId: string | null };
    const listed = await cli(['history', '--db', db]);
    const [header, row, ...rest] = listed.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+CREATED \(UTC\)\s+STATUS\s+COST\s+SESSION\s+PROMPT$/);
    expect(row!.split(/\s{2,}/)[0]).toBe(task.id.slice(0, 8));
    expect(row).toContain('Find the ferry times');
    expect(rest).toEqual([]);
    if (task.sessionId) {
      expect(row).toContain(task.sessionId.slice(0, 8));
      const bySession = await cli([
        'history',
        '--session',
        task.sessionId.slice(0, 8),
        '--json',
        '--db',
        db,
      ]);
      expect((JSON.parse(bySession.stdout) as { id: string }[]).map((x) => x.id)).toEqual([
        task.id,
      ]);
    }
    const spend = await cli(['spend', '--db', db]);
    expect(spend.stdout.split('\n')[0]).toMatch(
      /^Simulated: these tasks ran on the built-in sandbox/,
    );
    const json = await cli(['spend', '--json', '--db', db]);
    expect((JSON.parse(json.stdout) as { simulated: boolean }).simulated).toBe(true);
    const withKey = await cli(['spend', '--json', '--db', db], { WEBRUN_API_KEY: 'wr_real_key' });
    expect((JSON.parse(withKey.stdout) as { simulated: boolean }).simulated).toBe(false);
  }, 60_000);

  it('prints a sandbox banner whose example key the sandbox accepts, and refuses a key shorter than it says', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--time-scale', '0.01'], {
      env: { PATH: process.env.PATH ?? '', HOME: t.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const banner = await new Promise<string>((resolve) =>
        child.stdout.once('data', (c: Buffer) => resolve(String(c))),
      );
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
      const example = /for example (\S+?)\)/.exec(banner)![1]!;
      expect(banner).toContain('at least 4 letters, digits, _ or -');
      const status = async (key: string): Promise<number> =>
        (await fetch(`${url}/environments`, { headers: { authorization: `Bearer ${key}` } }))
          .status;
      expect(await status(example)).toBe(200);
      expect(await status('wr_x')).toBe(401);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('runs a follow-up in an open session named by the short id history shows', async () => {
    const sandbox = await startSandbox({ timeScale: 0.01 });
    const db = join(t.dir, 'session.db');
    const key = 'wr_session_short_id';
    try {
      const desk = await createDesk({
        dbPath: db,
        apiKey: key,
        baseUrl: sandbox.url,
        host: 'browser',
      });
      let sessionId: string;
      try {
        const first = (await desk.handlers['tasks.create']({
          prompt: 'Open the shop [duration:20s]',
          mode: 'session',
          keepSessionOpen: true,
          priority: 0,
          tags: [],
        })) as TaskView;
        sessionId = (await desk.waitForSettled(first.id)).sessionId!;
      } finally {
        await desk.close();
      }
      const run = await cli(
        [
          'run',
          'Add the kettle to the cart',
          '--session',
          sessionId.slice(0, 8),
          '--json',
          '--db',
          db,
        ],
        { WEBRUN_API_KEY: key, WEBRUN_BASE_URL: sandbox.url },
      );
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as { sessionId: string }).sessionId).toBe(sessionId);
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
