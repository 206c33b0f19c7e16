import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportChunks, csvCell } from '../../src-main/core/history/export';
import { ftsQuery, HistoryStore } from '../../src-main/core/history/history-store';
import { openStore } from '../../src-main/core/store/open-store';
import { SessionStore } from '../../src-main/core/sessions/session-store';
import { TaskDetailsStore } from '../../src-main/core/tasks/task-details-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { redactUrl } from '../../src-main/core/history/redact';
import type Database from 'better-sqlite3';
import { tempDir } from '../helpers/temp';

let cleanup: () => void;
let db: Database.Database;
let tasks: TaskStore;
let history: HistoryStore;
let details: TaskDetailsStore;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1); // 1 Nov 2026

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  db = openStore(join(t.dir, 'h.db')).db;
  tasks = new TaskStore(db);
  history = new HistoryStore(db);
  details = new TaskDetailsStore(db);
});
afterEach(() => {
  db.close();
  cleanup();
});

function task(
  id: string,
  createdAt: number,
  extra: {
    status?: 'completed' | 'failed';
    cost?: number | null;
    tags?: string[];
    result?: string;
    session?: string;
  } = {},
) {
  tasks.create({
    id,
    prompt: `prompt of ${id}`,
    startingUrl: null,
    createdAt,
    tags: extra.tags,
    sessionId: extra.session,
  });
  tasks.update(id, {
    status: extra.status ?? 'completed',
    resultMessage: extra.result ?? null,
    usage:
      extra.cost === undefined
        ? null
        : {
            promptTokens: 1,
            completionTokens: 1,
            totalTokens: 2,
            completionTime: 1,
            cost: extra.cost,
          },
  });
}

