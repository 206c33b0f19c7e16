// When the MCP process dies (SIGKILL) or closes while its task runs at WebRun, the app open on
// the same history takes the task over within seconds, not only at its next start: it follows
// it to its end without sending it again. Build the CLI first: node scripts/build-cli.mjs.
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';
import { eventually, SHARED_KEY, startMcp, startServe, type ServeHandle } from './mcp-helpers';

const t = tempDir('webrun-desk-mcp-takeover-');
let sandbox: SandboxHandle;
let serve: ServeHandle;
const db = join(t.dir, 'history.db');

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.05, rateLimit: { max: 100, windowMs: 60_000 } });
  serve = await startServe(db, sandbox.url);
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  await sandbox?.close();
  t.cleanup();
});

const taskId = (result: unknown): string =>
  ((result as CallToolResult).structuredContent as { taskId: string }).taskId;
const status = async (id: string): Promise<string> =>
  (await serve.api<{ status: string }>('tasks.get', { id })).status;

describe('the app takes over an MCP task whose process is gone', () => {
  it('follows a running task to its end after the MCP process is SIGKILLed, sending it once', async () => {
    const mcp = await startMcp(db, sandbox.url);
    const before = sandbox.submittedTasks(SHARED_KEY);
    const id = taskId(
      await mcp.client.callTool({
        name: 'start_browser_task',
        arguments: { prompt: 'Compare three kettles [duration:300s]' },
      }),
    );
    await eventually(async () => ((await status(id)) === 'running' ? true : null), 20_000);
    process.kill((mcp.client.transport as StdioClientTransport).pid!, 'SIGKILL');
    // 300 simulated seconds are 15 s here: the task ends at WebRun while nobody follows it but the app.
    await eventually(async () => ((await status(id)) === 'completed' ? true : null), 40_000);
    const task = await serve.api<{ usage: { cost: number } | null; resultMessage: string | null }>(
      'tasks.get',
      { id },
    );
    expect(task.resultMessage).toBeTruthy();
    expect(task.usage?.cost).toBeGreaterThan(0);
    expect(sandbox.submittedTasks(SHARED_KEY)).toBe(before + 1);
    await mcp.close().catch(() => {});
  }, 90_000);

  it('follows a running task to its end after the assistant closes the MCP server', async () => {
    const mcp = await startMcp(db, sandbox.url);
    const before = sandbox.submittedTasks(SHARED_KEY);
    const id = taskId(
      await mcp.client.callTool({
        name: 'start_browser_task',
        arguments: { prompt: 'Read three reviews [duration:200s]' },
      }),
    );
    await eventually(async () => ((await status(id)) === 'running' ? true : null), 20_000);
    await mcp.close();
    await eventually(async () => ((await status(id)) === 'completed' ? true : null), 40_000);
    expect(sandbox.submittedTasks(SHARED_KEY)).toBe(before + 1);
  }, 90_000);
});
