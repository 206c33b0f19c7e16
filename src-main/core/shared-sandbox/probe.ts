// Is the sandbox a file names really there? Asks its health route with the file's token: only
// that sandbox answers 200 with its own pid. A dead pid or a refused connection means the file
// is stale; a live pid that is slow to answer (a busy machine) is asked again before giving up.
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
  try {
    const response = await fetch(`${file.url}/__sandbox/health`, {
      headers: { Authorization: `Bearer ${sandboxApiKey(file.token)}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) return 'stale';
    const body = (await response.json()) as { pid?: unknown };
    return body.pid === file.pid ? 'live' : 'stale';
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'slow' : 'stale';
  }
}
