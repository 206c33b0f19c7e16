// Processes for the MCP tests: `webrun-desk mcp` under the SDK's own stdio client, and
// `webrun-desk serve` on the same history (the person's app, in browser mode), both against
// one sandbox so an answer given in the app reaches the task the MCP process runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');
export const SHARED_KEY = 'wr_shared_sandbox_key';

export function deskEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    WEBRUN_API_KEY: SHARED_KEY,
    ...extra,
  };
}

export interface McpHandle {
  client: Client;
  stderr(): string;
  /**
   * What the SDK's Client reported through its strict error handler: a progress notification
   * for a finished request, a response to nothing, a message that does not parse.
   */
  transportErrors(): string[];
  close(): Promise<void>;
}

/** Without a key: the history's shared sandbox, which stops soon after the test (vitest.config.ts). */
export function sandboxEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    WEBRUN_SANDBOX_QUIET_MS: process.env.WEBRUN_SANDBOX_QUIET_MS ?? '2000',
    ...extra,
  };
}

export async function startMcp(
  db: string,
  baseUrl: string | null,
  clientName = 'Test Assistant',
  extraEnv: Record<string, string> = {},
): Promise<McpHandle> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--db', db, ...(baseUrl ? ['--base-url', baseUrl] : [])],
    // Without a base URL: no key either, so the server uses the history's shared sandbox.
    env: baseUrl ? deskEnv(extraEnv) : sandboxEnv(extraEnv),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const client = new Client({ name: clientName, version: '1.0.0' });
  const errors: string[] = [];
  client.onerror = (error) => void errors.push(error.message);
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    transportErrors: () => [...errors],
    close: () => client.close(),
  };
}

export interface ServeHandle {
  url: string;
  /** The serve process, for a test that kills it, and its end. */
  pid: number;
  exited: Promise<void>;
  api<T = unknown>(method: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** baseUrl null: no key, so the history's shared sandbox. */
export async function startServe(
  db: string,
  baseUrl: string | null,
  extraEnv: Record<string, string> = {},
): Promise<ServeHandle> {
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'serve', '--db', db, ...(baseUrl ? ['--base-url', baseUrl] : [])],
    {
      env: baseUrl ? deskEnv(extraEnv) : sandboxEnv(extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(String(chunk));
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const { origin, searchParams } = new URL(url);
  const token = searchParams.get('token')!;
  return {
    url,
    pid: child.pid!,
    exited,
    async api<T>(method: string, input: unknown = {}): Promise<T> {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const envelope = (await response.json()) as {
        ok: boolean;
        value?: T;
        error?: { message: string };
      };
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
      return envelope.value as T;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves with the first non-null value `probe` gives, checking every 50 ms. */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