describe('history', () => {
  it('filters by status, date range, tag, session and text, together', () => {
    task('a', T0, { tags: ['travel'], result: 'Flights to Lisbon from 49 euros' });
    task('b', T0 + DAY, { status: 'failed', tags: ['travel'] });
    task('c', T0 + 2 * DAY, { tags: ['shopping'], result: 'Cheapest laptop', session: 's1' });
    details.addNetwork('b', [{ url: 'https://www.skyscanner.net/flights?from=PAR', timestamp: 1 }]);

    const ids = (f: Parameters<HistoryStore['list']>[0]) =>
      history.list(f, 50).tasks.map((t) => t.id);
    expect(ids({ status: ['failed'] })).toEqual(['b']);
    expect(ids({ from: T0 + DAY, to: T0 + 2 * DAY })).toEqual(['b']);
    expect(ids({ tag: 'travel' })).toEqual(['b', 'a']);
    expect(ids({ sessionId: 's1' })).toEqual(['c']);
    expect(ids({ text: 'lisb' })).toEqual(['a']); // prefix match in the result
    expect(ids({ text: 'skyscanner' })).toEqual(['b']); // a visited URL
    expect(ids({ text: 'prompt c' })).toEqual(['c']);
    expect(ids({ text: 'travel', status: ['completed'] })).toEqual([]);
    expect(ids({ text: '"*) OR (' })).toEqual([]); // punctuation only: no FTS syntax error
    expect(history.count({ tag: 'travel' })).toBe(2);
  });

  it('turns typed text into a safe FTS query', () => {
    expect(ftsQuery('hello wor')).toBe('"hello"* "wor"*');
    expect(ftsQuery('NEAR(a b) OR "x')).toBe('"NEAR"* "a"* "b"* "OR"* "x"*');
    expect(ftsQuery('!!!')).toBeNull();
    expect(ftsQuery('"LOAD#7" kettle')).toBe('"LOAD 7" "kettle"*');
    expect(ftsQuery('"" "!!"')).toBeNull();
  });

  it('finds a quoted phrase only where its words stand together, in order', () => {
    for (let i = 1; i <= 9; i++) task(`l${i}`, T0 + i, { result: `LOAD#${i} done in 7 steps` });
    const ids = (text: string) => history.list({ text }, 50).tasks.map((t) => t.id);
    expect(ids('LOAD#7')).toHaveLength(9); // words: LOAD and 7, anywhere
    expect(ids('"LOAD#7"')).toEqual(['l7']);
    expect(ids('"7 steps" "LOAD#3"')).toEqual(['l3']);
  });

  it('sums spend by day with unknown costs left out, never counted as 0', () => {
    task('a', T0 + 1000, { cost: 0.25 });
    task('b', T0 + 2000, { cost: 0.5 });
    task('c', T0 + DAY, { cost: null });
    task('d', T0 + DAY + 5, { cost: 0.125 });
    expect(history.spendBy('day', T0, T0 + 7 * DAY, 0)).toEqual([
      { period: '2026-11-01', cost: 0.75, tasks: 2, unknownCost: 0 },
      { period: '2026-11-02', cost: 0.125, tasks: 1, unknownCost: 1 },
    ]);
    expect(history.spendBetween(T0, T0 + 7 * DAY)).toEqual({
      cost: 0.875,
      tasks: 4,
      unknownCost: 1,
    });
    expect(history.topTasksByCost(T0, T0 + 7 * DAY, 2).map((t) => t.id)).toEqual(['b', 'a']);
    // A UTC-10 user's day starts 10 hours later: task a (00:00:01 UTC) belongs to 31 October there.
    expect(history.spendBy('day', T0, T0 + 7 * DAY, -600)[0]).toEqual({
      period: '2026-10-31',
      cost: 0.75,
      tasks: 2,
      unknownCost: 0,
    });
  });

  it('breaks spend down by tag', () => {
    task('a', T0, { cost: 1, tags: ['x', 'y'] });
    task('b', T0, { cost: 2, tags: ['y'] });
    expect(history.spendByTag(T0, T0 + DAY)).toEqual([
      { tag: 'y', cost: 3, tasks: 2, unknownCost: 0 },
      { tag: 'x', cost: 1, tasks: 1, unknownCost: 0 },
    ]);
  });

  it('counts the unknown costs of each status and tag instead of summing them as $0', () => {
    task('a', T0, { cost: 0.5, tags: ['x'] });
    task('b', T0, { cost: null, tags: ['x'] });
    task('c', T0, { status: 'failed', cost: null, tags: ['y'] });
    tasks.create({
      id: 'q',
      prompt: 'still queued',
      startingUrl: null,
      createdAt: T0,
      tags: ['y'],
    }); // nothing sent, nothing spent
    expect(history.spendByStatus(T0, T0 + DAY)).toEqual([
      { status: 'completed', cost: 0.5, tasks: 2, unknownCost: 1 },
      { status: 'failed', cost: 0, tasks: 1, unknownCost: 1 },
      { status: 'queued', cost: 0, tasks: 1, unknownCost: 0 },
    ]);
    expect(history.spendByTag(T0, T0 + DAY)).toEqual([
      { tag: 'x', cost: 0.5, tasks: 2, unknownCost: 1 },
      { tag: 'y', cost: 0, tasks: 2, unknownCost: 1 },
    ]);
  });
});

