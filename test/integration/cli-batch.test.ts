// `webrun-desk batch`, `batches`, `batch-status` and `resume` as a user runs them: child
// processes, real files, real exit codes, and a SIGKILL in the middle of a batch.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
const KEY = 'wr_cli_batch_test';
/** The kill test's own key, so the sandbox's count is of its submissions only. */
const KILL_KEY = 'wr_cli_batch_kill';
const t = tempDir();
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.01, rateLimit: null, maxConcurrentSessions: 50 });
});
afterAll(async () => {
  await sandbox.close();
  t.cleanup();
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI against the shared sandbox; `killWhen` SIGKILLs it once stderr matches. */
function cli(args: string[], db: string, killWhen?: RegExp, key = KEY): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        WEBRUN_API_KEY: key,
        WEBRUN_BASE_URL: sandbox.url,
        WEBRUN_DESK_DB: db,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (killWhen && killWhen.test(stderr)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function rowsFile(name: string, n: number, prompt = ''): string {
  const path = join(t.dir, name);
  writeFileSync(
    path,
    [
      'product;shop',
      ...Array.from({ length: n }, (_, i) => `Kettle ${i}${prompt};shop${i}.example`),
    ].join('\n'),
  );
  return path;
}

describe('webrun-desk batch', () => {
  it('exits 2, sending nothing, when the template names a column the file does not have', async () => {
    const before = sandbox.submittedTasks(KEY);
    const run = await cli(
      ['batch', rowsFile('a.csv', 2), '--template', 'Price of {{product}} in {{country}}'],
      join(t.dir, 'a.db'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /\{\{country\}\}, which .* does not have \(its columns: product, shop\)/,
    );
    expect(sandbox.submittedTasks(KEY)).toBe(before);
  });

  it('exits 2 listing the lines with missing values', async () => {
    const path = join(t.dir, 'missing.csv');
    writeFileSync(path, 'product,shop\nKettle,a.example\n,b.example\n');
    const run = await cli(
      ['batch', path, '--template', 'Price of {{product}} on {{shop}}'],
      join(t.dir, 'm.db'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Line 3: no value for product/);
  });

  it('exits 2 in one sentence, sending nothing, for a file with only a header line or structured output without --schema', async () => {
    const before = sandbox.submittedTasks(KEY);
    const header = join(t.dir, 'header.csv');
    writeFileSync(header, 'product,shop\n');
    const empty = await cli(
      ['batch', header, '--template', 'Price of {{product}}'],
      join(t.dir, 'h.db'),
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/header\.csv has no rows below its header line/);
    expect(empty.stderr).not.toMatch(/Time:/);
    const noSchema = await cli(
      [
        'batch',
        rowsFile('ns.csv', 3),
        '--template',
        'Price of {{product}}',
        '--output-type',
        'structured_json',
      ],
      join(t.dir, 'ns.db'),
    );
    expect(noSchema.code).toBe(2);
    expect(noSchema.stderr.trim().split('\n')).toEqual([
      'webrun-desk: --output-type structured_json needs --schema FILE (a JSON Schema object; for structured_csv, a JSON list of column names).',
      'Usage: webrun-desk batch FILE [options]',
    ]);
    expect(sandbox.submittedTasks(KEY)).toBe(before);
  });

  it('a negative --budget is refused saying what is wrong, however it is written', async () => {
    const spaced = await cli(
      ['batch', rowsFile('nb.csv', 1), '--template', 'Price of {{product}}', '--budget', '-1'],
      join(t.dir, 'nb.db'),
    );
    expect(spaced.code).toBe(2);
    // The parser takes the value after a flag that needs one, dash or not: the range is what is wrong.
    expect(spaced.stderr).toContain('--budget must be a number from 0.0001 to 1000000, not "-1"');
    expect(spaced.stderr).not.toMatch(/XYZ|To specify/);
    const joined = await cli(
      ['batch', rowsFile('nb.csv', 1), '--template', 'Price of {{product}}', '--budget=-1'],
      join(t.dir, 'nb.db'),
    );
    expect(joined.code).toBe(2);
    expect(joined.stderr).toContain('--budget must be a number from 0.0001 to 1000000, not "-1"');
  });

  it('--dry-run prints every rendered prompt and the estimate, and sends nothing', async () => {
    const before = sandbox.submittedTasks(KEY);
    const run = await cli(
      [
        'batch',
        rowsFile('d.csv', 3),
        '--template',
        'Price of {{product}}',
        '--starting-url',
        'https://{{shop}}',
        '--dry-run',
      ],
      join(t.dir, 'd.db'),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('line 2: Price of Kettle 0  (starting at https://shop0.example)');
    expect(run.stdout).toContain('line 4: Price of Kettle 2');
    expect(run.stdout).toMatch(/no history yet/);
    expect(sandbox.submittedTasks(KEY)).toBe(before);
  });

  it('runs a batch, prints {batchId, counts, rows} with --json, writes --out, and lists it in batches', async () => {
    const db = join(t.dir, 'run.db');
    const out = join(t.dir, 'results.csv');
    const run = await cli(
      [
        'batch',
        rowsFile('r.csv', 4),
        '--template',
        'Price of {{product}} on {{shop}}',
        '--json',
        '--out',
        out,
      ],
      db,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      batchId: string;
      counts: { done: number };
      rows: { status: string; input: Record<string, string> }[];
    };
    expect(result.counts.done).toBe(4);
    expect(result.rows.map((r) => r.input.product)).toEqual([
      'Kettle 0',
      'Kettle 1',
      'Kettle 2',
      'Kettle 3',
    ]);
    // Not a terminal: progress comes as plain lines on stderr.
    expect(run.stderr).toMatch(/batch [0-9a-f]+: 4\/4: 4 done, 0 running, 0 waiting, 0 failed/);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe(
      'line,product,shop,status,cost,duration_s,answer,error,task_id',
    );
    const list = await cli(['batches', '--json'], db);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ id: result.batchId, state: 'finished' }),
    ]);
    const status = await cli(['batch-status', result.batchId, '--json'], db);
    expect(JSON.parse(status.stdout)).toMatchObject({
      batchId: result.batchId,
      counts: { done: 4 },
    });
    expect((await cli(['batch-status', 'nope'], db)).code).toBe(2);
  });

  it('exits 1 when a row fails', async () => {
    const path = join(t.dir, 'f.csv');
    writeFileSync(path, 'product\nKettle\nToaster [fail:NAVIGATION_TIMEOUT]\n');
    const run = await cli(
      ['batch', path, '--template', 'Price of {{product}}', '--json'],
      join(t.dir, 'f.db'),
    );
    expect(run.code).toBe(1);
    expect(
      (JSON.parse(run.stdout) as { rows: { status: string }[] }).rows.map((r) => r.status),
    ).toEqual(['completed', 'failed']);
  });

  it('continues a batch after a SIGKILL with resume, never sending a row twice', async () => {
    const db = join(t.dir, 'kill.db');
    const rows = 10;
    const killed = await cli(
      [
        'batch',
        rowsFile('k.csv', rows, ' [duration:60s]'),
        '--template',
        'Price of {{product}} on {{shop}}',
        '--concurrency',
        '2',
      ],
      db,
      /[3-9]\/10: /,
      KILL_KEY,
    );
    expect(killed.signal).toBe('SIGKILL');
    const inspect = <T>(read: (d: Database.Database) => T): T => {
      const d = new Database(db);
      try {
        return read(d);
      } finally {
        d.close();
      }
    };
    const sentBefore = inspect(
      (d) =>
        (
          d.prepare("SELECT count(*) AS n FROM batch_rows WHERE state = 'sent'").get() as {
            n: number;
          }
        ).n,
    );
    expect(sentBefore).toBeGreaterThan(0);
    expect(sentBefore).toBeLessThan(rows);

    const resumed = await cli(['resume'], db, undefined, KILL_KEY);
    expect([0, 4]).toContain(resumed.code);
    expect(resumed.stderr).toMatch(/Continuing 1 interrupted batch/);
    const { tasks, sent, distinctTasks, unknown, twice } = inspect((d) => ({
      tasks: (d.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n,
      sent: (
        d.prepare("SELECT count(*) AS n FROM batch_rows WHERE state = 'sent'").get() as {
          n: number;
        }
      ).n,
      distinctTasks: (
        d.prepare('SELECT count(DISTINCT task_id) AS n FROM batch_rows').get() as { n: number }
      ).n,
      unknown: (
        d.prepare("SELECT count(*) AS n FROM tasks WHERE status = 'unknown'").get() as { n: number }
      ).n,
      twice: d
        .prepare(
          "SELECT task_id FROM task_events WHERE to_status = 'submitting' GROUP BY task_id HAVING count(*) > 1",
        )
        .all(),
    }));
    expect({ tasks, sent, distinctTasks }).toEqual({
      tasks: rows,
      sent: rows,
      distinctTasks: rows,
    });
    expect(twice).toEqual([]);
    // WebRun (the sandbox) got each row at most once: exactly once, but for a row whose
    // submission the kill interrupted, which stays unknown and is not sent again.
    expect(sandbox.submittedTasks(KILL_KEY)).toBeLessThanOrEqual(rows);
    expect(sandbox.submittedTasks(KILL_KEY)).toBeGreaterThanOrEqual(rows - unknown);
    expect(resumed.code).toBe(unknown > 0 ? 4 : 0);
  }, 60_000);

  it('a row still waiting for a slot under the 10-a-minute limit when the process is killed is sent at resume, not left unknown', async () => {
    const db = join(t.dir, 'limit.db');
    const key = 'wr_cli_batch_limit';
    const rows = 12;
    const child = spawn(
      process.execPath,
      [
        BIN,
        'batch',
        rowsFile('l.csv', rows, ' [duration:20s]'),
        '--template',
        'Price of {{product}} on {{shop}}',
      ],
      {
        env: {
          ...process.env,
          WEBRUN_API_KEY: key,
          WEBRUN_BASE_URL: sandbox.url,
          WEBRUN_DESK_DB: db,
        },
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const completed = (): number => {
      try {
        const d = new Database(db, { readonly: true });
        try {
          return (
            d.prepare("SELECT count(*) AS n FROM tasks WHERE status = 'completed'").get() as {
              n: number;
            }
          ).n;
        } finally {
          d.close();
        }
      } catch {
        return 0; // not created yet
      }
    };
    // Ten rows reach WebRun and end at once; the desk's own copy of WebRun's limit holds the
    // other two back for the rest of the minute, and the kill comes while they wait.
    for (const deadline = Date.now() + 30_000; completed() < 10 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(completed()).toBe(10);
    expect(sandbox.submittedTasks(key)).toBe(10);
    child.kill('SIGKILL');
    await exited;

    const resumed = await cli(['resume'], db, undefined, key);
    const statuses = new Database(db, { readonly: true });
    const counts = statuses
      .prepare('SELECT status, count(*) AS n FROM tasks GROUP BY status')
      .all();
    statuses.close();
    expect(counts).toEqual([{ status: 'completed', n: rows }]);
    expect(resumed.code).toBe(0);
    expect(sandbox.submittedTasks(key)).toBe(rows);
  }, 120_000);
});
