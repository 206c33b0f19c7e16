// The CLI as a user runs it: a child process, real arguments, real exit codes.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
const t = tempDir();
afterAll(() => t.cleanup());

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, WEBRUN_API_KEY: '', WEBRUN_DESK_DB: join(t.dir, 'cli.db'), WEBRUN_SANDBOX_TIME_SCALE: '0.001', ...env },
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
    for (const command of ['serve', 'run', 'sandbox']) expect(stdout).toContain(`webrun-desk ${command}`);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['run'], /exactly one prompt/],
    [['run', 'x', '--no-such-flag'], /no-such-flag/],
    [['serve', '--port', 'eighty'], /--port must be a whole number/],
    [['run', 'x', '--starting-url', 'ftp://example.com'], /http/],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
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
});
