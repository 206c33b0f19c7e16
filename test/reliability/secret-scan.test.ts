// One full run with a known API key, a known guardrail answer and known per-site credentials,
// through every host (the core, browser-mode HTTP with its event socket, the CLI), then a
// search of everything the app writes or shows for those strings: the database, its WAL,
// every log line, every pushed event, every export and every report file. Zero hits. The
// secrets file (the keychain's stand-in outside the database) is where they belong, and the
// only place they may be.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TaskView } from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { startBrowserServer, type BrowserServer } from '../../src-main/web/server';
import { tempDir } from '../helpers/temp';
import { cli } from './support';

const tag = randomBytes(6).toString('hex');
const API_KEY = `wr_SECRETKEY_${tag}`;
const ANSWER = `GUARDANSWER_${tag}`;
const SITE_PASSWORD = `SITEPASS_${tag}`;
const SITE_USER = `siteuser_${tag}`;
const SECRETS = [API_KEY, ANSWER, SITE_PASSWORD, SITE_USER];
const SENSITIVE_PARAMS = ['token', 'key', 'password', 'secret', 'sig', 'auth', 'code'];
const STARTING_URL = `https://portal.example.com/login?${SENSITIVE_PARAMS.map((p) => `${p}=URLSECRET${p}_${tag}`).join('&')}&page=2`;

const t = tempDir('webrun-secrets-');
const dbPath = join(t.dir, 'history.db');
let sandbox: SandboxHandle;
let desk: Desk;
let web: BrowserServer;
const logs: string[] = [];
const frames: string[] = [];
const coreEvents: string[] = [];
/** Everything the user can see or that leaves the app, by where it came from. */
const seen = new Map<string, string>();

function api(method: string, input: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: web.port,
        path: `/api/${method}`,
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${web.token}`,
          Origin: web.origin,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          seen.set(`http ${method} #${seen.size}`, text);
          resolve({ status: res.statusCode!, body: text });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}
const value = <T>(reply: { body: string }): T => (JSON.parse(reply.body) as { value: T }).value;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.002, rateLimit: null });
  desk = await createDesk({
    dbPath,
    apiKey: API_KEY,
    baseUrl: sandbox.url,
    host: 'browser',
    rateLimit: null,
    runner: { pollIntervalMs: () => 30 },
    log: (l) => logs.push(l),
  });
  desk.subscribe((event) => coreEvents.push(JSON.stringify(event)));
  web = await startBrowserServer({ desk, staticRoot: null, log: (l) => logs.push(l) });
});
afterAll(async () => {
  await web?.close();
  await desk?.close();
  await sandbox?.close();
  t.cleanup();
});

/** Every file the app left in its data folder except the secrets file, as text. */
function dataFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== 'secrets.json') files.set(path, readFileSync(path).toString('latin1'));
    }
  };
  walk(t.dir);
  return files;
}

