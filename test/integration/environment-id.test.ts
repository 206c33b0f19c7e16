// `batch --env ID` and MCP's `environmentId` reach WebRun: the request that starts each task
// carries the environment (webrun-api.md §1.1, a top-level field of run-task / start-session),
// seen on the wire by a recording proxy in front of the sandbox.
// Build the CLI first: node scripts/build-cli.mjs.
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';
import { BIN, startMcp } from './mcp-helpers';

const ENV = '683a1f2e4b0c1d2e3f4a5b6c';
const t = tempDir('webrun-desk-env-');
let sandbox: SandboxHandle;
let proxy: Server;
let proxyUrl = '';
/** Bodies of the requests that start work at WebRun. */
const starts: { path: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.01, rateLimit: null });
  const to = new URL(sandbox.url);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && /\/start\/(run-task|start-session)/.test(req.url ?? ''))
        starts.push({
          path: req.url!,
          body: JSON.parse(body.toString('utf8')) as Record<string, unknown>,
        });
      const upstream = httpRequest(
        {
          host: to.hostname,
          port: to.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: to.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await sandbox.close();
  t.cleanup();
});

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        WEBRUN_API_KEY: 'wr_env_test',
      },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('the environment of a task', () => {
  it('batch --env sends every row in that environment', async () => {
    starts.length = 0;
    const rows = join(t.dir, 'rows.csv');
    writeFileSync(rows, 'product\nKettle\nToaster\n');
    const run = await cli([
      'batch',
      rows,
      '--template',
      'Price of {{product}}',
      '--env',
      ENV,
      '--db',
      join(t.dir, 'batch.db'),
      '--base-url',
      proxyUrl,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(starts).toHaveLength(2);
    for (const start of starts) expect(start.body.environmentId).toBe(ENV);
  }, 60_000);

  it("run_browser_task's environmentId is sent with the task", async () => {
    starts.length = 0;
    const mcp = await startMcp(join(t.dir, 'mcp.db'), proxyUrl);
    try {
      const result = await mcp.client.callTool({
        name: 'run_browser_task',
        arguments: { prompt: 'Open my dashboard', environmentId: ENV },
      });
      expect(result.isError).toBeFalsy();
      expect(starts).toHaveLength(1);
      expect(starts[0]!.body.environmentId).toBe(ENV);
    } finally {
      await mcp.close();
    }
  }, 60_000);
});
