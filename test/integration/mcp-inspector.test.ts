// `webrun-desk mcp` under a client nobody here wrote: the MCP Inspector's CLI mode
// (`npx @modelcontextprotocol/inspector --cli node bin/webrun-desk.mjs mcp …`), one process per
// call as it runs them, listing the tools and calling them with good and bad arguments as it
// builds them (every --tool-arg is text, converted by the tool's input schema). No API key:
// each server runs its own built-in sandbox, so every result is marked simulated.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { BIN } from './mcp-helpers';

const t = tempDir('webrun-desk-inspector-');
const db = join(t.dir, 'history.db');
const ROOT = join(import.meta.dirname, '../..');
afterAll(() => t.cleanup());

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function inspector(args: string[]): Promise<Outcome> {
  const child = spawn(
    'npx',
    ['@modelcontextprotocol/inspector', '--cli', process.execPath, BIN, 'mcp', '--db', db, ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: t.dir, WEBRUN_SANDBOX_TIME_SCALE: '0.01' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

type ToolResult = {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
};

async function call(tool: string, args: Record<string, string>): Promise<ToolResult> {
  const out = await inspector([
    '--method',
    'tools/call',
    '--tool-name',
    tool,
    ...Object.entries(args).flatMap(([k, v]) => ['--tool-arg', `${k}=${v}`]),
  ]);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as ToolResult;
}

describe('the MCP Inspector CLI against webrun-desk mcp', () => {
  it('lists eight tools, each annotated and with every parameter described', async () => {
    const out = await inspector(['--method', 'tools/list']);
    expect(out.code, out.stderr).toBe(0);
    const { tools } = JSON.parse(out.stdout) as {
      tools: {
        name: string;
        annotations?: Record<string, boolean>;
        inputSchema: { properties?: Record<string, { description?: string }> };
      }[];
    };
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'compare_runs',
      'get_browser_task',
      'get_spend',
      'get_watch_changes',
      'run_browser_task',
      'search_history',
      'start_browser_task',
      'stop_browser_task',
    ]);
    for (const tool of tools) {
      expect(Object.keys(tool.annotations ?? {}), tool.name).toEqual(
        expect.arrayContaining(['readOnlyHint', 'destructiveHint', 'openWorldHint']),
      );
      for (const [name, schema] of Object.entries(tool.inputSchema.properties ?? {}))
        expect(schema.description, `${tool.name}.${name}`).toBeTruthy();
    }
  }, 60_000);

  it('runs a structured task whose outputSchema arrives as JSON text, and marks it simulated', async () => {
    const result = await call('run_browser_task', {
      prompt: 'List the opening hours [duration:20s]',
      outputType: 'structured_json',
      outputSchema: '{"type":"object","properties":{"hours":{"type":"string"}}}',
    });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: 'completed', simulated: true });
    expect(result.content[0]!.text).toMatch(/^\(Simulated by the built-in sandbox/);
  }, 60_000);

  it('answers bad arguments with an error result naming the parameter, never a crash', async () => {
    const badLimit = await call('search_history', { limit: 'many' });
    expect(badLimit.isError).toBe(true);
    expect(badLimit.content[0]!.text).toMatch(/limit/);

    const noSchema = await call('run_browser_task', {
      prompt: 'List the prices',
      outputType: 'structured_json',
    });
    expect(noSchema.isError).toBe(true);
    expect(noSchema.content[0]!.text).toBe(
      'outputType structured_json needs outputSchema: a JSON Schema object such as {"type":"object","properties":{…}}.',
    );

    const untyped = await call('start_browser_task', {
      prompt: 'List the prices',
      outputType: 'structured_json',
      outputSchema: '{"properties":{}}',
    });
    expect(untyped.isError).toBe(true);
    expect(untyped.content[0]!.text).toMatch(/^outputSchema needs a top-level "type"/);

    const missing = await call('get_browser_task', { id: 'no-such-task' });
    expect(missing.isError).toBe(true);
    expect(missing.content[0]!.text).toBe('No task or request with id no-such-task.');
    // Four Inspector processes, each starting `webrun-desk mcp`: 80 s of the old 120 s under
    // a CPU hog. A safety net only; nothing here waits on time.
  }, 240_000);
});