describe('after a full run with known secrets', () => {
  it('runs the task with saved credentials and an answered question, through HTTP and the CLI', async () => {
    const ws = new WebSocket(
      `ws://127.0.0.1:${web.port}/events`,
      ['webrun-desk', `token.${web.token}`],
      { origin: web.origin },
    );
    ws.on('message', (data) => frames.push(String(data)));
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));

    expect(
      (
        await api('credentials.save', {
          match: 'portal.example.com',
          fields: { username: SITE_USER, password: SITE_PASSWORD },
        })
      ).status,
    ).toBe(200);
    const created = value<TaskView>(
      await api('tasks.create', {
        prompt: 'Log in to the portal [guardrail:I need the one-time code] [duration:60s]',
        startingUrl: STARTING_URL,
        credentials: ['portal.example.com'],
      }),
    );
    const asking = await desk.waitForSettled(created.id);
    expect(asking.status).toBe('needs_input');
    expect((await api('tasks.answer', { id: created.id, answer: ANSWER })).status).toBe(200);
    await expect
      .poll(async () => value<TaskView>(await api('tasks.get', { id: created.id })).status, {
        timeout: 10_000,
        interval: 20,
      })
      .toBe('completed');
    await api('tasks.details', { id: created.id });
    await api('tasks.list', {});
    await api('secrets.status', {});
    // The WAL is where fresh writes sit: read it while the app still holds it open.
    expect(existsSync(`${dbPath}-wal`)).toBe(true);
    for (const [path, text] of dataFiles()) seen.set(`file while running ${path}`, text);

    for (const format of ['csv', 'json'])
      seen.set(
        `history.export ${format}`,
        value<{ content: string }>(await api('history.export', { format })).content,
      );
    await new Promise((r) => setTimeout(r, 120)); // the last 50 ms event batch
    ws.terminate();
    await web.close();
    await desk.close();

    // The CLI on the same history: a run whose question is answered from the command line.
    const env = { WEBRUN_API_KEY: API_KEY, WEBRUN_DESK_DB: dbPath, WEBRUN_BASE_URL: sandbox.url };
    const run = await cli(
      [
        'run',
        'Check the order [guardrail:Your password?] [duration:40s]',
        '--answer',
        ANSWER,
        '--json',
      ],
      env,
    );
    expect(run.code).toBe(0);
    seen.set('cli run', run.stdout + run.stderr);
    for (const format of ['csv', 'json']) {
      const out = join(t.dir, `report.${format}`);
      const exported = await cli(['export', '--format', format, '--out', out], env);
      expect(exported.code).toBe(0);
      seen.set(`cli export ${format}`, exported.stdout + exported.stderr);
    }
    for (const command of [
      ['history', '--json'],
      ['spend', '--json'],
      ['sessions', '--json'],
    ]) {
      const result = await cli(command, env);
      seen.set(`cli ${command[0]}`, result.stdout + result.stderr);
    }
    for (const [path, text] of dataFiles()) seen.set(`file after ${path}`, text);
    seen.set('logs', logs.join('\n'));
    seen.set('pushed frames', frames.join('\n'));
    seen.set('core events', coreEvents.join('\n'));
  }, 60_000);

  it('finds none of the secrets anywhere: database, WAL, logs, events, exports, reports', () => {
    expect([...seen.keys()].some((k) => k.endsWith('-wal'))).toBe(true);
    expect(frames.length).toBeGreaterThan(0);
    const hits = [...seen].flatMap(([where, text]) =>
      SECRETS.filter((s) => text.includes(s)).map((s) => `${s} in ${where}`),
    );
    expect(hits).toEqual([]);
    // The search can find them: they are in the secrets file, where they belong.
    const secretFile = readFileSync(join(t.dir, 'secrets.json'), 'utf8');
    expect(secretFile).toContain(SITE_PASSWORD);
  });

  it('redacts every sensitive URL parameter of the starting URL in exports and report files', () => {
    const report = readFileSync(join(t.dir, 'report.json'), 'utf8');
    const urls = (JSON.parse(report) as { startingUrl: string | null }[])
      .map((r) => r.startingUrl)
      .filter(Boolean);
    expect(urls).toHaveLength(1);
    const url = new URL(urls[0]!);
    for (const param of SENSITIVE_PARAMS) expect(url.searchParams.get(param)).toBe('REDACTED');
    expect(url.searchParams.get('page')).toBe('2');
    const csv = seen.get('history.export csv')!;
    for (const param of SENSITIVE_PARAMS) expect(csv).toContain(`${param}=REDACTED`);
  });

  it('redacts sensitive URL parameters wherever a URL appears in an export, not only in startingUrl', () => {
    const exports = [...seen].filter(([where]) => /export|report\./.test(where));
    expect(exports.length).toBeGreaterThanOrEqual(4);
    const leaks = exports.flatMap(([where, text]) =>
      SENSITIVE_PARAMS.filter((p) => text.includes(`URLSECRET${p}_${tag}`)).map(
        (p) => `${p} in ${where}`,
      ),
    );
    expect(leaks).toEqual([]);
  });
});
