// A process on the history keeps its shared sandbox awake: it asks the health route every third
// of the quiet period, so the sandbox stops only once no process uses it. When the sandbox is
// gone (killed, or it stopped while the machine slept), the process starts it again at the same
// address with the same token, so its client carries on, and says that the tasks it ran are lost.
import { findOrStartSandbox, type SharedSandboxRequest } from './find-or-start';
import { probeSandbox } from './probe';
import type { SandboxFile } from './sandbox-file';

export interface KeepAlive {
  stop(): void;
}

export function keepSandboxAlive(
  file: SandboxFile,
  request: SharedSandboxRequest,
  log: (line: string) => void,
): KeepAlive {
  let current = file;
  let busy = false;
  let moved = false;
  const beat = async (): Promise<void> => {
    if (busy || moved) return;
    busy = true;
    try {
      if ((await probeSandbox(current, { attempts: 2 })) === 'live') return;
      const found = await findOrStartSandbox(request, current);
      if (found.file.url !== current.url || found.file.token !== current.token) {
        moved = true;
        log(
          `The built-in sandbox of this history stopped and another started at ${found.file.url}; restart this process to use it.`,
        );
        return;
      }
      current = found.file;
      if (found.started)
        log(
          `The built-in sandbox of this history stopped unexpectedly and was started again at ${found.file.url}; the simulated tasks it was running are lost.`,
        );
    } catch (error) {
      log(`The built-in sandbox of this history could not be checked: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const every = Math.max(100, Math.min(file.quietMs / 3, 60_000));
  const timer = setInterval(() => void beat(), every);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
