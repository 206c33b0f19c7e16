// `webrun-desk mcp` as clients that hold it to the protocol meet it: the SDK's Client with its
// strict error handler watched (a notification after a response is an error there), a client
// that speaks MCP tasks, one that waits inline within a bound, one that cancels, and one that
// runs a process per call. Build the CLI first: node scripts/build-cli.mjs.
import { join } from 'node:path';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';
import { eventually, startMcp, startServe, type McpHandle, type ServeHandle } from './mcp-helpers';

const t = tempDir('webrun-desk-mcp-clients-');
let sandbox: SandboxHandle;
let serve: ServeHandle;
let mcp: McpHandle;
const db = join(t.dir, 'history.db');

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.05, rateLimit: { max: 100, windowMs: 60_000 } });
  mcp = await startMcp(db, sandbox.url);
  serve = await startServe(db, sandbox.url);
}, 60_000);
afterAll(async () => {
  await mcp?.close();
  await serve?.stop();
  await sandbox?.close();
  t.cleanup();
});

type Report = {
  taskId: string | null;
  status: string;
  message: string;
  files: { name: string; size: number | null; localPath: string | null }[];
  simulated: boolean;
};
const report = (result: unknown): Report => (result as CallToolResult).structuredContent as Report;

/** A task's id from the history, found by a word of its prompt (the app's own search). */
async function idOf(word: string): Promise<string> {
  return eventually(async () => {
    const page = await serve.api<{ tasks: { id: string; prompt: string }[] }>('history.list', {
      filter: { text: word },
      limit: 5,
    });
    return page.tasks.find((task) => task.prompt.includes(word))?.id ?? null;
  });
}

const statusOf = async (id: string): Promise<string> =>
  (await serve.api<{ status: string }>('tasks.get', { id })).status;

