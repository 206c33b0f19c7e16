// The shared sandbox's own process: starts the sandbox on 127.0.0.1, accepting only the key
// derived from its token, publishes its file beside the history, and stops by itself once it
// has had no request for its quiet period and no task is left running, paused or waiting at a
// guardrail. Processes on the history keep it awake while they live (keep-alive.ts). It stops at
// once when the history itself is deleted.
import { existsSync, rmSync } from 'node:fs';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../sandbox/index';
import { probeSandbox } from './probe';
import {
  publishSandboxFile,
  readSandboxFile,
  removeSandboxFile,
  sandboxApiKey,
  sandboxFilePath,
  type SandboxFile,
} from './sandbox-file';

export interface HostConfig {
  historyPath: string;
  quietMs: number;
  options: SandboxFile['options'];
  /** The address a previous sandbox of this history had, so its clients find the new one there. */
  port?: number;
}

/** Starts and publishes; resolves 'published', or 'lost' when another live sandbox got there first. */
export async function runHost(
  config: HostConfig,
  token: string,
  exit: (code: number) => void,
): Promise<'published' | 'lost'> {
  const sandbox = await listen(config, token);
  const path = sandboxFilePath(config.historyPath);
  const file: SandboxFile = {
    version: 1,
    pid: process.pid,
    url: sandbox.url,
    token,
    startedAt: new Date().toISOString(),
    quietMs: config.quietMs,
    options: config.options,
  };
  if (!(await publish(path, file))) {
    await sandbox.close();
    return 'lost';
  }
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(watch);
    removeSandboxFile(path, file);
    await sandbox.close();
    exit(0);
  };
  const watch = setInterval(
    () => {
      // A deleted history: nobody can follow or answer its tasks any more.
      if (!existsSync(config.historyPath)) return void stop();
      const { lastRequestAt, unfinishedTasks } = sandbox.activity();
      if (unfinishedTasks > 0) return;
      const quiet = Date.now() - lastRequestAt >= config.quietMs;
      // A successor's file (this one was found dead-looking and replaced): no one new will come.
      const replaced = readSandboxFile(path)?.pid !== process.pid;
      if (quiet || replaced) void stop();
    },
    Math.max(50, Math.min(config.quietMs / 4, 5_000)),
  );
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  return 'published';
}

async function listen(config: HostConfig, token: string): Promise<SandboxHandle> {
  const options: SandboxOptions = {
    ...(config.options as SandboxOptions),
    onlyKey: sandboxApiKey(token),
  };
  if (config.port) {
    try {
      return await startSandbox({ ...options, port: config.port });
    } catch {
      // The old address is taken by something else now: any free port will do.
    }
  }
  return startSandbox(options);
}

/** Publishes the file, replacing a stale one; false when a live sandbox already has it. */
async function publish(path: string, file: SandboxFile): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (publishSandboxFile(path, file)) return true;
    const current = readSandboxFile(path);
    if (current && (await probeSandbox(current)) === 'live') return false;
    if (current) removeSandboxFile(path, current);
    else rmSync(path, { force: true }); // unreadable: not a sandbox's file
  }
  return false;
}
