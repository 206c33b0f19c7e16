// Random input at every door: each contract method through dispatch() (the code both IPC and
// HTTP run), the browser-mode HTTP server itself, and the CLI's argument parser. Invalid input
// must get a validation envelope or a usage error: never a crash, never `internal`, never a
// 500, and never a write to the database. (The normaliser and the socket-event parser have
// their own property tests in test/unit.)
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/contract/dispatch';
import { ERROR_CODES, METHOD_NAMES, type DeskHandlers } from '../../src-main/contract/index';
import { UsageError } from '../../src-main/cli/args';
import { parseRunArgs } from '../../src-main/cli/run-command';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startBrowserServer, type BrowserServer } from '../../src-main/web/server';
import { tempDir } from '../helpers/temp';
import { cli, isSentenceAndUsage } from './support';

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 1_000);
const t = tempDir('webrun-fuzz-');
const dbPath = join(t.dir, 'history.db');
let desk: Desk;
let server: BrowserServer;
let watcher: Database.Database;

beforeAll(async () => {
  // Concurrency 0: a valid random call may create a task, but nothing is ever sent, so no
  // background write can blur the "no write for invalid input" check.
  desk = await createDesk({
    dbPath,
    host: 'browser',
    rateLimit: null,
    sandbox: { timeScale: 0.001 },
    runner: { concurrency: () => 0 },
  });
  server = await startBrowserServer({ desk, staticRoot: null });
  watcher = new Database(dbPath, { readonly: true });
});
afterAll(async () => {
  watcher.close();
  await server.close();
  await desk.close();
  t.cleanup();
});

/**
 * What the user's data holds, as one string. SQLite's data_version changed with any commit,
 * and a live desk writes on its own (its host lease's heartbeat, the integrity check's record),
 * which under load landed between "before" and "after" of a refused call; those are left out.
 */
const BACKGROUND = new Set(['desk_hosts', 'task_holders']);
const dataVersion = (): string => {
  const tables = watcher
    .prepare(
      "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all() as { name: string; wr: number }[];
  const withoutRowid = new Set(tables.filter((t) => t.wr === 1).map((t) => t.name));
  return JSON.stringify(
    tables
      .map((t) => t.name)
      .filter((name) => !BACKGROUND.has(name) && !name.startsWith('tasks_fts'))
      .map((name) =>
        name === 'settings'
          ? watcher.prepare("SELECT * FROM settings WHERE key != 'integrity' ORDER BY key").all()
          : // Rows added or removed, and (tasks) rows changed: cheap enough for a thousand calls.
            watcher
              .prepare(
                `SELECT count(*)${withoutRowid.has(name) ? '' : ', max(rowid)'}${name === 'tasks' ? ', max(updated_at)' : ''} FROM "${name}"`,
              )
              .raw()
              .get(),
      ),
  );
};

const FIELDS = [
  'prompt',
  'startingUrl',
  'options',
  'mode',
  'sessionId',
  'keepSessionOpen',
  'priority',
  'tags',
  'costCap',
  'id',
  'ids',
  'answer',
  'before',
  'limit',
  'filter',
  'format',
  'tzOffsetMinutes',
  'days',
  'runner',
  'budget',
  'status',
  'outputType',
  'outputSchema',
  'maxDuration',
  'files',
  'concurrency',
  'dailyCap',
  '__proto__',
  'constructor',
];
const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'x'.repeat(100_001),
  'javascript:alert(1)',
  'ftp://x',
  'http://',
  '../../etc/passwd',
  '{"a":',
  'NaN',
  '-0',
  '1e309',
  '\ud800',
  'DROP TABLE tasks;--',
);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nasty,
  fc.double(),
  fc.integer(),
  fc.constant(undefined),
);
/** Random JSON, and objects with the contract's own field names holding random values. */
const input = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 5 }),
  fc.dictionary(
    fc.constantFrom(...FIELDS),
    fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 3 }),
    { maxKeys: 3 },
  ),
);

function wellFormed(envelope: unknown): void {
  const e = envelope as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (e.ok === true) expect(Object.keys(e).sort()).toEqual(['ok', 'value']);
  else {
    expect(e.ok).toBe(false);
    expect(ERROR_CODES).toContain(e.error!.code);
    expect(e.error!.message).toEqual(expect.any(String));
    expect(e.error!.code).not.toBe('internal');
  }
}