describe('webrun-desk mcp with strict and task-aware clients', () => {
  it('describes every parameter, annotates every tool, and types outputSchema as an object', async () => {
    const { tools } = await mcp.client.listTools();
    for (const tool of tools) {
      const properties = (tool.inputSchema.properties ?? {}) as Record<
        string,
        { description?: string }
      >;
      for (const [name, schema] of Object.entries(properties))
        expect(schema.description, `${tool.name}.${name}`).toBeTruthy();
      expect(tool.annotations, tool.name).toMatchObject({
        readOnlyHint: expect.any(Boolean),
        destructiveHint: expect.any(Boolean),
        openWorldHint: expect.any(Boolean),
      });
    }
    const run = tools.find((tool) => tool.name === 'run_browser_task')!;
    const props = run.inputSchema.properties as Record<string, { type?: string }>;
    expect(props.outputSchema!.type).toBe('object');
    expect(run.execution?.taskSupport).toBe('optional');
    expect(run.description).toContain('Cancelling the call stops the task at WebRun');
    expect(tools.find((tool) => tool.name === 'search_history')!.annotations!.readOnlyHint).toBe(
      true,
    );
  });

  it('sends its last progress before the answer of a plain completed task (no transport error)', async () => {
    const progress: string[] = [];
    const result = await mcp.client.callTool(
      { name: 'run_browser_task', arguments: { prompt: 'Read the harbour notice [duration:20s]' } },
      undefined,
      { onprogress: (p) => void progress.push(p.message ?? ''), timeout: 60_000 },
    );
    expect(report(result).status).toBe('completed');
    expect(progress.length).toBeGreaterThan(0);
    // One more round trip: whatever the server sent about the call has arrived by its answer.
    await mcp.client.listTools();
    expect(mcp.transportErrors()).toEqual([]);
  }, 60_000);

  it('sends no notification after a completed call, so the strict client reports no transport error', async () => {
    const progress: string[] = [];
    const result = await mcp.client.callTool(
      {
        name: 'run_browser_task',
        arguments: {
          prompt: 'Find the museum timetable [duration:90s] [files:2]',
          outputType: 'structured_json',
          outputSchema: '{"type":"object","properties":{"hours":{"type":"string"}}}',
        },
      },
      undefined,
      { onprogress: (p) => void progress.push(p.message ?? ''), timeout: 60_000 },
    );
    const r = report(result);
    expect(r.status).toBe('completed');
    expect(r.simulated).toBe(false); // a WebRun address with a key: not the built-in sandbox
    expect(r.files.map((f) => f.name)).toHaveLength(2);
    for (const f of r.files) expect(Object.keys(f).sort()).toEqual(['localPath', 'name', 'size']);
    expect(progress.length).toBeGreaterThan(0);
    // One more round trip: whatever the server sent about the call has arrived before its answer.
    await mcp.client.listTools();
    expect(mcp.transportErrors()).toEqual([]);
  }, 60_000);

  it('answers an inline call within the wait bound with the task id, its state and how to continue', async () => {
    await serve.api('mcp.settings.update', { callWaitSeconds: 5 });
    try {
      const result = await mcp.client.callTool(
        { name: 'run_browser_task', arguments: { prompt: 'Survey the bakeries [duration:900s]' } },
        undefined,
        { timeout: 60_000 },
      );
      const r = report(result);
      expect(result.isError).toBeFalsy();
      expect(r.status).toBe('running');
      expect(r.message).toMatch(
        /^The call answers after 5 s so that the client does not time out\./,
      );
      expect(r.message).toContain(`Call get_browser_task with id ${r.taskId} to follow it.`);
      const later = report(
        await mcp.client.callTool({ name: 'get_browser_task', arguments: { id: r.taskId } }),
      );
      expect(later.status).toBe('running');
      await mcp.client.callTool({ name: 'stop_browser_task', arguments: { id: r.taskId } });
      expect(await statusOf(r.taskId!)).toBe('stopped');
    } finally {
      await serve.api('mcp.settings.update', { callWaitSeconds: 50 });
    }
    await mcp.client.listTools();
    expect(mcp.transportErrors()).toEqual([]);
  }, 60_000);

  it('gives a task-aware client a task handle at once and the result through tasks/result', async () => {
    const messages: { type: string; status?: string; result?: unknown }[] = [];
    const stream = mcp.client.experimental.tasks.callToolStream(
      { name: 'run_browser_task', arguments: { prompt: 'Check the train times [duration:60s]' } },
      CallToolResultSchema,
      { task: { ttl: 120_000 }, timeout: 60_000 },
    );
    for await (const message of stream)
      messages.push({
        type: message.type,
        ...('task' in message ? { status: message.task.status } : {}),
        ...('result' in message ? { result: message.result } : {}),
      });
    expect(messages[0]!.type).toBe('taskCreated');
    const last = messages.at(-1)!;
    expect(last.type).toBe('result');
    expect(report(last.result).status).toBe('completed');
    expect(mcp.transportErrors()).toEqual([]);
  }, 60_000);

  it('stops the task at WebRun when the client cancels the call', async () => {
    const abort = new AbortController();
    const call = mcp.client
      .callTool(
        {
          name: 'run_browser_task',
          arguments: { prompt: 'Catalogue the ferries [duration:900s]' },
        },
        undefined,
        { signal: abort.signal, timeout: 60_000 },
      )
      .catch((error: Error) => error);
    const id = await idOf('ferries');
    await eventually(async () => ((await statusOf(id)) === 'running' ? true : null), 30_000);
    abort.abort('the person changed their mind');
    expect(await call).toBeInstanceOf(Error);
    await eventually(async () => ((await statusOf(id)) === 'stopped' ? true : null), 30_000);
    await mcp.client.listTools();
    expect(mcp.transportErrors()).toEqual([]);
  }, 60_000);

  it("leaves a cancelled call's task running where the person set it so, and the description and get_browser_task say so", async () => {
    await serve.api('mcp.settings.update', { keepRunningOnCancel: true });
    try {
      await eventually(async () => {
        const { tools } = await mcp.client.listTools();
        const run = tools.find((tool) => tool.name === 'run_browser_task')!;
        return run.description?.includes('leaves the task running') ? true : null;
      });
      const abort = new AbortController();
      const call = mcp.client
        .callTool(
          {
            name: 'run_browser_task',
            arguments: { prompt: 'Index the lighthouses [duration:900s]' },
          },
          undefined,
          { signal: abort.signal, timeout: 120_000 },
        )
        .catch((error: Error) => error);
      const id = await idOf('lighthouses');
      // Up to a minute: the desk's own limit of 10 submissions a minute may hold this one back.
      await eventually(async () => ((await statusOf(id)) === 'running' ? true : null), 90_000);
      abort.abort('not needed now');
      await call;
      const said = await eventually(async () => {
        const r = report(
          await mcp.client.callTool({ name: 'get_browser_task', arguments: { id } }),
        );
        return r.message.includes('keeps running') ? r : null;
      });
      expect(said.status).toBe('running');
      expect(said.message).toMatch(
        /^The call was cancelled; the task keeps running \(and billing\)/,
      );
      await mcp.client.callTool({ name: 'stop_browser_task', arguments: { id } });
    } finally {
      await serve.api('mcp.settings.update', { keepRunningOnCancel: false });
    }
    // The desk's own 10 submissions a minute may hold this one back: the safety net is wide.
  }, 180_000);

  it('finishes sending a task before it exits when a short-lived client closes at once', async () => {
    const once = await startMcp(db, sandbox.url, 'One Shot');
    const started = report(
      await once.client.callTool({
        name: 'start_browser_task',
        arguments: { prompt: 'Note the tide tables [duration:300s]' },
      }),
    );
    await once.close();
    const id = started.taskId!;
    const after = await eventually(async () => {
      const status = await statusOf(id);
      return status === 'queued' || status === 'submitting' ? null : status;
    }, 30_000);
    expect(after).not.toBe('unknown');
    expect(['running', 'completed']).toContain(after);
    expect(once.stderr()).toMatch(/Waiting for WebRun to answer 1 task being submitted/);
    await serve.api('tasks.stop', { id });
  }, 60_000);
});
