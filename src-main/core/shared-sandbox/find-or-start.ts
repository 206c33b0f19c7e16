// Every process on one history without an API key uses one sandbox: it finds the one the file
// beside the history names (and checks it answers with that file's token), or, when there is
// none or it is gone, starts it under the history's start lock, so two processes starting at
// the same moment end up on the same sandbox. A sandbox started after a dead one takes over its
// address and token where it can, so processes still holding them carry on against it.
import { rmSync } from 'node:fs';
import { launchHost } from './launch';
import { probeSandbox } from './probe';
import {
  newToken,
  readSandboxFile,
  removeSandboxFile,
  sandboxFilePath,
  type SandboxFile,
} from './sandbox-file';
import { withStartLock } from './start-lock';

export interface SharedSandboxRequest {
  historyPath: string;
  /** Used only when this process starts it; a running sandbox keeps the options it started with. */
  options: SandboxFile['options'];
  quietMs: number;
}

export interface FoundSandbox {
  file: SandboxFile;
  /** This process started it. */
  started: boolean;
  /** The dead sandbox this one replaces (its tasks are lost), if any. */
  replaced: SandboxFile | null;
}

/**
 * previous: the sandbox this process used until now (keep-alive.ts), so that one started after it
 * stopped cleanly takes its address and token as well.
 */
export async function findOrStartSandbox(
  request: SharedSandboxRequest,
  previous: SandboxFile | null = null,
): Promise<FoundSandbox> {
  const path = sandboxFilePath(request.historyPath);
  const seen = readSandboxFile(path);
  if (seen && (await probeSandbox(seen)) === 'live')
    return { file: seen, started: false, replaced: null };
  return withStartLock(request.historyPath, async () => {
    // Another process may have started it while this one waited for the lock.
    const current = readSandboxFile(path);
    if (current && (current.pid !== seen?.pid || current.token !== seen.token))
      if ((await probeSandbox(current)) === 'live')
        return { file: current, started: false, replaced: null };
    const stale = current ?? seen;
    if (current) removeSandboxFile(path, current);
    else rmSync(path, { force: true }); // unreadable: not a sandbox's file
    const heir = stale ?? previous;
    const file = await launchHost(
      {
        historyPath: request.historyPath,
        quietMs: request.quietMs,
        options: request.options,
        ...(heir ? { port: Number(new URL(heir.url).port) } : {}),
      },
      heir?.token ?? newToken(),
    );
    return { file, started: true, replaced: stale };
  });
}
