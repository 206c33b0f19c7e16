// Shared tools of the reliability suite: a wire recorder (what the real client
// sends, and when), the CLI as a child process, row counts, and the summary table.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '../../bin/webrun-desk.mjs');

export interface WireEntry {
  method: string;
  /** Path only: the route a Retry-After applies to. */
  path: string;
  sentAt: number;
  answeredAt: number | null;
  status: number | null;
  retryAfter: string | null;
  /** The transport failed (reset, timeout): the request may have been acted on. */
  failed: boolean;
  /** The prompt of a run-task / newTask body, to tie requests to tasks. */
  prompt: string | null;
}

function promptOf(body: unknown): string | null {
  if (typeof body !== 'string') return null;
  try {
    const parsed = JSON.parse(body) as {
      prompt?: unknown;
      taskDetails?: unknown;
      message?: { prompt?: unknown };
    };
    const value = parsed.prompt ?? parsed.taskDetails ?? parsed.message?.prompt;
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Records every HTTP request the process makes, with its send and answer times, from
 * undici's diagnostics channels: the WebRun client's own transport (undici's request()) and
 * Node's fetch (built on undici) both publish there. Recording in the client's own process,
 * not in a proxy, means "sent" is exactly when the app decided to send, which is what a
 * Retry-After promise is about.
 */
export function recordWire(): { log: WireEntry[]; restore(): void } {
  const log: WireEntry[] = [];
  const entries = new WeakMap<object, WireEntry>();
  type Sent = { request: { method: string; path: string; body?: unknown } };
  const onCreate = (message: unknown): void => {
    const { request } = message as Sent;
    const entry: WireEntry = {
      method: request.method.toUpperCase(),
      path: new URL(request.path, 'http://x').pathname,
      sentAt: Date.now(),
      answeredAt: null,
      status: null,
      retryAfter: null,
      failed: false,
      prompt: promptOf(request.body),
    };
    entries.set(request, entry);
    log.push(entry);
  };
  const onHeaders = (message: unknown): void => {
    const { request, response } = message as Sent & {
      response: { statusCode: number; headers: (Buffer | string)[] };
    };
    const entry = entries.get(request);
    if (!entry) return;
    entry.answeredAt = Date.now();
    entry.status = response.statusCode;
    for (let i = 0; i + 1 < response.headers.length; i += 2)
      if (String(response.headers[i]).toLowerCase() === 'retry-after')
        entry.retryAfter = String(response.headers[i + 1]);
  };
  const onError = (message: unknown): void => {
    const entry = entries.get((message as Sent).request);
    if (!entry || entry.answeredAt !== null) return;
    entry.answeredAt = Date.now();
    entry.failed = true;
  };
  const channels = [
    ['undici:request:create', onCreate],
    ['undici:request:headers', onHeaders],
    ['undici:request:error', onError],
  ] as const;
  for (const [name, listener] of channels) diagnostics.subscribe(name, listener);
  return {
    log,
    restore: () => {
      for (const [name, listener] of channels) diagnostics.unsubscribe(name, listener);
    },
  };
}

/** Requests sent before a Retry-After they had been told about had passed. */
export function retryAfterViolations(log: readonly WireEntry[], graceMs = 30): string[] {
  const violations: string[] = [];
  for (const told of log) {
    if (
      told.retryAfter === null ||
      told.answeredAt === null ||
      (told.status !== 429 && told.status !== 503)
    )
      continue;
    const deadline = /^\d+$/.test(told.retryAfter.trim())
      ? told.answeredAt + Number(told.retryAfter) * 1000
      : Date.parse(told.retryAfter);
    for (const next of log) {
      // A request dispatched in the few ms between the answer's arrival and the client reading
      // it was already on its way; anything later must respect the deadline.
      if (
        next.method !== told.method ||
        next.path !== told.path ||
        next.sentAt <= told.answeredAt + graceMs
      )
        continue;
      if (next.sentAt < deadline)
        violations.push(
          `${next.method} ${next.path} sent ${deadline - next.sentAt} ms before Retry-After ${told.retryAfter} ended`,
        );
    }
  }
  return violations;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a user runs it. `prefix` runs it under another program (prlimit). */
export function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
  prefix: string[] = [],
): Promise<CliResult> {
  return startCli(args, env, prefix).done;
}

/** The CLI started, with its process (to signal it) and its end. */
export function startCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  prefix: string[] = [],
): { child: ChildProcess; done: Promise<CliResult> } {
  const [cmd, ...rest] = prefix.length
    ? [...prefix, process.execPath, BIN, ...args]
    : [process.execPath, BIN, ...args];
  const child = spawn(cmd!, rest, {
    env: { ...process.env, WEBRUN_API_KEY: '', WEBRUN_SANDBOX_TIME_SCALE: '0.001', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : null), stdout, stderr }),
    ),
  );
  return { child, done };
}

/** One line, no stack trace: what a person should see when the CLI refuses. */
/**
 * A refusal of bad usage as the CLI writes it (issue 24): one sentence, then the usage line,
 * and no stack trace.
 */
export function isSentenceAndUsage(text: string): boolean {
  const lines = text.trim().split('\n');
  return (
    lines.length === 2 &&
    /^webrun-desk: .+[.?!]$/.test(lines[0]!) &&
    /^Usage: /.test(lines[1]!) &&
    !/\n\s+at |^\s+at /m.test(text)
  );
}

export function countRows(dbPath: string, table = 'tasks'): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export function printTable(title: string, rows: Record<string, string | number>): string {
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  const lines = [
    title,
    ...Object.entries(rows).map(([k, v]) => `  ${k.padEnd(width)}  ${String(v).padStart(6)}`),
  ];
  const text = lines.join('\n');
  process.stdout.write(`${text}\n`);
  return text;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
