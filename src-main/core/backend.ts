// Where tasks go: WebRun itself (its cloud address or a custom one) when there is an API key,
// otherwise the built-in sandbox, so the app works out of the box. The app, browser mode, the
// CLI and the MCP server share one sandbox per history (shared-sandbox/): a task one of them
// sends can be followed, resumed and answered from any other. Unit tests that drive a sandbox
// of their own (faults, clocks) start it inside their process instead.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { AppInfo } from '../contract/index';
import { DEFAULT_BASE_URL } from './config';
import { INACTIVITY_MS } from './webrun/expiry';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../sandbox/index';
import {
  findOrStartSandbox,
  keepSandboxAlive,
  sandboxApiKey,
  DEFAULT_QUIET_MS,
  type FoundSandbox,
} from './shared-sandbox/index';

export interface BackendOptions {
  /** No key: the built-in sandbox is started and used. */
  apiKey?: string | null;
  baseUrl?: string | null;
  sandbox?: SandboxOptions;
  /**
   * 'history' (what every host passes): the one sandbox of this history, found or started
   * detached beside it, shared with every other process on it. 'process' (the default, for
   * tests): a private sandbox inside this process, gone when it closes.
   */
  sandboxScope?: 'history' | 'process';
  /** The history file, for a sandbox of scope 'history' (none: a read-only history gets a private one). */
  historyPath?: string;
  /** How long a shared sandbox stays without requests and tasks before it stops by itself. */
  sandboxQuietMs?: number;
}

export interface Backend {
  apiKey: string;
  baseUrl: string;
  kind: AppInfo['backend']['kind'];
  /** The in-process sandbox (scope 'process'); null for WebRun and for a shared sandbox. */
  sandbox: SandboxHandle | null;
  /** How long WebRun lets a session sit idle: 5 minutes, unless the sandbox was told to scale it. */
  inactivityMs: number;
  /** Stops this process's sandbox, or its hold on the shared one (which stops by itself later). */
  close(): Promise<void>;
}

/** WebRun itself when a key is set; otherwise the built-in sandbox, started or found here. */
export async function startBackend(
  options: BackendOptions,
  log: (line: string) => void,
): Promise<Backend> {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (options.apiKey)
    return {
      apiKey: options.apiKey,
      baseUrl,
      kind: baseUrl !== DEFAULT_BASE_URL ? 'custom' : 'cloud',
      sandbox: null,
      inactivityMs: INACTIVITY_MS,
      close: async () => {},
    };
  // Task durations are scaled; WebRun's 5-minute expiry stays at real time unless told otherwise,
  // so a person can still act on a question before it expires.
  const sandboxOptions = { timeScale: 0.1, expiryScale: 1, ...options.sandbox };
  if (
    options.sandboxScope === 'history' &&
    options.historyPath &&
    options.historyPath !== ':memory:'
  )
    return sharedBackend(
      { ...options, historyPath: resolve(options.historyPath) },
      sandboxOptions,
      log,
    );
  const sandbox = await startSandbox(sandboxOptions);
  log(
    `No WebRun API key set: using the built-in sandbox at ${sandbox.url} (results are simulated).`,
  );
  return {
    apiKey: `wr_sandbox_${randomBytes(12).toString('hex')}`,
    baseUrl: sandbox.url,
    kind: 'sandbox',
    sandbox,
    inactivityMs: INACTIVITY_MS * sandboxOptions.expiryScale,
    close: () => sandbox.close(),
  };
}

async function sharedBackend(
  options: BackendOptions & { historyPath: string },
  sandboxOptions: SandboxOptions & { expiryScale: number },
  log: (line: string) => void,
): Promise<Backend> {
  const { port: _port, onlyKey: _onlyKey, ...shareable } = sandboxOptions;
  const request = {
    historyPath: options.historyPath,
    options: shareable,
    quietMs: options.sandboxQuietMs ?? DEFAULT_QUIET_MS,
  };
  const found = await findOrStartSandbox(request);
  log(sharedSandboxLine(found, shareable));
  const keepAlive = keepSandboxAlive(found.file, request, log);
  const expiryScale = found.file.options.expiryScale;
  return {
    apiKey: sandboxApiKey(found.file.token),
    baseUrl: found.file.url,
    kind: 'sandbox',
    sandbox: null,
    inactivityMs: INACTIVITY_MS * (typeof expiryScale === 'number' ? expiryScale : 1),
    close: async () => keepAlive.stop(),
  };
}

const SHOWN_OPTIONS = [
  ['timeScale', 'time scale'],
  ['expiryScale', 'expiry scale'],
  ['balance', 'balance'],
] as const;

/** Where this process's own sandbox options differ from those the running sandbox started with. */
function differences(file: FoundSandbox['file'], asked: SandboxOptions): string[] {
  return SHOWN_OPTIONS.filter(
    ([key]) => JSON.stringify(asked[key] ?? null) !== JSON.stringify(file.options[key] ?? null),
  ).map(
    ([key, label]) =>
      `${label} ${JSON.stringify(file.options[key] ?? null)} (this process asked for ${JSON.stringify(asked[key] ?? null)})`,
  );
}

function sharedSandboxLine(found: FoundSandbox, asked: SandboxOptions): string {
  const { file, started, replaced } = found;
  const where = `${file.url} (pid ${file.pid}; results are simulated)`;
  if (replaced)
    return `No WebRun API key set: this history's built-in sandbox (pid ${replaced.pid}) had stopped unexpectedly, so a fresh one started at ${where}; the simulated tasks it was running are lost.`;
  if (started)
    return `No WebRun API key set: started this history's built-in sandbox at ${where}; the other processes on this history use it too.`;
  const differ = differences(file, asked);
  return `No WebRun API key set: using this history's built-in sandbox at ${where}, started by another process${
    differ.length > 0 ? `; it runs with that process's options: ${differ.join(', ')}` : ''
  }.`;
}
