// The CLI against a hostile WebRun (test/helpers/hostile-webrun.ts, payloads kept one a line in
// test/fixtures/hostile/payloads.jsonl): no control byte or bidi override reaches stdout or
// stderr, --json keeps the data exact, no file is written outside files/<task>/, and the API key
// goes to the configured origin only.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileWebRun, type HostileWebRun } from '../helpers/hostile-webrun';
import { tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
const KEY = 'wr_hostile_suite_key_0123456789';
const t = tempDir('webrun-desk-hostile-cli-');
const db = join(t.dir, 'history.db');
let hostile: HostileWebRun;

/** Anything a terminal acts on or that reorders what it shows (newline and tab are text). */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

beforeAll(async () => {
  hostile = await startHostileWebRun();
});
afterAll(async () => {
  await hostile?.close();
  t.cleanup();
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: t.dir,
        WEBRUN_API_KEY: KEY,
        WEBRUN_BASE_URL: hostile.url,
        WEBRUN_DESK_DB: db,
      },
      stdio: ['ignore', 'pipe', 'pipe'], // stdin is no terminal: a question cannot be asked
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectInert(output: { stdout: string; stderr: string }): void {
  const at = (s: string): string => {
    const i = s.search(ACTIVE);
    return i < 0 ? '' : JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  };
  expect(at(output.stdout), 'stdout').toBe('');
  expect(at(output.stderr), 'stderr').toBe('');
  expect(output.stdout + output.stderr).not.toContain(KEY);
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('the CLI against a hostile WebRun', () => {
  it('writes the result, its live steps and its cost inert, and the words readable', async () => {
    const run = await cli(['run', 'Read the page']);
    expectInert(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^completed: /);
    expect(run.stdout).toContain('innocent words'); // OSC 8 hid the link, the words stay
    expect(run.stdout).toContain('fake line');
    expect(run.stdout).toContain('cost: $0.01 (reported)');
    // The live steps came over the socket and were written inert too.
    expect(run.stderr).toMatch(/ {2}agent: .*innocent words/);
    expect(run.stderr).toMatch(/ {2}action: click_element: /);
  });

  it('keeps --json exact while every control and bidi character is a \\u escape', async () => {
    const run = await cli(['run', 'Read the page again', '--json']);
    expectInert(run);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      id: string;
      message: string;
      network: { url: string }[];
      files: { filename: string; localPath: string | null }[];
    };
    // Every payload arrives exact (a long answer is kept whole in a file; its stored head is
    // what the JSON carries, so the short payloads are compared one by one).
    for (const text of hostile.texts.filter((x) => x.length < 1000))
      expect(json.message).toContain(text);
    expect(run.stdout).toContain('\\u001b]52;c;');
    expect(run.stdout).toContain('\\u009b2J');
    expect(run.stdout).toContain('\\u202e');
    expect(json.files.map((f) => f.filename)).toEqual(hostile.files.map((f) => f.filename));
  });

  it('writes a question and a failure inert, with their exit codes', async () => {
    const question = await cli(['run', 'Ask me a question']);
    expectInert(question);
    expect(question.code).toBe(3);
    expect(question.stdout).toMatch(/^needs input/);
    expect(question.stdout).toContain('question: ');
    const failed = await cli(['run', 'This one will fail']);
    expectInert(failed);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/reason: PAGE_CRASH.*: /);
  });

  it('lists the history and sessions inert', async () => {
    for (const args of [['history'], ['history', '--json'], ['sessions'], ['sessions', '--json']]) {
      const out = await cli(args);
      expectInert(out);
      expect(out.code).toBe(0);
    }
  });

  it('wrote every copy inside files/<task>/ and nothing anywhere else', () => {
    const all = filesUnder(t.dir);
    const outside = all.filter(
      (f) => !f.startsWith(`files${sep}`) && !/^history\.db(-wal|-shm|\.reserve)?$/.test(f),
    );
    expect(outside.filter((f) => !/^(secrets\.json|\.webrun-desk.*)$/.test(f))).toEqual([]);
    const copies = all.filter((f) => f.startsWith(`files${sep}`));
    for (const f of copies) expect(f.split(sep)).toHaveLength(3); // files/<task>/<name>
    const names = copies.map((f) => f.split(sep)[2]!);
    // The traversal names were made harmless names inside the task's folder.
    expect(names).toEqual(expect.arrayContaining(['evil.sh', 'evil.bat', 'evil', 'bashrc']));
    // Not fetched: a file: link, a data: link, a javascript: link, the 300 MB declared body.
    for (const name of ['passwd.txt', 'data.txt', 'js.txt', 'huge.bin'])
      expect(names).not.toContain(name);
    expect(names).toContain('stream.bin'); // no Content-Length, under the cap: kept whole
  });

  it('sent the API key to the configured origin only', () => {
    const withKey = hostile.requests.filter((r) => r.authorization?.includes(KEY));
    expect(withKey.length).toBeGreaterThan(0);
    expect(withKey.every((r) => r.server === 'webrun')).toBe(true);
    const foreign = hostile.requests.filter((r) => r.server === 'foreign');
    expect(foreign.map((r) => r.path).sort()).toEqual(
      expect.arrayContaining(['/files/foreign.pdf', '/files/proto.txt']),
    );
    expect(foreign.every((r) => r.authorization === null)).toBe(true);
    for (const r of hostile.requests.filter((x) => x.method === 'SOCKET'))
      expect(JSON.stringify(r.socketAuth)).not.toContain(KEY);
  });
});
