// Starts `webrun-desk serve` exactly as a user would (node bin/webrun-desk.mjs serve) and
// times it from spawn to the printed URL.
import { spawn } from 'node:child_process';

export interface ServeProcess {
  url: string;
  /** Spawn → "Open: <url>" on stdout. */
  readyMs: number;
  /** SIGTERM, then its exit code (0 when it closed cleanly) or the signal that ended it. */
  stop(): Promise<number | string | null>;
}

export async function startServe(
  dbPath: string,
  env: Record<string, string> = {},
  /** Node's own options before the bin, e.g. --cpu-prof for a profile of the start. */
  nodeArgs: string[] = [],
): Promise<ServeProcess> {
  const t0 = performance.now();
  const args = [...nodeArgs, 'bin/webrun-desk.mjs', 'serve', '--db', dbPath];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, WEBRUN_API_KEY: '', WEBRUN_SANDBOX_TIME_SCALE: '0.01', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4_000)));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`webrun-desk serve exited early: ${stderr}`)));
  });
  const readyMs = performance.now() - t0;
  return {
    url,
    readyMs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