describe('task details', () => {
  it('keeps one usage sample per change, in order', () => {
    task('a', T0);
    const u = (cost: number) => ({
      promptTokens: 10,
      completionTokens: 5,
      totalTokens: 15,
      completionTime: 1,
      cost,
    });
    expect(details.addUsageSample('a', 1, u(0.1))).toBe(true);
    expect(details.addUsageSample('a', 2, u(0.1))).toBe(false);
    expect(details.addUsageSample('a', 3, u(0.2))).toBe(true);
    expect(details.usageSamples('a').map((s) => [s.at, s.cost])).toEqual([
      [1, 0.1],
      [3, 0.2],
    ]);
  });

  it('opens a guardrail once per question and closes it with its outcome, never storing an answer', () => {
    task('a', T0);
    details.askGuardrail('a', 'I need login credentials', 10);
    details.askGuardrail('a', 'I need login credentials', 11); // the same question polled again
    expect(details.openGuardrails()).toHaveLength(1);
    details.closeGuardrail('a', 'answered', 20);
    expect(details.openGuardrails()).toHaveLength(0);
    expect(details.guardrails('a')).toEqual([
      {
        id: 1,
        taskId: 'a',
        question: 'I need login credentials',
        askedAt: 10,
        answeredAt: 20,
        outcome: 'answered',
      },
    ]);
    const columns = (db.prepare('PRAGMA table_info(guardrails)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).not.toContain('answer');
  });

  it('replaces the network log with the latest full list and records hosts', () => {
    task('a', T0);
    details.replaceNetwork('a', [{ url: 'https://a.example/x', timestamp: 1 }]);
    details.replaceNetwork('a', [
      { url: 'https://a.example/x', timestamp: 1 },
      { url: 'not a url', timestamp: null },
    ]);
    expect(details.network('a')).toEqual([
      { url: 'not a url', host: null, at: null },
      { url: 'https://a.example/x', host: 'a.example', at: 1 },
    ]);
  });
});

describe('sessions', () => {
  it('flags sessions left open by an earlier run as stray', () => {
    const earlier = new SessionStore(db, 'run-1');
    earlier.open({ id: 's1', createdAt: 1, socketUrl: null, webViewUrl: null, keepOpen: false });
    earlier.open({ id: 's2', createdAt: 2, socketUrl: null, webViewUrl: null, keepOpen: false });
    earlier.end('s2', 'completed', 3);
    const now = new SessionStore(db, 'run-2');
    now.open({ id: 's3', createdAt: 4, socketUrl: null, webViewUrl: null, keepOpen: true });
    expect(now.stray().map((s) => s.id)).toEqual(['s1']);
    expect(now.listOpen().map((s) => s.id)).toEqual(['s1', 's3']);
  });
});

describe('export', () => {
  it('writes CSV that spreadsheets read safely, with sensitive URL parameters redacted', () => {
    tasks.create({
      id: 'a',
      prompt: '=HYPERLINK("http://evil")',
      startingUrl: 'https://x.example/login?user=me&token=abc123&sig=zz',
      createdAt: T0,
    });
    const csv = [...exportChunks([tasks.get('a')!], 'csv')].join('');
    expect(csv).not.toContain('abc123');
    expect(csv).toContain('token=REDACTED');
    expect(csv).toContain('sig=REDACTED');
    expect(csv).toContain('user=me');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const json = JSON.parse([...exportChunks([tasks.get('a')!], 'json')].join('')) as {
      startingUrl: string;
    }[];
    expect(json[0]!.startingUrl).not.toContain('abc123');
  });

  it('quotes cells as RFC 4180 asks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-1)).toBe('-1');
  });

  it('redacts every documented sensitive parameter and URL credentials', () => {
    for (const name of [
      'token',
      'key',
      'password',
      'secret',
      'sig',
      'auth',
      'code',
      'api_key',
      'X-Amz-Signature',
      'access_token',
    ]) {
      expect(redactUrl(`https://h.example/?${name}=s3cr3t&q=1`)).toBe(
        `https://h.example/?${name}=REDACTED&q=1`,
      );
    }
    expect(redactUrl('https://user:pw@h.example/')).toBe('https://REDACTED:REDACTED@h.example/');
    expect(redactUrl('not a url')).toBe('not a url');
  });
});

describe('redaction in free text', () => {
  it('redacts every URL in a sentence and keeps the punctuation around it', async () => {
    const { redactUrlsIn } = await import('../../src-main/core/history/redact');
    expect(
      redactUrlsIn('Visited https://a.example/?token=abc, then (https://b.example/x?sig=1&q=2).'),
    ).toBe(
      'Visited https://a.example/?token=REDACTED, then (https://b.example/x?sig=REDACTED&q=2).',
    );
    expect(redactUrlsIn('no links here')).toBe('no links here');
  });
});
