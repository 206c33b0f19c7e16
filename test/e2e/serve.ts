// Starts `webrun-desk serve` as a user would and hands back the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  url: string;
  /** The app's own temp folder: its history, secrets and shared-sandbox file. */
  dir: string;
  /** The history database in it, for the CLI and direct reads. */
  db: string;
  stop(): Promise<void>;
}

export async function serveApp(env: Record<string, string> = {}): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'webrun-desk-e2e-'));
  const db = join(dir, 'history.db');
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/webrun-desk.mjs', 'serve', '--db', db],
    {
      // The history's shared sandbox stops within 5 s of stop() removing dir. Its quiet period
      // stays long: with 2 s, the sandbox under a live app was replaced while a held queue sent
      // nothing, and the new one started with a fresh balance (money.spec's "Try again" found it;
      // an open problem of the keep-alive, noted in the closing note).
      env: {
        ...process.env,
        WEBRUN_API_KEY: '',
        WEBRUN_SANDBOX_TIME_SCALE: '0.01',
        WEBRUN_SANDBOX_QUIET_MS: '600000',
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
    db,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
