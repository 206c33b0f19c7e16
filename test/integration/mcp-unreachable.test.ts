// Issue 22, bounded waits: with WebRun unreachable, an assistant learns why its task is not
// leaving. The reason used to go to stderr only, while progress flipped between "queued" and
// "submitting"; now every progress line and the task's report carry it.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/closed-port';
import { tempDir } from '../helpers/temp';
import { startMcp } from './mcp-helpers';

const t = tempDir('webrun-mcp-unreachable-');
afterAll(() => t.cleanup());

const REASON = /WebRun has refused or not answered every send since \d\d:\d\d:\d\d UTC \(.+\)/;

describe('MCP with WebRun unreachable', () => {
  it('says why the task waits in its progress and in get_browser_task', async () => {
    const db = join(t.dir, 'h.db');
    const mcp = await startMcp(db, `http://127.0.0.1:${await closedPort()}`);
    try {
      const progress: string[] = [];
      const abort = new AbortController();
      let sawReason: () => void = () => {};
      const reasonSeen = new Promise<void>((resolve) => (sawReason = resolve));
      const call = mcp.client
        .callTool(
          { name: 'run_browser_task', arguments: { prompt: 'Read the notice' } },
          undefined,
          {
            signal: abort.signal,
            timeout: 120_000,
            onprogress: (p) => {
              progress.push(p.message ?? '');
              if (REASON.test(p.message ?? '')) sawReason();
            },
          },
        )
        .catch((error: Error) => error);
      await reasonSeen;
      const d = new Database(db, { readonly: true });
      const id = d.prepare('SELECT id FROM tasks').pluck().get() as string;
      d.close();
      const got = await mcp.client.callTool({ name: 'get_browser_task', arguments: { id } });
      const report = got.structuredContent as { status: string; message: string };
      expect(report.status).toMatch(/^(queued|submitting)$/);
      expect(report.message).toMatch(REASON);
      abort.abort();
      await call;
      // Every line after the first refusal names it, whether the task shows queued or submitting.
      const first = progress.findIndex((line) => REASON.test(line));
      expect(progress.slice(first).every((line) => REASON.test(line))).toBe(true);
    } finally {
      await mcp.close();
    }
  }, 90_000);
});