describe('every contract method with random input', () => {
  it.each([...METHOD_NAMES])(
    '%s: a validation envelope or a well-formed answer, and no write when invalid',
    async (method) => {
      let reached = false;
      const spy = new Proxy(desk.handlers, {
        get: (target, key) => ((reached = true), target[key as keyof DeskHandlers]),
      });
      await fc.assert(
        fc.asyncProperty(input, async (raw) => {
          reached = false;
          const before = dataVersion();
          const envelope = await dispatch(spy, method, raw);
          wellFormed(envelope);
          if (!envelope.ok && envelope.error.code === 'invalid_input') {
            expect(reached).toBe(false); // the core was never called
            expect(dataVersion()).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
    },
  );
});

interface Reply {
  status: number;
  body: string;
}
function post(path: string, body: string, contentType: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: 'POST',
        headers: {
          'Content-Type': contentType,
          Authorization: `Bearer ${server.token}`,
          Origin: server.origin,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the browser-mode HTTP server with random requests', () => {
  it(`answers ${RUNS} random calls with a JSON envelope, never a 500, and no write when refused`, async () => {
    const name = fc.oneof(
      fc.constantFrom(...METHOD_NAMES),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
      fc.constantFrom('..%2F..%2Fetc', 'tasks.create%00', '%2e%2e'),
    );
    const body = fc.oneof(
      input.map((v) => JSON.stringify(v) ?? ''),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{"prompt":', '\u0000', '[]', 'null', '"x"'),
    );
    const type = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
    );
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(name, body, type, async (method, text, contentType) => {
        const before = dataVersion();
        const reply = await post(`/api/${method}`, text, contentType);
        statuses.add(reply.status);
        expect(reply.status).toBeLessThan(500);
        const envelope = JSON.parse(reply.body) as { ok: boolean };
        wellFormed(envelope);
        if (!envelope.ok && reply.status !== 409 && reply.status !== 404)
          expect(dataVersion()).toBe(before);
      }),
      { numRuns: RUNS },
    );
    expect(statuses.has(400)).toBe(true);
  });

  it('answers a malformed percent-escape in the method name with 404 unknown_method, not 500', async () => {
    const reply = await post('/api/%E0%A4%A', '{}', 'application/json');
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
});

const FLAGS = [
  '--starting-url',
  '--output-type',
  '--schema',
  '--max-duration',
  '--cost-cap',
  '--session',
  '--answer',
  '--no-wait',
  '--json',
  '--db',
  '--base-url',
  '--',
  '-x',
  '--json=1',
  '--no-such',
];
const argv = fc.array(
  fc.oneof(
    fc.constantFrom(...FLAGS),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('1000', '-1', '1e3', 'NaN', 'structured_json', 'http://x', 'ftp://x', ''),
  ),
  { maxLength: 8 },
);

describe('the CLI arguments', () => {
  it(`parseRunArgs: ${RUNS} random argument lists are parsed or refused with a UsageError, nothing else`, () => {
    let refused = 0;
    fc.assert(
      fc.property(argv, (args) => {
        try {
          const { input: parsed } = parseRunArgs(['run-fuzz', ...args].slice(1));
          expect(parsed.prompt.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as Error).message).not.toContain('\n');
          refused++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(refused).toBeGreaterThan(0);
  });

  it('as a real process: random arguments exit 0, 1 or 2 with no stack trace', async () => {
    const commands = ['run', 'history', 'spend', 'export', 'sessions', 'frobnicate'];
    const samples = fc.sample(fc.tuple(fc.constantFrom(...commands), argv), {
      numRuns: 8,
      seed: 42,
    });
    for (const [command, args] of samples) {
      // Appended last, so no random --db can send a write anywhere but the temp folder.
      const result = await cli(
        [command, ...args.filter((a) => a !== '--'), '--db', join(t.dir, 'cli.db')],
        { WEBRUN_SANDBOX_TIME_SCALE: '0.0005' },
      );
      expect([0, 1, 2, 3, 4], `${command} ${JSON.stringify(args)}`).toContain(result.code);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      if (result.code === 2) expect(isSentenceAndUsage(result.stderr), result.stderr).toBe(true);
    }
  }, 60_000);
});
