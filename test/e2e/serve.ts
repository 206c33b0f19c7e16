// Starts `webrun-desk serve` as a user would and hands back the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

export async function serveApp(env: Record<string, string> = {}): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'webrun-desk-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/webrun-desk.mjs', 'serve', '--db', join(dir, 'history.db')],
    {
      // The history's shared sandbox stops 2 s after the app (and at once when dir is removed).
      env: {
        ...process.env,
        WEBRUN_API_KEY: '',
        WEBRUN_SANDBOX_TIME_SCALE: '0.01',
        WEBRUN_SANDBOX_QUIET_MS: '2000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(String(chunk));
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) =>
      reject(new Error(`webrun-desk serve exited with ${code}: ${stderr}`)),
    );
  });
  return {
    url,
    dir,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
