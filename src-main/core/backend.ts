// Where tasks go: WebRun itself (its cloud address or a custom one) when there is an API key,
// otherwise the built-in sandbox, started here, so the app works out of the box.
import { randomBytes } from 'node:crypto';
import type { AppInfo } from '../contract/index';
import { DEFAULT_BASE_URL } from './config';
import { INACTIVITY_MS } from './expiry';
import { startSandbox, type SandboxHandle, type SandboxOptions } from './sandbox/index';

export interface BackendOptions {
  /** No key: the built-in sandbox is started and used. */
  apiKey?: string | null;
  baseUrl?: string | null;
  sandbox?: SandboxOptions;
}

export interface Backend {
  apiKey: string;
  baseUrl: string;
  kind: AppInfo['backend']['kind'];
  sandbox: SandboxHandle | null;
  /** How long WebRun lets a session sit idle: 5 minutes, unless the sandbox was told to scale it. */
  inactivityMs: number;
}

/** WebRun itself when a key is set; otherwise the built-in sandbox, started here. */
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
    };
  // Task durations are scaled; WebRun's 5-minute expiry stays at real time unless told otherwise,
  // so a person can still act on a question before it expires.
  const sandboxOptions = { timeScale: 0.1, expiryScale: 1, ...options.sandbox };
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
  };
}
