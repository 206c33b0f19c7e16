// Is the sandbox a file names really there? Asks its health route with the file's token: only
// that sandbox answers 200 with its own pid. A dead pid or a refused connection means the file
// is stale; a live pid that is slow to answer (a busy machine), or whose answer is lost on the
// way, is asked again before giving up.
import { pidAlive } from './pid';
import { sandboxApiKey, type SandboxFile } from './sandbox-file';

export type Probe = 'live' | 'stale';

export async function probeSandbox(
  file: SandboxFile,
  options: { attempts?: number; timeoutMs?: number } = {},
): Promise<Probe> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (!pidAlive(file.pid)) return 'stale';
    const answer = await askHealth(file, options.timeoutMs ?? 3_000);
    if (answer === 'live' || answer === 'stale') return answer;
  }
  return 'stale';
}

async function askHealth(file: SandboxFile, timeoutMs: number): Promise<Probe | 'slow'> {
  let response: Response;
  try {
    response = await fetch(`${file.url}/__sandbox/health`, {
      headers: { Authorization: `Bearer ${sandboxApiKey(file.token)}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // Nothing listens there: stale. Anything else (a timeout, a reset, a socket closed mid-way)
    // is an answer lost on the way from a process that is alive: ask again. Calling it stale
    // made the keep-alive replace a live sandbox, whose tasks and balance were then lost.
    return refused(error) ? 'stale' : 'slow';
  }
  if (response.status !== 200) return 'stale';
  try {
    const body = (await response.json()) as { pid?: unknown };
    return body.pid === file.pid ? 'live' : 'stale';
  } catch {
    return 'slow'; // the body was cut off on the way
  }
}

function refused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return cause?.code === 'ECONNREFUSED';
}
