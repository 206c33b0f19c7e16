// `run` and `batch` on the built-in sandbox keep WebRun's expiry as every other host does:
// real time unless WEBRUN_SANDBOX_EXPIRY_SCALE says otherwise. Here it is scaled to 3 s, so a
// question nobody answers ends in seconds; a command that ignored the variable would wait the
// real 5 minutes and time the test out.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
const EXPIRED = 'The session expired after 3 s without activity.';
const t = tempDir();
afterAll(() => t.cleanup());
/** A command still waiting when its test gave up is ended with it, not left running. */
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

const ENV = {
  WEBRUN_API_KEY: '',
  WEBRUN_BASE_URL: '',
  WEBRUN_SANDBOX_TIME_SCALE: '0.01',
  // 5 min × 0.01 = 3 s.
  WEBRUN_SANDBOX_EXPIRY_SCALE: '0.01',
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], db: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...ENV, WEBRUN_DESK_DB: db },
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => {
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The CLI on a terminal (util-linux `script` gives it a pseudo-terminal), so `run` asks the
 * question there and waits for a person; nothing is typed. Output is stdout and stderr merged.
 */
function onTerminal(args: string[], db: string): Promise<{ code: number | null; output: string }> {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`);
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', quoted.join(' '), '/dev/null'], {
      env: { ...process.env, ...ENV, WEBRUN_DESK_DB: db },
    });
    children.add(child);
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    // No `script` (util-linux) on this machine: say so rather than time out.
    child.on('error', reject);
    child.on('exit', (code) => {
      children.delete(child);
      resolve({ code, output });
    });
  });
}

describe('expiry of a question on the built-in sandbox', () => {
  it('batch: a row whose question nobody answers ends when the scaled expiry passes', async () => {
    const rows = join(t.dir, 'rows.csv');
    writeFileSync(rows, 'product\nKettle\n');
    const run = await cli(
      [
        'batch',
        rows,
        '--template',
        'Log in for {{product}} [guardrail:I need a password]',
        '--json',
      ],
      join(t.dir, 'batch.db'),
    );
    expect(run.code).toBe(1);
    const rowsOut = (JSON.parse(run.stdout) as { rows: { status: string; error: string }[] }).rows;
    expect(rowsOut).toEqual([expect.objectContaining({ error: EXPIRED })]);
  }, 60_000);

  it('run: a question asked on the terminal that nobody answers ends the run when it expires', async () => {
    const { code, output } = await onTerminal(
      ['run', 'Log in [guardrail:I need a password]'],
      join(t.dir, 'run.db'),
    );
    expect(output).toContain('The agent asks: I need a password');
    // It ends on its own, with the reason, instead of waiting at the prompt for a dead question.
    expect(output).toMatch(/reason: [A-Z_]+: The session expired after 3 s without activity\./);
    expect(code).toBe(1);
  }, 60_000);
});
