// The processes of the multi-process chaos test, all on one history and one scripted WebRun:
// the app in browser mode (`serve`, driven over its HTTP API), `run`, `batch`, `resume` (the
// CLI as a user runs it) and `mcp` (under the MCP SDK's stdio client). Each runs with its own
// API key, so the scripted WebRun can tell which process sent a request. Kills are SIGKILLs,
// counted only when they hit a live process.
import type { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startMcp, startServe, type ServeHandle } from '../../integration/mcp-helpers';
import { startCli, type CliResult } from '../support';

export const KINDS = ['app', 'run', 'batch', 'resume', 'mcp'] as const;
export type Kind = (typeof KINDS)[number];

export interface Proc {
  kind: Kind;
  key: string;
  pid: number;
  alive: boolean;
  killed: boolean;
  killedAt?: number;
  /** A CLI command's exit code (null while it runs, or for the app and MCP). */
  code?: number | null;
  /** Resolves when the process is gone (its exit, or its MCP transport closed). */
  exited: Promise<void>;
  /** What it printed, for a failure's message. */
  output(): string;
  /** A polite end: SIGTERM for the app, the client's close for MCP, nothing for the CLI. */
  stop(): Promise<void>;
}

export class DeskProcesses {
  readonly all: Proc[] = [];
  readonly kills = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  private seq = 0;

  constructor(
    private readonly db: string,
    private readonly baseUrl: string,
  ) {}

  /** When each SIGKILLed process (by key) was killed: an answer it received may have died with it. */
  killedAt(): Map<string, number> {
    return new Map(this.all.filter((p) => p.killed).map((p) => [p.key, p.killedAt!]));
  }

  isAlive(key: string): boolean {
    return this.all.some((p) => p.key === key && p.alive);
  }

  live(kind?: Kind): Proc[] {
    return this.all.filter((p) => p.alive && (!kind || p.kind === kind));
  }

  /** SIGKILL; true when it hit a live process. */
  kill(proc: Proc): boolean {
    if (!proc.alive) return false;
    try {
      process.kill(proc.pid, 'SIGKILL');
    } catch {
      return false; // gone between the check and the signal
    }
    proc.killed = true;
    proc.killedAt = Date.now();
    this.kills.set(proc.kind, this.kills.get(proc.kind)! + 1);
    return true;
  }

  private nextKey(kind: Kind): string {
    this.seq += 1;
    return `wr_chaos_${kind}_${this.seq}`;
  }

  cli(kind: 'run' | 'batch' | 'resume', args: string[]): Proc & { done: Promise<CliResult> } {
    const key = this.nextKey(kind);
    const { child, done } = startCli([kind, ...args, '--db', this.db], {
      WEBRUN_API_KEY: key,
      WEBRUN_BASE_URL: this.baseUrl,
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const proc = {
      kind,
      key,
      pid: child.pid!,
      alive: true,
      killed: false,
      code: null as number | null,
      exited: done.then((result) => {
        proc.alive = false;
        proc.code = result.code;
      }),
      done,
      output: () => `${kind} ${args.join(' ')}:\n${out}`,
      stop: () => proc.exited,
    };
    this.all.push(proc);
    return proc;
  }

  async app(): Promise<Proc & { handle: ServeHandle }> {
    const key = this.nextKey('app');
    const handle = await startServe(this.db, this.baseUrl, { WEBRUN_API_KEY: key });
    const proc = {
      kind: 'app' as const,
      key,
      pid: handle.pid,
      alive: true,
      killed: false,
      exited: handle.exited.then(() => void (proc.alive = false)),
      handle,
      output: () => `app (serve) ${handle.url}`,
      stop: () => handle.stop(),
    };
    this.all.push(proc);
    return proc;
  }

  /** An MCP server with one task started through it (its prompt given). */
  async mcp(prompt: string): Promise<Proc> {
    const key = this.nextKey('mcp');
    const handle = await startMcp(this.db, this.baseUrl, 'Chaos Assistant', {
      WEBRUN_API_KEY: key,
    });
    let gone: () => void = () => {};
    const proc: Proc = {
      kind: 'mcp',
      key,
      pid: (handle.client.transport as StdioClientTransport).pid!,
      alive: true,
      killed: false,
      exited: new Promise<void>((resolve) => (gone = resolve)),
      output: () => `mcp:\n${handle.stderr()}`,
      stop: async () => {
        if (proc.alive) await handle.close().catch(() => {});
        await proc.exited;
      },
    };
    handle.client.onclose = () => {
      proc.alive = false;
      gone();
    };
    this.all.push(proc);
    // A kill may land while the call is out: the call then fails, which the test allows.
    await handle.client
      .callTool({ name: 'start_browser_task', arguments: { prompt } })
      .catch(() => undefined);
    return proc;
  }
}
